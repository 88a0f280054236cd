// The benchmark's local data: a file of random bytes, and sha256 of files.
import { createHash, randomFillSync } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Lifecycle } from './lifecycle.js';

const BLOCK = 1024 * 1024;

/** Writes `bytes` random bytes to path, one 1 MiB block at a time (never the whole file in memory); resolves to their sha256 (hex). */
export async function writeRandomFile(path: string, bytes: number, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  const block = Buffer.allocUnsafe(BLOCK);
  const fh = await open(path, 'wx');
  try {
    for (let done = 0; done < bytes; ) {
      signal?.throwIfAborted();
      const n = Math.min(BLOCK, bytes - done);
      const chunk = randomFillSync(block.subarray(0, n));
      hash.update(chunk);
      for (let off = 0; off < n; ) off += (await fh.write(chunk, off, n - off, done + off)).bytesWritten;
      done += n;
    }
  } finally {
    await fh.close();
  }
  return hash.digest('hex');
}

/** The file every client of a run moves, in a temp directory of the run's own. */
export interface SourceFile {
  /** The run's temp directory (removed with the run); the benchmark's other local files go here too. */
  readonly tmp: string;
  readonly source: string;
  readonly bytes: number;
  readonly sourceSha: string;
}

/** A new temp directory of the run (named after prefix) holding source.bin, sizeMiB of random bytes. */
export async function writeSourceFile(life: Lifecycle, prefix: string, sizeMiB: number, log: (message: string) => void): Promise<SourceFile> {
  const tmp = await life.tempDir(prefix);
  const bytes = sizeMiB * 1024 * 1024;
  const source = join(tmp, 'source.bin');
  log(`bench: writing ${sizeMiB} MiB of random bytes to ${source}`);
  const sourceSha = await writeRandomFile(source, bytes, life.signal);
  return { tmp, source, bytes, sourceSha };
}

/** sha256 (hex) of a local file, streamed. */
export async function sha256File(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path, { highWaterMark: BLOCK }), hash, { signal });
  return hash.digest('hex');
}

/** A read-back that differs from the source: the benchmark's results would be meaningless. */
export class VerificationError extends Error {
  override readonly name = 'VerificationError';
}

/** Throws a VerificationError naming what was checked unless path's sha256 is `expected`. */
export async function verifySha256(path: string, expected: string, what: string, signal?: AbortSignal): Promise<void> {
  const got = await sha256File(path, signal);
  if (got !== expected) throw new VerificationError(`${what}: sha256 ${got} differs from the source's ${expected} (${path})`);
}
