// Large transfers and large directories, once, on NFSv4.1: a 256 MiB file streamed up and
// down with bounded memory, and a 5,000-entry readdir over many READDIR rounds.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream as createLocalReadStream, createWriteStream as createLocalWriteStream } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Nfs4FileSystem } from '../../../src/nfs4/client.js';
import { createReadStream, createWriteStream, writeFile } from '../../../src/vfs/index.js';
import { ganesha } from '../../servers/env.js';
import { connectNfs } from './targets.js';

const MiB = 1024 * 1024;
const FILE_SIZE = 256 * MiB;
const RSS_BUDGET = 200 * MiB;
const ENTRIES = 5000;
/** writeFile calls in flight while the 5,000 files are made. */
const CREATE_WINDOW = 64;

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

/** Runs work over items with at most `window` of them in flight. */
async function inWindow<T>(items: readonly T[], window: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(window, items.length) }, worker));
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const rate = (bytes: number, ms: number): string => `${(bytes / MiB / (ms / 1000)).toFixed(0)} MiB/s`;

describe('large transfers on NFSv4.1', () => {
  let fs: Nfs4FileSystem;
  const dir = `/large-${process.pid}`;
  const hostDir = () => join(ganesha().hostPath, dir);
  const local = join(tmpdir(), `netfs-nfs-large-${process.pid}.bin`);

  beforeAll(async () => {
    const connected = await connectNfs({ version: '4.1' });
    if (!(connected instanceof Nfs4FileSystem)) throw new Error(`expected an NFSv4 file system, got '${connected.protocol}'`);
    fs = connected;
    await fs.mkdir(dir);
  });

  afterAll(async () => {
    await fs?.close();
    await fsp.rm(hostDir(), { recursive: true, force: true });
    await fsp.rm(local, { force: true });
  });

  it('256 MiB up with createWriteStream and down with createReadStream: same sha256, bounded memory', { timeout: 120_000 }, async () => {
    // The local source, written in 1 MiB pieces: it never sits in memory whole.
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
      await pipeline(createLocalReadStream(local, { highWaterMark: MiB }), createWriteStream(fs, `${dir}/big`));
      const tUp = performance.now();
      expect((await fs.stat(`${dir}/big`)).size).toBe(FILE_SIZE);
      const down = await sha256(createReadStream(fs, `${dir}/big`));
      const tDown = performance.now();
      const growth = rss.peak() - baseline;

      // What the server stored, read from the export's host directory: the upload on its own.
      expect(await sha256(createLocalReadStream(join(hostDir(), 'big')))).toBe(expected);
      expect(down).toBe(expected);
      expect(growth).toBeLessThan(RSS_BUDGET);
      console.log(
        `large: local file ${seconds(tLocal - t0)}; up ${seconds(tUp - tLocal)} (${rate(FILE_SIZE, tUp - tLocal)}); ` +
          `down ${seconds(tDown - tUp)} (${rate(FILE_SIZE, tDown - tUp)}); RSS growth ${(growth / MiB).toFixed(0)} MiB; ioSize ${fs.ioSize}`,
      );
    } finally {
      rss.stop();
    }
  });

  it('readdir of 5,000 entries made through netfs: every name once, sizes right', { timeout: 120_000 }, async () => {
    await fs.mkdir(`${dir}/many`);
    // Names of varied length (up to ~150 characters), so the listing spans several replies.
    const sizes = new Map<string, number>();
    for (let i = 0; i < ENTRIES; i++) sizes.set(`entry-${String(i).padStart(4, '0')}-${'n'.repeat((i * 7) % 140)}`, (i * 13) % 3000);
    const t0 = performance.now();
    const createdBefore = fs.messagesSent;
    await inWindow([...sizes], CREATE_WINDOW, ([name, size]) => writeFile(fs, `${dir}/many/${name}`, Buffer.alloc(size, 0x61)));
    const tMade = performance.now();
    const createMessages = fs.messagesSent - createdBefore;

    const before = fs.messagesSent;
    const entries = await fs.readdir(`${dir}/many`);
    const tListed = performance.now();
    const messages = fs.messagesSent - before;

    expect(entries.length).toBe(ENTRIES);
    expect(new Set(entries.map((e) => e.name)).size).toBe(ENTRIES);
    expect(entries.map((e) => e.name).sort()).toEqual([...sizes.keys()].sort());
    for (const e of entries) {
      expect(e.stat.type).toBe('file');
      expect(e.stat.size).toBe(sizes.get(e.name));
    }
    // The host directory agrees.
    expect((await fsp.readdir(join(hostDir(), 'many'))).length).toBe(ENTRIES);
    expect(messages).toBeGreaterThan(1);
    console.log(
      `large: created ${ENTRIES} files through netfs in ${seconds(tMade - t0)} (${createMessages} messages, window ${CREATE_WINDOW}); ` +
        `readdir ${seconds(tListed - tMade)} in ${messages} messages`,
    );
  });
});
