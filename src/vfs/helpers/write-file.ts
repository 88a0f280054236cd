import type { FileHandle, FileSystem } from '../types.js';
import { throwIfAborted, toFsError, type ErrorContext } from './abort.js';
import { chunkPlan, taker } from './io.js';
import { pipelineWindow, runWindowed } from './window.js';

export interface WriteFileOptions {
  signal?: AbortSignal;
  /** Permission bits for a created file, where the protocol can carry them. */
  mode?: number;
  /** Requests kept in flight for a large file (default: from fs.ioSize, 2 to 8). */
  window?: number;
}

/** Bytes of a string are its UTF-8 encoding; a Uint8Array is used in place. */
export function toBuffer(data: Buffer | Uint8Array | string): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Creates or replaces path with data. Data that fits one request goes through
 * fs.writeSmallFile (one round trip) where the client has it and no mode is asked for;
 * otherwise open(create, truncate) + writes of fs.ioSize kept in flight + close.
 * On failure the handle is closed and the error propagates; the file may then hold
 * part of the data.
 */
export async function writeFile(
  fs: FileSystem,
  path: string,
  data: Buffer | Uint8Array | string,
  opts: WriteFileOptions = {},
): Promise<void> {
  const { signal } = opts;
  const buf = toBuffer(data);
  const ctx: ErrorContext = { syscall: 'write', path };
  throwIfAborted(signal, ctx);
  if (fs.writeSmallFile && opts.mode === undefined && buf.length <= fs.ioSize) {
    try {
      await fs.writeSmallFile(path, buf, { signal });
      return;
    } catch (e) {
      throw toFsError(e, ctx, signal);
    }
  }
  let handle: FileHandle;
  try {
    handle = await fs.open(path, { write: true, create: true, truncate: true, mode: opts.mode }, { signal });
  } catch (e) {
    throw toFsError(e, { syscall: 'open', path }, signal);
  }
  try {
    await writeAt(handle, buf, 0, fs.ioSize, pipelineWindow(fs.ioSize, opts.window), ctx, signal);
  } catch (e) {
    await handle.close().catch(() => undefined);
    throw e;
  }
  try {
    await handle.close();
  } catch (e) {
    throw toFsError(e, { syscall: 'close', path }, signal);
  }
}

/** Writes buf at position in pieces of ioSize, window of them in flight. */
export async function writeAt(
  handle: FileHandle,
  buf: Buffer,
  position: number,
  ioSize: number,
  window: number,
  ctx: ErrorContext,
  signal?: AbortSignal,
): Promise<void> {
  const plan = chunkPlan(0, buf.length, Math.max(1, ioSize));
  await runWindowed(
    taker(plan),
    async ({ position: at, length }) => {
      await handle.write(buf.subarray(at, at + length), position + at, { signal });
    },
    window,
    ctx,
    signal,
  );
}
