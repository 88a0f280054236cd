import { open as openLocal, link, lstat, rename, unlink, type FileHandle as LocalHandle } from 'node:fs/promises';
import { basename as localBasename, dirname as localDirname, join as localJoin } from 'node:path';
import { FsError, isFsError } from '../errors.js';
import { basename, dirname, joinPath } from '../path.js';
import type { FileHandle, FileSystem } from '../types.js';
import { nodeErrorCode, toFsError } from './abort.js';

/** One side of a copy: a path in a FileSystem, or (a string) a local path. */
export type CopyEndpoint = string | { fs: FileSystem; path: string };

/** The suffix of the file a copy writes before it has the whole content. */
export const PARTIAL_MARK = '.netfs-partial-';

export interface CopySource {
  readonly size: number;
  /** Bytes per request this side prefers. */
  readonly chunk: number;
  readonly reader: Pick<FileHandle, 'read'>;
  close(): Promise<void>;
}

export interface CopySink {
  readonly chunk: number;
  write(data: Buffer, position: number, signal?: AbortSignal): Promise<void>;
  /** Moves the finished file under its final name (replacing one only when overwrite). */
  commit(overwrite: boolean, signal?: AbortSignal): Promise<void>;
  /** Closes and removes the partial file; never throws. */
  discard(): Promise<void>;
}

/** Local files are read and written in requests of this size. */
export const LOCAL_CHUNK = 1024 * 1024;

export function describeEndpoint(e: CopyEndpoint): string {
  return typeof e === 'string' ? e : `${e.fs.protocol}:${e.path}`;
}

export async function openSource(src: CopyEndpoint, signal?: AbortSignal): Promise<CopySource> {
  if (typeof src === 'string') {
    const fh = await local(() => openLocal(src, 'r'), 'open', src);
    try {
      const size = (await local(() => fh.stat(), 'stat', src)).size;
      return { size, chunk: LOCAL_CHUNK, reader: localReader(fh, src), close: () => fh.close() };
    } catch (e) {
      await fh.close().catch(() => undefined);
      throw e;
    }
  }
  const handle = await src.fs.open(src.path, { read: true }, { signal });
  try {
    const size = (await handle.stat({ signal })).size;
    return { size, chunk: Math.max(1, src.fs.ioSize), reader: handle, close: () => handle.close() };
  } catch (e) {
    await handle.close().catch(() => undefined);
    throw e;
  }
}

/** Fails with EEXIST when the destination exists (the early check of a copy that must not overwrite). */
export async function ensureAbsent(dst: CopyEndpoint, signal?: AbortSignal): Promise<void> {
  try {
    if (typeof dst === 'string') await lstat(dst);
    else await dst.fs.lstat(dst.path, { signal });
  } catch (e) {
    const code = typeof dst === 'string' ? nodeErrorCode(e) : isFsError(e) ? e.code : undefined;
    if (code === 'ENOENT') return;
    throw toFsError(e, { syscall: 'lstat', path: describeEndpoint(dst) }, signal);
  }
  throw new FsError('EEXIST', 'destination exists', { syscall: 'copy', path: describeEndpoint(dst) });
}

export async function openSink(dst: CopyEndpoint, suffix: string, signal?: AbortSignal): Promise<CopySink> {
  return typeof dst === 'string' ? openLocalSink(dst, suffix) : openFsSink(dst.fs, dst.path, suffix, signal);
}

async function openFsSink(fs: FileSystem, path: string, suffix: string, signal?: AbortSignal): Promise<CopySink> {
  const temp = joinPath(dirname(path), basename(path) + PARTIAL_MARK + suffix);
  const handle = await fs.open(temp, { write: true, create: true, exclusive: true }, { signal }).catch((e: unknown) => {
    // The partial file is netfs's own business: name the target the caller asked for.
    if (!isFsError(e)) throw e;
    throw new FsError(e.code, 'cannot create the file', { syscall: 'open', path, protocol: e.protocol, status: e.status, statusCode: e.statusCode, cause: e });
  });
  let open = true;
  const close = async () => {
    if (!open) return;
    open = false;
    await handle.close();
  };
  return {
    chunk: Math.max(1, fs.ioSize),
    write: async (data, position, s) => {
      await handle.write(data, position, { signal: s });
    },
    commit: async (overwrite, s) => {
      await close();
      await fs.rename(temp, path, { replace: overwrite, signal: s });
    },
    discard: async () => {
      await close().catch(() => undefined);
      await fs.unlink(temp).catch(() => undefined);
    },
  };
}

async function openLocalSink(target: string, suffix: string): Promise<CopySink> {
  const temp = localJoin(localDirname(target), localBasename(target) + PARTIAL_MARK + suffix);
  const fh = await local(() => openLocal(temp, 'wx'), 'open', temp);
  let open = true;
  const close = async () => {
    if (!open) return;
    open = false;
    await local(() => fh.close(), 'close', temp);
  };
  return {
    chunk: LOCAL_CHUNK,
    write: (data, position) => writeLocal(fh, data, position, temp),
    commit: async (overwrite) => {
      await close();
      if (overwrite) await local(() => rename(temp, target), 'rename', temp, target);
      else await commitNoReplace(temp, target);
    },
    discard: async () => {
      await close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
    },
  };
}

/** rename without replacing: link() fails with EEXIST atomically; where links are not supported, check then rename. */
async function commitNoReplace(temp: string, target: string): Promise<void> {
  try {
    await link(temp, target);
  } catch (e) {
    const code = nodeErrorCode(e);
    if (code === 'EEXIST' || !['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EMLINK', 'ENOSYS'].includes(code ?? '')) {
      throw toFsError(e, { syscall: 'link', path: temp, dest: target });
    }
    await ensureAbsent(target);
    await local(() => rename(temp, target), 'rename', temp, target);
    return;
  }
  await unlink(temp).catch(() => undefined);
}

function localReader(fh: LocalHandle, path: string): Pick<FileHandle, 'read'> {
  return {
    read: async (buffer, offset, length, position) =>
      (await local(() => fh.read(buffer, offset, length, position), 'read', path)).bytesRead,
  };
}

async function writeLocal(fh: LocalHandle, data: Buffer, position: number, path: string): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await local(() => fh.write(data, done, data.length - done, position + done), 'write', path);
    if (bytesWritten <= 0) throw new FsError('EIO', 'write made no progress', { syscall: 'write', path });
    done += bytesWritten;
  }
}

/** A node:fs call whose failure becomes an FsError with the same code. */
async function local<T>(op: () => Promise<T>, syscall: string, path: string, dest?: string): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw toFsError(e, { syscall, path, dest });
  }
}
