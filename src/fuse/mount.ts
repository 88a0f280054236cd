import { readdir, realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FsError, type ErrnoCode } from '../vfs/errors.js';
import { nodeErrorCode } from '../vfs/helpers/abort.js';
import type { FileSystem } from '../vfs/types.js';
import { nativeMount, type NativeMount } from './binding.js';
import type { ErrorLog } from './errno.js';
import { mountAt } from './mountinfo.js';
import { FuseAdapter } from './operations.js';
import { libfuseOptions, parseMountOptions, type MountOptions } from './options.js';

/** The file system type a netfs mount shows in /proc/mounts (subtype=netfs). */
export const FSTYPE = 'fuse.netfs';
/** How often a mount looks whether it was unmounted from outside (netfs umount, fusermount -u). */
const WATCH_INTERVAL_MS = 500;
/** What fuse-native's own bound on a request adds to the FileSystem's request timeout. */
const REQUEST_GRACE_MS = 2_000;
const DEFAULT_TIMEOUT_MS = 30_000;

export interface MountParams {
  /** The file system to serve: anything connect() returns, or any other FileSystem. */
  fs: FileSystem;
  mountpoint: string;
  /** The directory of fs shown at the mount's root (default '/'). */
  root?: string;
  /** Parsed -o options (default: parseMountOptions([])). */
  options?: MountOptions;
  /** The mount's source in /proc/mounts and df, e.g. the URL without its password. */
  fsname?: string;
  /** The FileSystem's own request timeout: every FUSE request is answered within it plus a little. */
  timeoutMs?: number;
  log?: ErrorLog;
}

export interface Mount {
  /** The absolute mount point. */
  readonly mountpoint: string;
  readonly adapter: FuseAdapter;
  /** Resolves once the mount is gone, whoever unmounted it; the FileSystem is not closed. */
  readonly gone: Promise<void>;
  /** Unmounts (lazily, as libfuse does: processes inside keep what they have open) and stops serving. */
  unmount(): Promise<void>;
}

function mountError(code: ErrnoCode, message: string, path: string, cause?: unknown): FsError {
  return new FsError(code, message, { syscall: 'mount', path, ...(cause === undefined ? {} : { cause }) });
}

/** The mount point, resolved, once it is known to be a directory that can take a mount; a clear error otherwise. */
export async function checkMountpoint(mountpoint: string, nonempty: boolean): Promise<string> {
  const given = resolve(mountpoint);
  try {
    const st = await stat(given);
    if (!st.isDirectory()) throw mountError('ENOTDIR', 'the mount point is not a directory', given);
  } catch (e) {
    if (e instanceof FsError) throw e;
    const code = nodeErrorCode(e);
    if (code === 'ENOENT') throw mountError('ENOENT', 'the mount point does not exist (make the directory first)', given, e);
    if (code === 'ENOTCONN') throw mountError('ENOTCONN', `the mount point is a FUSE mount whose server process is gone: unmount it first (netfs umount ${given})`, given, e);
    throw mountError(code ?? 'EIO', `cannot use the mount point: ${e instanceof Error ? e.message : String(e)}`, given, e);
  }
  const mp = await realpath(given);
  const there = await mountAt(mp);
  if (there) throw mountError('EBUSY', `the mount point is busy: ${there.fstype} ${there.source} is mounted there (unmount it first)`, mp);
  if (!nonempty && (await readdir(mp)).length > 0) throw mountError('ENOTEMPTY', 'the mount point is not empty (use -o nonempty to mount over it)', mp);
  return mp;
}

/**
 * Mounts a FileSystem with FUSE and serves it from this process until unmounted. Resolves
 * once the kernel has the mount (its INIT came through).
 */
export async function mount(p: MountParams): Promise<Mount> {
  const options = p.options ?? parseMountOptions([]);
  const mp = await checkMountpoint(p.mountpoint, options.nonempty);
  const timeoutMs = p.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const adapter = new FuseAdapter(p.fs, {
    root: p.root,
    attrTimeoutMs: options.attrTimeout * 1000,
    entryTimeoutMs: options.entryTimeout * 1000,
    readOnly: options.readOnly,
    log: p.log,
  });
  // Which mount is ours: known once it is up (another mount may later take the same place).
  const ours: { id?: number } = {};
  const isMounted = async () => {
    const m = await mountAt(mp);
    return m !== undefined && m.fstype === FSTYPE && (ours.id === undefined || m.id === ours.id);
  };
  const native: NativeMount = await nativeMount(mp, adapter.operations(), libfuseOptions(options, p.fsname ?? `netfs:${p.fs.protocol}`), timeoutMs + REQUEST_GRACE_MS, isMounted);
  ours.id = (await mountAt(mp))?.id;

  let finished: Promise<void> | undefined;
  let markGone!: () => void;
  const gone = new Promise<void>((res) => (markGone = res));
  const finish = (): Promise<void> => {
    finished ??= (async () => {
      clearInterval(watch);
      try {
        await native.unmount();
      } finally {
        await adapter.closeAll();
        markGone();
      }
    })();
    return finished;
  };
  let checking = false;
  const watch = setInterval(() => {
    if (checking) return;
    checking = true;
    isMounted()
      .then((still) => (still ? undefined : finish()))
      .catch(() => undefined)
      .finally(() => (checking = false));
  }, WATCH_INTERVAL_MS);

  return { mountpoint: mp, adapter, gone, unmount: finish };
}
