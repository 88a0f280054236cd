import { constants as bufferConstants } from 'node:buffer';
import { FsError } from '../errors.js';
import type { FileHandle, FileSystem } from '../types.js';
import { throwIfAborted, toFsError, type ErrorContext } from './abort.js';
import { chunkPlan, readFully, taker } from './io.js';
import { pipelineWindow, runWindowed } from './window.js';

export interface ReadFileOptions {
  signal?: AbortSignal;
  /** Reject with EFBIG instead of reading a file larger than this. */
  maxSize?: number;
  /** Requests kept in flight for a large file (default: from fs.ioSize, 2 to 8). */
  window?: number;
}

/**
 * The whole file. A small one costs one round trip through fs.readSmallFile where the
 * client has it; a larger one is read with several requests of fs.ioSize in flight,
 * straight into the result buffer. The size is the one the server gave at open: bytes
 * appended while reading are not read.
 */
export async function readFile(fs: FileSystem, path: string, opts: ReadFileOptions = {}): Promise<Buffer> {
  const { signal } = opts;
  const ctx: ErrorContext = { syscall: 'read', path };
  throwIfAborted(signal, ctx);
  if (fs.readSmallFile) {
    const limit = opts.maxSize === undefined ? fs.ioSize : Math.min(fs.ioSize, opts.maxSize);
    let small: Buffer | undefined;
    try {
      small = await fs.readSmallFile(path, limit, { signal });
    } catch (e) {
      throw toFsError(e, ctx, signal);
    }
    throwIfAborted(signal, ctx);
    if (small) return small;
  }
  let handle: FileHandle;
  try {
    handle = await fs.open(path, { read: true }, { signal });
  } catch (e) {
    throw toFsError(e, { syscall: 'open', path }, signal);
  }
  try {
    return await readOpened(fs, handle, opts, ctx);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function readOpened(fs: FileSystem, handle: FileHandle, opts: ReadFileOptions, ctx: ErrorContext): Promise<Buffer> {
  const { signal } = opts;
  let size: number;
  try {
    size = (await handle.stat({ signal })).size;
  } catch (e) {
    throw toFsError(e, ctx, signal);
  }
  if (opts.maxSize !== undefined && size > opts.maxSize) {
    throw new FsError('EFBIG', `file is ${size} bytes, more than maxSize ${opts.maxSize}`, ctx);
  }
  if (size > bufferConstants.MAX_LENGTH) {
    throw new FsError('EFBIG', `file is ${size} bytes, more than a Buffer can hold`, ctx);
  }
  const out = Buffer.allocUnsafe(size);
  const plan = chunkPlan(0, size, Math.max(1, fs.ioSize));
  let end = size;
  await runWindowed(
    taker(plan),
    async ({ position, length }) => {
      const n = await readFully(handle, out.subarray(position, position + length), position, signal);
      // A short piece is the end of the file: it shrank since the stat.
      if (n < length) end = Math.min(end, position + n);
    },
    pipelineWindow(fs.ioSize, opts.window),
    ctx,
    signal,
  );
  return end === size ? out : out.subarray(0, end);
}
