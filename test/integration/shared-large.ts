// What the large-transfer tests of every protocol check alike: a 256 MiB file streamed up and
// down with bounded memory, and a directory of 5,000 entries listed whole.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream as createLocalReadStream, createWriteStream as createLocalWriteStream } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadStream, createWriteStream } from '../../src/vfs/index.js';
import type { FileSystem } from '../../src/vfs/types.js';
import { countMessages, type CountsMessages } from '../support/round-trips.js';

const MiB = 1024 * 1024;
const FILE_SIZE = 256 * MiB;
const RSS_BUDGET = 200 * MiB;
/** Entries of the large directory. */
export const ENTRIES = 5000;

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const rate = (bytes: number, ms: number): string => `${(bytes / MiB / (ms / 1000)).toFixed(0)} MiB/s`;

/** The sha256 of everything a stream yields, hex. */
async function sha256(stream: Readable): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of stream) {
    if (!Buffer.isBuffer(chunk)) throw new Error('expected Buffer chunks');
    h.update(chunk);
  }
  return h.digest('hex');
}

/** Samples the process's RSS every few milliseconds; peak() is the largest seen so far. */
function rssSampler(): { peak(): number; stop(): void } {
  let max = process.memoryUsage.rss();
  const timer = setInterval(() => {
    max = Math.max(max, process.memoryUsage.rss());
  }, 10);
  return {
    peak: () => Math.max(max, process.memoryUsage.rss()),
    stop: () => clearInterval(timer),
  };
}

/**
 * 256 MiB of random bytes written to the local file `local` (1 MiB at a time: never whole in
 * memory), sent to `remote` with createWriteStream and read back with createReadStream. The
 * server's copy (read from `onHost`, the upload on its own) and the read-back must hash as the
 * source did, and the process's RSS must grow by less than 200 MiB. Logs the times.
 */
async function expectLargeStreamRoundTrip(fs: FileSystem, remote: string, onHost: string, local: string): Promise<void> {
  const t0 = performance.now();
  const sourceHash = createHash('sha256');
  async function* random(): AsyncGenerator<Buffer> {
    for (let i = 0; i < FILE_SIZE / MiB; i++) {
      const piece = randomBytes(MiB);
      sourceHash.update(piece);
      yield piece;
    }
  }
  await pipeline(random, createLocalWriteStream(local));
  const expected = sourceHash.digest('hex');
  const tLocal = performance.now();

  const baseline = process.memoryUsage.rss();
  const rss = rssSampler();
  try {
    await pipeline(createLocalReadStream(local, { highWaterMark: MiB }), createWriteStream(fs, remote));
    const tUp = performance.now();
    expect((await fs.stat(remote)).size).toBe(FILE_SIZE);
    const down = await sha256(createReadStream(fs, remote));
    const tDown = performance.now();
    const growth = rss.peak() - baseline;

    expect(await sha256(createLocalReadStream(onHost))).toBe(expected);
    expect(down).toBe(expected);
    expect(growth).toBeLessThan(RSS_BUDGET);
    console.log(
      `large: local file ${seconds(tLocal - t0)}; up ${seconds(tUp - tLocal)} (${rate(FILE_SIZE, tUp - tLocal)}); ` +
        `down ${seconds(tDown - tUp)} (${rate(FILE_SIZE, tDown - tUp)}); RSS growth ${(growth / MiB).toFixed(0)} MiB; ioSize ${fs.ioSize}`,
    );
  } finally {
    rss.stop();
  }
}

/** ENTRIES file names of varied length (up to ~150 characters, so a listing spans several replies), each with its size. */
export function manyEntries(): Map<string, number> {
  const sizes = new Map<string, number>();
  for (let i = 0; i < ENTRIES; i++) sizes.set(`entry-${String(i).padStart(4, '0')}-${'n'.repeat((i * 7) % 140)}`, (i * 13) % 3000);
  return sizes;
}

/** Lists `dir`, which must hold exactly the files of `sizes`: every name once, each of its size. Says how long the listing took, and in how many messages. */
export async function expectListing(fs: FileSystem & CountsMessages, dir: string, sizes: ReadonlyMap<string, number>): Promise<{ ms: number; messages: number }> {
  const t0 = performance.now();
  const { value: entries, messages } = await countMessages(fs, () => fs.readdir(dir));
  const ms = performance.now() - t0;
  expect(entries.length).toBe(sizes.size);
  expect(new Set(entries.map((e) => e.name)).size).toBe(sizes.size);
  expect(entries.map((e) => e.name).sort()).toEqual([...sizes.keys()].sort());
  for (const e of entries) {
    expect(e.stat.type).toBe('file');
    expect(e.stat.size).toBe(sizes.get(e.name));
  }
  return { ms, messages };
}

/** Where a protocol's large tests work: its connection and a directory of the test file's own. */
export interface LargePlace<F> {
  /** The connection, once made. */
  fs(): F;
  /** `/large-PID`, made in fs before the tests. */
  dir: string;
  /** The same directory on the server's host. */
  hostDir(): string;
}

/**
 * The large tests on one connection (`large transfers on ${label}`): the 256 MiB stream round
 * trip, then the protocol's own tests (its large directory, made as it can be).
 */
export function describeLargeTransfers<F extends FileSystem>(
  label: string,
  where: { connect: () => Promise<F>; hostRoot: () => string },
  own: (place: LargePlace<F>) => void,
): void {
  describe(`large transfers on ${label}`, () => {
    let fs: F | undefined;
    const dir = `/large-${process.pid}`;
    const place: LargePlace<F> = {
      fs: () => {
        if (!fs) throw new Error(`no connection for ${label}`);
        return fs;
      },
      dir,
      hostDir: () => join(where.hostRoot(), dir),
    };
    const local = join(tmpdir(), `netfs-large-${label.replace(/\W+/g, '-')}-${process.pid}.bin`);

    beforeAll(async () => {
      fs = await where.connect();
      await fs.mkdir(dir);
    });

    afterAll(async () => {
      await fs?.close();
      await fsp.rm(place.hostDir(), { recursive: true, force: true });
      await fsp.rm(local, { force: true });
    });

    it('256 MiB up with createWriteStream and down with createReadStream: same sha256, bounded memory', { timeout: 120_000 }, async () => {
      await expectLargeStreamRoundTrip(place.fs(), `${dir}/big`, join(place.hostDir(), 'big'), local);
    });

    own(place);
  });
}
