import { constants } from 'node:os';
import { isFsError, type ErrnoCode } from '../vfs/errors.js';

const errno = constants.errno;

/**
 * Codes that mean "the connection to the server is gone". Through a mount they become EIO:
 * ENOTCONN on a FUSE mount reads as "the mount itself is dead" (what a crashed daemon gives),
 * and the mount is still alive and answering.
 */
const CONNECTION_LOST = new Set<string>(['ENOTCONN', 'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'ESHUTDOWN']);

/** Enough to see every distinct bug, few enough that a failing loop cannot flood the log. */
const MAX_LOGGED = 20;

export type ErrorLog = (message: string) => void;

/**
 * The one place where a failure becomes a FUSE result (DESIGN.md: fuse/ is the only place
 * an FsError becomes -errno). An FsError gives its own code; anything else (a bug, not a
 * file system answer) becomes EIO and is logged, once per distinct message.
 */
export class ErrnoMapper {
  /** Distinct unexpected errors logged so far; past MAX_LOGGED the rest go unlogged. */
  private readonly logged = new Set<string>();

  constructor(private readonly log: ErrorLog) {}

  /** The negative errno for a failure of operation `op` on `path`. */
  toErrno(e: unknown, op: string, path: string): number {
    if (isFsError(e)) {
      const code: ErrnoCode = CONNECTION_LOST.has(e.code) ? 'EIO' : e.code;
      return -(errno[code] ?? errno.EIO);
    }
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    if (!this.logged.has(what) && this.logged.size < MAX_LOGGED) {
      this.logged.add(what);
      this.log(`netfs: unexpected error in ${op} '${path}', answered EIO (logged once): ${what}${e instanceof Error && e.stack ? '\n' + e.stack : ''}`);
    }
    return -errno.EIO;
  }
}

/** -errno of a code, for answers the adapter gives itself. */
export function negErrno(code: ErrnoCode): number {
  return -(errno[code] ?? errno.EIO);
}
