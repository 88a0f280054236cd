import { randomBytes } from 'node:crypto';
import { throwIfAborted, toFsError, type ErrorContext } from './abort.js';
import { describeEndpoint, ensureAbsent, openSink, openSource, type CopyEndpoint, type CopySink, type CopySource } from './copy-endpoints.js';
import { chunkPlan, readFully, taker } from './io.js';
import { ProgressThrottle } from './progress.js';
import { pipelineWindow, runWindowed } from './window.js';

export interface CopyOptions {
  /** Called at most every ~100 ms while bytes move, and once at the end. */
  onProgress?(bytesDone: number, total: number): void;
  signal?: AbortSignal;
  /** Replace an existing destination (default true, as cp does). */
  overwrite?: boolean;
  /** Requests kept in flight (default: from the chunk size, 2 to 8). */
  window?: number;
  /** The random part of the partial file's name (injectable for reproducible traces). */
  randomSuffix?: () => string;
}

/**
 * Copies a file between any two FileSystems or local paths, several chunks in flight.
 * The data goes to NAME.netfs-partial-RANDOM beside the destination, which is renamed
 * to NAME only when complete; on failure or abort it is removed, so nothing is ever
 * left under the final name (DESIGN.md). Resolves to the number of bytes copied.
 */
export async function copy(src: CopyEndpoint, dst: CopyEndpoint, opts: CopyOptions = {}): Promise<number> {
  const { signal } = opts;
  const overwrite = opts.overwrite ?? true;
  const ctx: ErrorContext = { syscall: 'copy', path: describeEndpoint(src), dest: describeEndpoint(dst) };
  const fail = (e: unknown) => toFsError(e, ctx, signal);
  throwIfAborted(signal, ctx);
  const source = await openSource(src, signal).catch((e: unknown) => Promise.reject(fail(e)));
  let done: number;
  try {
    if (!overwrite) await ensureAbsent(dst, signal);
    const suffix = (opts.randomSuffix ?? defaultSuffix)();
    const sink = await openSink(dst, suffix, signal);
    try {
      done = await pump(source, sink, opts, ctx);
      throwIfAborted(signal, ctx);
      await sink.commit(overwrite, signal);
    } catch (e) {
      await sink.discard();
      throw e;
    }
  } catch (e) {
    throw fail(e);
  } finally {
    await source.close().catch(() => undefined);
  }
  opts.onProgress?.(done, source.size);
  return done;
}

function defaultSuffix(): string {
  return randomBytes(6).toString('hex');
}

/** Moves [0, size) in chunks, each read then written at the same position; resolves to the bytes moved. */
async function pump(source: CopySource, sink: CopySink, opts: CopyOptions, ctx: ErrorContext): Promise<number> {
  const { signal } = opts;
  const chunk = Math.min(source.chunk, sink.chunk);
  const window = pipelineWindow(chunk, opts.window);
  const progress = new ProgressThrottle(opts.onProgress);
  const pool: Buffer[] = [];
  let end = source.size;
  let done = 0;
  await runWindowed(
    taker(chunkPlan(0, source.size, chunk)),
    async ({ position, length }) => {
      if (position >= end) return;
      const buf = pool.pop() ?? Buffer.allocUnsafe(chunk);
      try {
        const n = await readFully(source.reader, buf.subarray(0, length), position, signal);
        // A short chunk is the end of the file: it shrank since it was opened.
        if (n < length) end = Math.min(end, position + n);
        if (n > 0) await sink.write(buf.subarray(0, n), position, signal);
        done += n;
        progress.update(done, source.size);
      } finally {
        pool.push(buf);
      }
    },
    window,
    ctx,
    signal,
  );
  return done;
}
