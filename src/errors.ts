import { constants } from 'node:os';

/** POSIX error codes netfs uses; each has a number in os.constants.errno. */
export type ErrnoCode = keyof typeof constants.errno;

export interface FsErrorInit {
  /** The VFS operation, as Node names syscalls: 'stat', 'open', 'read', 'rename'... */
  syscall?: string;
  path?: string;
  /** Destination of a rename/link/symlink. */
  dest?: string;
  /** 'smb2', 'cifs', 'nfs4'... */
  protocol?: string;
  /** The raw protocol status name, e.g. 'STATUS_OBJECT_NAME_NOT_FOUND' or 'NFS4ERR_NOENT'. */
  status?: string;
  /** The raw protocol status value, e.g. 0xc0000034. */
  statusCode?: number;
  cause?: unknown;
}

/**
 * Every failure of a VFS operation. Shaped like Node's fs errors (code, errno, syscall,
 * path) so callers can treat it as one, plus the protocol status that caused it.
 */
export class FsError extends Error {
  override name = 'FsError';
  readonly code: ErrnoCode;
  /** Negative errno, as Node's fs errors carry it (-2 for ENOENT). */
  readonly errno: number;
  readonly syscall?: string;
  readonly path?: string;
  readonly dest?: string;
  readonly protocol?: string;
  readonly status?: string;
  readonly statusCode?: number;
  /** What went wrong, without the code, operation and path that `message` adds. */
  readonly detail: string;

  constructor(code: ErrnoCode, message: string, init: FsErrorInit = {}) {
    super(describe(code, message, init), init.cause === undefined ? undefined : { cause: init.cause });
    this.detail = message;
    this.code = code;
    this.errno = -(constants.errno[code] ?? constants.errno.EIO);
    this.syscall = init.syscall;
    this.path = init.path;
    this.dest = init.dest;
    this.protocol = init.protocol;
    this.status = init.status;
    this.statusCode = init.statusCode;
  }

  /** The same error, with the operation and path filled in where missing. */
  withContext(init: FsErrorInit): FsError {
    if (this.syscall && this.path !== undefined) return this;
    return this.rebuild({
      syscall: this.syscall ?? init.syscall,
      path: this.path ?? init.path,
      dest: this.dest ?? init.dest,
      protocol: this.protocol ?? init.protocol,
      status: this.status,
      statusCode: this.statusCode,
      cause: this.cause,
    });
  }

  /** The same error with other context (subclasses keep their class). */
  protected rebuild(init: FsErrorInit): FsError {
    return new FsError(this.code, this.detail, init);
  }
}

function describe(code: string, message: string, init: FsErrorInit): string {
  let s = `${code}: ${message}`;
  if (init.syscall) s += `, ${init.syscall}`;
  if (init.path !== undefined) s += ` '${init.path}'`;
  if (init.dest !== undefined) s += ` -> '${init.dest}'`;
  if (init.status) s += ` [${init.protocol ? init.protocol + ' ' : ''}${init.status}]`;
  return s;
}

/** A reply that is malformed or breaks the protocol: the server, not the caller, is at fault. */
export class ProtocolError extends FsError {
  override name = 'ProtocolError';
  constructor(
    message: string,
    readonly offset?: number,
    init: FsErrorInit = {},
  ) {
    super('EPROTO', offset === undefined ? message : `${message} (at offset ${offset})`, init);
    this.bareMessage = message;
  }

  private readonly bareMessage: string;

  protected override rebuild(init: FsErrorInit): FsError {
    return new ProtocolError(this.bareMessage, this.offset, init);
  }
}

export function isFsError(e: unknown): e is FsError {
  return e instanceof FsError;
}
