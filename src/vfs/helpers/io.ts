import type { FileHandle } from '../types.js';

/**
 * Reads into buf from position until buf is full or the file ends, so a server that
 * answers a read short (not at end of file) costs one more request, never lost bytes.
 * Resolves to the count read.
 */
export async function readFully(handle: Pick<FileHandle, 'read'>, buf: Buffer, position: number, signal?: AbortSignal): Promise<number> {
  let done = 0;
  while (done < buf.length) {
    const n = await handle.read(buf, done, buf.length - done, position + done, { signal });
    if (n <= 0) break;
    done += n;
  }
  return done;
}

/** Splits [start, end) into pieces of at most size bytes: the request plan of a pipelined transfer. */
export function* chunkPlan(start: number, end: number, size: number): Generator<{ position: number; length: number }> {
  for (let position = start; position < end; position += size) yield { position, length: Math.min(size, end - position) };
}

/** Hands out an iterator's items one call at a time (undefined when done): the task source of runWindowed. */
export function taker<T>(items: Iterator<T>): () => T | undefined {
  return () => {
    const step = items.next();
    return step.done ? undefined : step.value;
  };
}
