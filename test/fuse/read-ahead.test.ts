// The FUSE read path's read-ahead (src/fuse/read-ahead.ts): driven directly over a file in
// memory whose reads can be held back or made to fail, then through the adapter over a
// local directory, where writes, truncates and renames through other descriptors must be
// seen by a reader that has pieces read ahead.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsError } from '../../src/vfs/errors.js';
import type { FileHandle, Stat } from '../../src/vfs/types.js';
import { FuseAdapter } from '../../src/fuse/index.js';
import { ReadAhead } from '../../src/fuse/read-ahead.js';
import { WINDOW_BYTES } from '../../src/vfs/helpers/window.js';
import { LocalFileSystem } from '../support/local-fs.js';

const KiB = 1024;

/** A FileHandle over bytes in memory: records every read; reads can be held back, and made to fail once. */
class MemFile implements FileHandle {
  readonly path = '/mem';
  readonly reads: { at: number; length: number; buffer: ArrayBufferLike }[] = [];
  private held: (() => void)[] | undefined;
  private readonly failures = new Map<number, FsError>();

  constructor(public data: Buffer) {}

  /** Reads from now on wait for release(). */
  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const waiting = this.held ?? [];
    this.held = undefined;
    for (const w of waiting) w();
  }

  /** The next read at position fails with error. */
  failOnce(position: number, error: FsError): void {
    this.failures.set(position, error);
  }

  async read(buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
    this.reads.push({ at: position, length, buffer: buffer.buffer });
    const held = this.held;
    if (held) await new Promise<void>((resolve) => held.push(resolve));
    const failure = this.failures.get(position);
    if (failure) {
      this.failures.delete(position);
      throw failure;
    }
    const n = Math.max(0, Math.min(length, this.data.length - position));
    this.data.copy(buffer, offset, position, position + n);
    return n;
  }

  async write(): Promise<number> {
    throw new FsError('EBADF', 'read only');
  }

  async stat(): Promise<Stat> {
    throw new FsError('ENOSYS', 'not here');
  }

  async truncate(): Promise<void> {
    throw new FsError('EBADF', 'read only');
  }

  async sync(): Promise<void> {}

  async close(): Promise<void> {}
}

/** A file with no end whose reads fill nothing (its pieces never touch their memory). */
class Bottomless extends MemFile {
  constructor() {
    super(Buffer.alloc(0));
  }

  override async read(buffer: Buffer, _offset: number, length: number, position: number): Promise<number> {
    this.reads.push({ at: position, length, buffer: buffer.buffer });
    return length;
  }
}

/** Reads [from, to) in blocks of `block` bytes one after the other, as one reader would. */
async function readRange(ra: ReadAhead, from: number, to: number, block: number): Promise<Buffer> {
  const out: Buffer[] = [];
  for (let at = from; at < to; at += block) {
    const b = Buffer.alloc(Math.min(block, to - at));
    const n = await ra.read(b, b.length, at);
    out.push(b.subarray(0, n));
    if (n < b.length) break;
  }
  return Buffer.concat(out);
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('ReadAhead', () => {
  const size = 64 * KiB;

  it('a sequential reader from offset 0 gets every byte, read ahead in pieces of `size`', async () => {
    const data = randomBytes(10 * size + 12_345);
    const f = new MemFile(data);
    const ra = new ReadAhead(f, size, 4);
    expect((await readRange(ra, 0, data.length + size, 16 * KiB)).equals(data)).toBe(true);
    // Every request is a whole piece at a piece boundary, and the window stopped at the end of the file.
    for (const r of f.reads) expect([r.at % size, r.length]).toEqual([0, size]);
    expect(new Set(f.reads.map((r) => r.at)).size).toBe(f.reads.length);
    expect(f.reads.length).toBeLessThanOrEqual(11 + 4);
    await ra.close();
  });

  it('keeps `window` pieces in flight past the reader once a piece came back full', async () => {
    const f = new MemFile(randomBytes(40 * size));
    const ra = new ReadAhead(f, size, 4);
    const b = Buffer.alloc(16 * KiB);
    await ra.read(b, b.length, 0);
    // The first piece alone (it might have been a small file), then the window opens.
    expect(f.reads.map((r) => r.at / size)).toEqual([0, 1, 2, 3, 4]);
    await ra.read(b, b.length, 3 * size + 100);
    expect(f.reads.map((r) => r.at / size)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    await ra.close();
  });

  it('a small file costs one request; a read at its end asks the server again (it may have grown)', async () => {
    const f = new MemFile(randomBytes(1000));
    const ra = new ReadAhead(f, size, 8);
    const b = Buffer.alloc(4096);
    expect(await ra.read(b, 4096, 0)).toBe(1000);
    expect(b.subarray(0, 1000).equals(f.data)).toBe(true);
    expect(f.reads).toHaveLength(1);
    expect(await ra.read(b, 4096, 1000)).toBe(0);
    f.data = Buffer.concat([f.data, Buffer.from('more')]);
    expect(await ra.read(b, 4096, 1000)).toBe(4);
    expect(b.subarray(0, 4).toString()).toBe('more');
    expect(f.reads.slice(1).map((r) => [r.at, r.length])).toEqual([
      [1000, 4096],
      [1000, 4096],
    ]);
    await ra.close();
  });

  it('reads issued at once and out of order, some spanning two pieces, are all served from the window', async () => {
    const data = randomBytes(12 * size);
    const f = new MemFile(data);
    const ra = new ReadAhead(f, size, 8);
    const first = Buffer.alloc(24 * KiB);
    await ra.read(first, first.length, 0);
    // 24 KiB blocks (so some cross a piece boundary), in a shuffled order, all in flight together.
    const starts = Array.from({ length: 20 }, (_, i) => (i + 1) * 24 * KiB);
    const order = [3, 0, 1, 5, 4, 2, 9, 6, 8, 7, 12, 10, 11, 15, 13, 14, 19, 16, 18, 17].map((i) => starts[i]);
    f.hold();
    const reads = order.map(async (at) => {
      const b = Buffer.alloc(24 * KiB);
      const n = await ra.read(b, b.length, at);
      return { at, bytes: b.subarray(0, n) };
    });
    await tick();
    f.release();
    for (const r of await Promise.all(reads)) expect(r.bytes.equals(data.subarray(r.at, r.at + 24 * KiB)), `at ${r.at}`).toBe(true);
    for (const r of f.reads) expect([r.at % size, r.length]).toEqual([0, size]);
    await ra.close();
  });

  it('a read elsewhere goes to the server as it is and drops the window; two in a row open a new one', async () => {
    const data = randomBytes(64 * size);
    const f = new MemFile(data);
    const ra = new ReadAhead(f, size, 4);
    await readRange(ra, 0, 2 * size, 32 * KiB);
    const before = f.reads.length;
    const b = Buffer.alloc(10_000);
    expect(await ra.read(b, b.length, 40 * size + 5)).toBe(b.length);
    expect(b.equals(data.subarray(40 * size + 5, 40 * size + 5 + b.length))).toBe(true);
    expect(f.reads.slice(before).map((r) => [r.at, r.length])).toEqual([[40 * size + 5, 10_000]]);
    // The next read where that one ended is sequential: pieces again, from there.
    expect(await ra.read(b, b.length, 40 * size + 10_005)).toBe(b.length);
    expect(b.equals(data.subarray(40 * size + 10_005, 40 * size + 20_005))).toBe(true);
    expect(f.reads[before + 1]).toMatchObject({ at: 40 * size + 10_005, length: size });
    await ra.close();
  });

  it('a file read backwards, block by block: every block right, each read directly', async () => {
    const data = randomBytes(6 * size + 777);
    const f = new MemFile(data);
    const ra = new ReadAhead(f, size, 4);
    const block = 20_000;
    for (let at = Math.floor(data.length / block) * block; at > 0; at -= block) {
      const b = Buffer.alloc(block);
      const n = await ra.read(b, block, at);
      expect(b.subarray(0, n).equals(data.subarray(at, at + block)), `at ${at}`).toBe(true);
    }
    expect(f.reads.every((r) => r.length === block)).toBe(true);
    await ra.close();
  });

  it('a failed piece fails the read that needs it, once: the reads after it work', async () => {
    const data = randomBytes(8 * size);
    const f = new MemFile(data);
    const ra = new ReadAhead(f, size, 4);
    f.failOnce(3 * size, new FsError('ETIMEDOUT', 'the server did not answer'));
    const b = Buffer.alloc(32 * KiB);
    const got: Buffer[] = [];
    let at = 0;
    for (; at < 3 * size; at += b.length) {
      expect(await ra.read(b, b.length, at)).toBe(b.length);
      got.push(Buffer.from(b));
    }
    expect(Buffer.concat(got).equals(data.subarray(0, 3 * size))).toBe(true);
    await expect(ra.read(b, b.length, at)).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    // The kernel asks again: a fresh piece from the server.
    expect((await readRange(ra, at, data.length, b.length)).equals(data.subarray(at))).toBe(true);
    await ra.close();
  });

  it('a piece that fails while nobody waits for it is no unhandled rejection, and fails nothing but its own read', async () => {
    const data = randomBytes(8 * size);
    const f = new MemFile(data);
    const ra = new ReadAhead(f, size, 4);
    f.failOnce(4 * size, new FsError('EIO', 'lost'));
    f.failOnce(2 * size, new FsError('EIO', 'lost'));
    const b = Buffer.alloc(size);
    expect(await ra.read(b, size, 0)).toBe(size);
    await tick();
    expect(await ra.read(b, size, size)).toBe(size);
    await expect(ra.read(b, size, 2 * size)).rejects.toMatchObject({ code: 'EIO' });
    expect((await readRange(ra, 2 * size, 8 * size, 16 * KiB)).equals(data.subarray(2 * size))).toBe(true);
    await ra.close();
  });

  it('drop(): what was read ahead is forgotten, the next read sees the file as it is now', async () => {
    const data = randomBytes(8 * size);
    const f = new MemFile(Buffer.from(data));
    const ra = new ReadAhead(f, size, 4);
    await readRange(ra, 0, size, 16 * KiB);
    f.data.fill(7, 2 * size, 3 * size);
    // Still read ahead: the old bytes (what a page cache would give until told otherwise).
    const stale = await readRange(ra, size, 2 * size + 10, 16 * KiB);
    expect(stale.subarray(size).equals(data.subarray(2 * size, 2 * size + 10))).toBe(true);
    ra.drop();
    const fresh = await readRange(ra, 2 * size + 10, 3 * size, 16 * KiB);
    expect(fresh.every((x) => x === 7)).toBe(true);
    await ra.close();
  });

  it('a buffer goes back to the pool only when its read has settled and no reader copies from it', async () => {
    const own = 64 * KiB + 512; // a piece size of this test only: no other test's buffer fits it
    const data = randomBytes(4 * own);
    const f = new MemFile(data);
    const a = new ReadAhead(f, own, 2);
    f.hold();
    const b = Buffer.alloc(4096);
    const waiting = a.read(b, b.length, 0);
    await tick();
    const aBuffer = f.reads[0].buffer;
    a.drop(); // the reader still waits for the piece: its buffer must stay its own
    const small = () => new MemFile(Buffer.alloc(100, 9)); // one short piece each
    const cFile = small();
    const c = new ReadAhead(cFile, own, 2);
    await c.read(Buffer.alloc(4096), 4096, 0);
    expect(cFile.reads[0].buffer).not.toBe(aBuffer);
    f.release();
    await waiting;
    expect(b.equals(data.subarray(0, 4096))).toBe(true);
    // Read and copied: a's buffer is free now, the next piece reuses it; close() gives c's back.
    const dFile = small();
    const d = new ReadAhead(dFile, own, 2);
    await d.read(Buffer.alloc(10), 10, 0);
    expect(dFile.reads[0].buffer).toBe(aBuffer);
    await c.close();
    const eFile = small();
    const e = new ReadAhead(eFile, own, 2);
    await e.read(Buffer.alloc(10), 10, 0);
    expect(eFile.reads[0].buffer).toBe(cFile.reads[0].buffer);
    await Promise.all([d.close(), e.close()]);
  });

  it('files read at once share a bound on the memory read ahead; a piece a reader needs is read anyway', async () => {
    const big = 8 * 1024 * KiB;
    const files = Array.from({ length: 4 }, () => new Bottomless());
    const readers = files.map((f) => new ReadAhead(f, big, 8));
    for (const r of readers) await r.read(Buffer.alloc(10), 10, 0);
    expect(files.map((f) => f.reads.length)).toEqual([9, 7, 1, 1]);
    expect(files.reduce((n, f) => n + f.reads.length, 0) * big).toBe(4 * WINDOW_BYTES + 2 * big);
    // The last reader has its first piece only, but reading on still works: one piece at a time.
    expect(await readers[3].read(Buffer.alloc(10), 10, big)).toBe(10);
    expect(files[3].reads.map((r) => r.at)).toEqual([0, big]);
    await Promise.all(readers.slice(0, 3).map((r) => r.close()));
    expect(await readers[3].read(Buffer.alloc(10), 10, 2 * big)).toBe(10);
    expect(files[3].reads).toHaveLength(3 + 8);
    await readers[3].close();
  });

  it('close() waits for the reads in flight', async () => {
    const f = new MemFile(randomBytes(8 * size));
    const ra = new ReadAhead(f, size, 4);
    await ra.read(Buffer.alloc(100), 100, 0);
    await ra.read(Buffer.alloc(100), 100, 100);
    f.hold();
    await ra.read(Buffer.alloc(100), 100, size); // tops the window up: reads now held
    let closed = false;
    const closing = ra.close().then(() => (closed = true));
    await tick();
    expect(closed).toBe(false);
    f.release();
    await closing;
    expect(closed).toBe(true);
  });
});

describe('read-ahead through the adapter: changes through other descriptors are seen', () => {
  let root: string;
  let local: LocalFileSystem;
  const piece = 64 * KiB;
  const data = randomBytes(40 * piece);

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'netfs-read-ahead-'));
    local = new LocalFileSystem(root, { ioSize: piece });
    await writeFile(join(root, 'f'), data);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const adapter = () => new FuseAdapter(local, { attrTimeoutMs: 60_000, entryTimeoutMs: 60_000, log: () => undefined });

  /** Reads [from, to) through fd in 32 KiB requests, as the kernel does. */
  async function through(a: FuseAdapter, fd: number, from: number, to: number): Promise<Buffer> {
    const out: Buffer[] = [];
    for (let at = from; at < to; at += 32 * KiB) {
      const b = Buffer.alloc(Math.min(32 * KiB, to - at));
      const n = await a.read(fd, b, b.length, at);
      out.push(b.subarray(0, n));
      if (n < b.length) break;
    }
    return Buffer.concat(out);
  }

  it('a write through another descriptor, ahead of the reader, is in what it reads next', async () => {
    const a = adapter();
    const r = await a.open('/f', constants.O_RDONLY);
    expect((await through(a, r, 0, 4 * piece)).equals(data.subarray(0, 4 * piece))).toBe(true);
    const w = await a.open('/f', constants.O_WRONLY);
    await a.write(w, Buffer.alloc(1000, 0x58), 1000, 6 * piece + 5);
    const got = await through(a, r, 4 * piece, 8 * piece);
    const want = Buffer.from(data.subarray(4 * piece, 8 * piece));
    want.fill(0x58, 2 * piece + 5, 2 * piece + 1005);
    expect(got.equals(want)).toBe(true);
    await a.release(w);
    await a.release(r);
  });

  it('truncate, ftruncate and open with O_TRUNC through other names and descriptors end what the reader sees', async () => {
    const a = adapter();
    const r = await a.open('/f', constants.O_RDONLY);
    await through(a, r, 0, 3 * piece);
    await a.truncate('/f', 5 * piece);
    expect((await through(a, r, 3 * piece, 10 * piece)).equals(data.subarray(3 * piece, 5 * piece))).toBe(true);
    const w = await a.open('/f', constants.O_RDWR);
    await a.ftruncate(w, 4 * piece);
    expect((await through(a, r, 3 * piece, 10 * piece)).length).toBe(piece);
    await a.release(w);
    await through(a, r, 0, 2 * piece);
    const t = await a.open('/f', constants.O_WRONLY | constants.O_TRUNC);
    expect((await through(a, r, 2 * piece, 4 * piece)).length).toBe(0);
    await a.release(t);
    await a.release(r);
  });

  it('rename onto the name and unlink: the open file reads what its handle holds, the name the new file', async () => {
    const a = adapter();
    const r = await a.open('/f', constants.O_RDONLY);
    await through(a, r, 0, 2 * piece);
    const other = randomBytes(3 * piece);
    await writeFile(join(root, 'g'), other);
    await a.rename('/g', '/f');
    expect((await through(a, r, 2 * piece, 6 * piece)).equals(data.subarray(2 * piece, 6 * piece))).toBe(true);
    const r2 = await a.open('/f', constants.O_RDONLY);
    expect((await through(a, r2, 0, 10 * piece)).equals(other)).toBe(true);
    await a.unlink('/f');
    expect((await through(a, r2, 0, piece)).equals(other.subarray(0, piece))).toBe(true);
    await a.release(r2);
    await a.release(r);
    expect(a.handles.size).toBe(0);
  });

  it('reading a file written through the same descriptor: the held-back writes land first', async () => {
    const a = adapter();
    const fd = await a.create('/n', 0o644);
    const bytes = randomBytes(5 * piece + 3);
    for (let at = 0; at < bytes.length; at += 48 * KiB) {
      const part = bytes.subarray(at, at + 48 * KiB);
      await a.write(fd, part, part.length, at);
    }
    expect((await through(a, fd, 0, 6 * piece)).equals(bytes)).toBe(true);
    await a.write(fd, Buffer.from('tail'), 4, bytes.length);
    expect((await through(a, fd, bytes.length - 3, bytes.length + 100)).toString('latin1')).toBe(bytes.subarray(-3).toString('latin1') + 'tail');
    await a.release(fd);
    expect((await readFile(join(root, 'n'))).length).toBe(bytes.length + 4);
  });
});
