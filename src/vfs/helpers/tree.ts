import { FsError, isFsError } from '../errors.js';
import { dirname, joinPath, normalizePath } from '../path.js';
import type { FileSystem } from '../types.js';
import { throwIfAborted, toFsError } from './abort.js';
import { listSorted } from './walk.js';
import { runWindowed } from './window.js';

export interface MkdirpOptions {
  /** Permission bits of each directory created. */
  mode?: number;
  signal?: AbortSignal;
}

export interface RmrfOptions {
  signal?: AbortSignal;
}

/** Unlinks issued at once inside one directory. */
export const RMRF_WINDOW = 8;

const codeOf = (e: unknown) => (isFsError(e) ? e.code : undefined);

/**
 * Creates path and any missing parents, like mkdir -p. An existing directory is fine;
 * an existing non-directory fails with EEXIST (ENOTDIR when it is a parent). The
 * common case, parent present, costs one mkdir. Resolves to the first directory
 * created, if any.
 */
export async function mkdirp(fs: FileSystem, path: string, opts: MkdirpOptions = {}): Promise<string | undefined> {
  return ensureDirectory(fs, normalizePath(path), true, opts);
}

async function ensureDirectory(fs: FileSystem, path: string, leaf: boolean, opts: MkdirpOptions): Promise<string | undefined> {
  const { signal, mode } = opts;
  const ctx = { syscall: 'mkdir', path };
  throwIfAborted(signal, ctx);
  if (path === '/') return undefined;
  let first: string | undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.mkdir(path, mode, { signal });
      return first ?? path;
    } catch (e) {
      const code = codeOf(e);
      if (code === 'EEXIST') {
        await expectDirectory(fs, path, leaf, e, signal);
        return first;
      }
      if (code !== 'ENOENT' || attempt > 0) throw toFsError(e, ctx, signal);
    }
    first = await ensureDirectory(fs, dirname(path), false, opts);
  }
}

async function expectDirectory(fs: FileSystem, path: string, leaf: boolean, cause: unknown, signal?: AbortSignal): Promise<void> {
  let type;
  try {
    type = (await fs.stat(path, { signal })).type;
  } catch (e) {
    throw toFsError(e, { syscall: 'stat', path }, signal);
  }
  if (type === 'directory') return;
  if (leaf) throw toFsError(cause, { syscall: 'mkdir', path }, signal);
  throw new FsError('ENOTDIR', 'a parent is not a directory', { syscall: 'mkdir', path, cause });
}

/**
 * Removes path and everything below it, like rm -rf: a missing path is not an error,
 * symlinks are removed, never followed. Files of one directory are unlinked several at
 * a time. Refuses the root of the file system (EPERM).
 */
export async function rmrf(fs: FileSystem, path: string, opts: RmrfOptions = {}): Promise<void> {
  const target = normalizePath(path);
  const { signal } = opts;
  if (target === '/') throw new FsError('EPERM', 'refusing to remove the root', { syscall: 'rmdir', path: target });
  throwIfAborted(signal, { syscall: 'rmdir', path: target });
  let type;
  try {
    type = (await fs.lstat(target, { signal })).type;
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return;
    throw toFsError(e, { syscall: 'lstat', path: target }, signal);
  }
  if (type === 'directory') await removeTree(fs, target, signal);
  else await ignoreMissing(() => fs.unlink(target, { signal }), 'unlink', target, signal);
}

async function removeTree(fs: FileSystem, dir: string, signal?: AbortSignal): Promise<void> {
  let entries;
  try {
    entries = await listSorted(fs, dir, signal);
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return;
    throw e;
  }
  const files = entries.filter((e) => e.stat.type !== 'directory').values();
  await runWindowed(
    () => files.next().value,
    async (entry) => {
      const child = joinPath(dir, entry.name);
      await ignoreMissing(() => fs.unlink(child, { signal }), 'unlink', child, signal);
    },
    RMRF_WINDOW,
    { syscall: 'unlink', path: dir },
    signal,
  );
  // Subdirectories one at a time, so the requests in flight stay within one window.
  for (const entry of entries) if (entry.stat.type === 'directory') await removeTree(fs, joinPath(dir, entry.name), signal);
  await ignoreMissing(() => fs.rmdir(dir, { signal }), 'rmdir', dir, signal);
}

async function ignoreMissing(op: () => Promise<void>, syscall: string, path: string, signal?: AbortSignal): Promise<void> {
  try {
    await op();
  } catch (e) {
    if (codeOf(e) !== 'ENOENT') throw toFsError(e, { syscall, path }, signal);
  }
}
