import { chmod as chmodLocal, mkdir as mkdirLocal, mkdtemp, readdir as readLocalDir, readFile as readLocal, rm, stat as statLocal, symlink as symlinkLocal, writeFile as writeLocal } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsError } from '../../../src/vfs/errors.js';
import {
  copy,
  createReadStream,
  createWriteStream,
  mkdirp,
  PARTIAL_MARK,
  pipelineWindow,
  readFile,
  rmrf,
  walk,
  writeFile,
} from '../../../src/vfs/index.js';
import { ProgressThrottle } from '../../../src/vfs/helpers/progress.js';
import type { DirEntry, FileHandle, FileSystem, OpenOptions, OpOptions, RenameOptions, Stat, StatFs } from '../../../src/vfs/types.js';
import { LocalFileSystem } from '../../support/local-fs.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** Deterministic, non-repeating bytes. */
function bytes(n: number, seed = 1): Buffer {
  const out = Buffer.allocUnsafe(n);
  let x = seed * 2654435761;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Faults {
  /** Reads fail with EIO once this many bytes have been read through handles. */
  failReadsAfter?: number;
  /** Writes fail with EIO once this many bytes have been written through handles. */
  failWritesAfter?: number;
  /** Each handle read and write takes this long (abortable), so requests overlap. */
  delayMs?: number;
  /** Offer readSmallFile/writeSmallFile of the inner file system (default true). */
  smallFileOps?: boolean;
}

/**
 * A FileSystem around another that counts what the helpers do (handles open, requests
 * in flight, their sizes) and can fail after some bytes or slow requests down.
 */
class InstrumentedFs implements FileSystem {
  readonly protocol = 'instrumented';
  readonly ioSize: number;
  readonly readSmallFile?: FileSystem['readSmallFile'];
  readonly writeSmallFile?: FileSystem['writeSmallFile'];
  opens = 0;
  closes = 0;
  smallReads = 0;
  smallWrites = 0;
  reads: number[] = [];
  writes: number[] = [];
  readBytes = 0;
  writtenBytes = 0;
  inFlight = 0;
  maxInFlight = 0;
  /** Requests started after abortedAt was set. */
  startedAfterAbort = 0;
  abortedAt: number | undefined;
  unlinked: string[] = [];

  constructor(
    readonly inner: FileSystem,
    readonly faults: Faults = {},
  ) {
    this.ioSize = inner.ioSize;
    if (faults.smallFileOps ?? true) {
      if (inner.readSmallFile) {
        const rs = inner.readSmallFile.bind(inner);
        this.readSmallFile = (p, max, o) => {
          this.smallReads++;
          return rs(p, max, o);
        };
      }
      if (inner.writeSmallFile) {
        const ws = inner.writeSmallFile.bind(inner);
        this.writeSmallFile = (p, d, o) => {
          this.smallWrites++;
          return ws(p, d, o);
        };
      }
    }
  }

  get openHandles(): number {
    return this.opens - this.closes;
  }

  /** Runs one request, counting it in flight and applying the delay. */
  async request<T>(op: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.abortedAt !== undefined) this.startedAfterAbort++;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.faults.delayMs) await abortableSleep(this.faults.delayMs, signal);
      return await op();
    } finally {
      this.inFlight--;
    }
  }

  async open(path: string, how?: OpenOptions, opts?: OpOptions): Promise<FileHandle> {
    const h = await this.inner.open(path, how, opts);
    this.opens++;
    return new InstrumentedHandle(this, h);
  }

  stat = (p: string, o?: OpOptions): Promise<Stat> => this.inner.stat(p, o);
  lstat = (p: string, o?: OpOptions): Promise<Stat> => this.inner.lstat(p, o);
  readdir = (p: string, o?: OpOptions): Promise<DirEntry[]> => this.inner.readdir(p, o);
  mkdir = (p: string, m?: number, o?: OpOptions): Promise<void> => this.inner.mkdir(p, m, o);
  rmdir = (p: string, o?: OpOptions): Promise<void> => this.inner.rmdir(p, o);
  unlink = (p: string, o?: OpOptions): Promise<void> => {
    this.unlinked.push(p);
    return this.inner.unlink(p, o);
  };
  rename = (a: string, b: string, o?: RenameOptions): Promise<void> => this.inner.rename(a, b, o);
  truncate = (p: string, n: number, o?: OpOptions): Promise<void> => this.inner.truncate(p, n, o);
  utimes = (p: string, a: Date | bigint, m: Date | bigint, o?: OpOptions): Promise<void> => this.inner.utimes(p, a, m, o);
  statfs = (p: string, o?: OpOptions): Promise<StatFs> => this.inner.statfs(p, o);
  close = (): Promise<void> => this.inner.close();
}

class InstrumentedHandle implements FileHandle {
  constructor(
    private readonly fs: InstrumentedFs,
    private readonly h: FileHandle,
  ) {}

  get path(): string {
    return this.h.path;
  }

  read(buffer: Buffer, offset: number, length: number, position: number, opts?: OpOptions): Promise<number> {
    return this.fs.request(async () => {
      this.fs.reads.push(length);
      const limit = this.fs.faults.failReadsAfter;
      if (limit !== undefined && this.fs.readBytes + length > limit) throw new FsError('EIO', 'injected read failure', { syscall: 'read', path: this.path });
      const n = await this.h.read(buffer, offset, length, position, opts);
      this.fs.readBytes += n;
      return n;
    }, opts?.signal);
  }

  write(data: Buffer, position: number, opts?: OpOptions): Promise<number> {
    return this.fs.request(async () => {
      this.fs.writes.push(data.length);
      const limit = this.fs.faults.failWritesAfter;
      if (limit !== undefined && this.fs.writtenBytes + data.length > limit) throw new FsError('EIO', 'injected write failure', { syscall: 'write', path: this.path });
      this.fs.writtenBytes += data.length;
      return this.h.write(data, position, opts);
    }, opts?.signal);
  }

  stat = (o?: OpOptions) => this.h.stat(o);
  truncate = (n: number, o?: OpOptions) => this.h.truncate(n, o);
  sync = (o?: OpOptions) => this.h.sync(o);
  async close(): Promise<void> {
    this.fs.closes++;
    await this.h.close();
  }
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new FsError('ECANCELED', 'aborted', { cause: signal.reason }));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new FsError('ECANCELED', 'aborted', { cause: signal?.reason }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function rejection(p: Promise<unknown>): Promise<FsError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FsError);
    return e as FsError;
  }
  throw new Error('expected a rejection');
}

/** Collects a stream's bytes. */
async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

let host: string;
let local: LocalFileSystem;

beforeEach(async () => {
  host = await mkdtemp(join(tmpdir(), 'netfs-helpers-'));
  local = new LocalFileSystem(host, { ioSize: 64 * KiB });
});

afterEach(async () => {
  await rm(host, { recursive: true, force: true });
});

/** The names in a host directory, to prove no partial file is left. */
const hostNames = (dir = host) => readLocalDir(dir).then((n) => n.sort());

describe('pipelineWindow', () => {
  it('keeps window * ioSize near 32 MiB, between 2 and 8 requests, unless told', () => {
    expect(pipelineWindow(64 * KiB)).toBe(8);
    expect(pipelineWindow(MiB)).toBe(8);
    expect(pipelineWindow(8 * MiB)).toBe(4);
    expect(pipelineWindow(64 * MiB)).toBe(2);
    expect(pipelineWindow(MiB, 3)).toBe(3);
    expect(pipelineWindow(MiB, 0)).toBe(1);
  });
});

describe('ProgressThrottle', () => {
  it('reports at most once per interval, and always at the end', () => {
    let now = 1000;
    const calls: [number, number][] = [];
    const p = new ProgressThrottle((d, t) => calls.push([d, t]), 100, () => now);
    p.update(1, 10);
    now += 50;
    p.update(2, 10);
    now += 60;
    p.update(3, 10);
    p.final(10, 10);
    expect(calls).toEqual([
      [1, 10],
      [3, 10],
      [10, 10],
    ]);
  });
});

describe('readFile', () => {
  it('reads a small file in one readSmallFile call, opening no handle', async () => {
    await writeLocal(join(host, 'small'), 'tiny');
    const fs = new InstrumentedFs(local);
    expect((await readFile(fs, '/small')).toString()).toBe('tiny');
    expect([fs.smallReads, fs.opens, fs.reads.length]).toEqual([1, 0, 0]);
  });

  it('falls back to pipelined reads of ioSize when readSmallFile says the file is larger', async () => {
    const data = bytes(MiB + 5);
    await writeLocal(join(host, 'big'), data);
    const fs = new InstrumentedFs(local, { delayMs: 5 });
    expect((await readFile(fs, '/big')).equals(data)).toBe(true);
    expect(fs.smallReads).toBe(1);
    expect(fs.reads.length).toBe(17);
    expect(fs.reads.slice(0, 16).every((n) => n === 64 * KiB)).toBe(true);
    expect(fs.maxInFlight).toBeGreaterThan(1);
    expect(fs.maxInFlight).toBeLessThanOrEqual(pipelineWindow(64 * KiB));
    expect(fs.openHandles).toBe(0);
  });

  it('works without readSmallFile, on empty files too, and honours a window', async () => {
    const data = bytes(300 * KiB);
    await writeLocal(join(host, 'f'), data);
    await writeLocal(join(host, 'empty'), '');
    const fs = new InstrumentedFs(local, { smallFileOps: false, delayMs: 2 });
    expect((await readFile(fs, '/f', { window: 2 })).equals(data)).toBe(true);
    expect(fs.maxInFlight).toBe(2);
    expect((await readFile(fs, '/empty')).length).toBe(0);
    expect(fs.smallReads).toBe(0);
    expect(fs.openHandles).toBe(0);
  });

  it('rejects a file over maxSize with EFBIG, and a missing one with ENOENT, closing what it opened', async () => {
    await writeLocal(join(host, 'big'), bytes(200 * KiB));
    const fs = new InstrumentedFs(local);
    const e = await rejection(readFile(fs, '/big', { maxSize: 100 * KiB }));
    expect([e.code, e.path]).toEqual(['EFBIG', '/big']);
    expect((await rejection(readFile(fs, '/nope'))).code).toBe('ENOENT');
    expect(fs.openHandles).toBe(0);
  });

  it('a failing read rejects with its error and closes the handle', async () => {
    await writeLocal(join(host, 'big'), bytes(MiB));
    const fs = new InstrumentedFs(local, { failReadsAfter: 300 * KiB });
    const e = await rejection(readFile(fs, '/big'));
    expect(e.code).toBe('EIO');
    expect(fs.openHandles).toBe(0);
  });

  it('an abort midway rejects with ECANCELED (cause: the reason), stops issuing reads and closes the handle', async () => {
    await writeLocal(join(host, 'big'), bytes(4 * MiB));
    const fs = new InstrumentedFs(local, { delayMs: 20, smallFileOps: false });
    const ac = new AbortController();
    const reading = readFile(fs, '/big', { signal: ac.signal });
    await sleep(30);
    fs.abortedAt = Date.now();
    const reason = new Error('stop');
    ac.abort(reason);
    const e = await rejection(reading);
    expect(e.code).toBe('ECANCELED');
    expect(e.cause).toBe(reason);
    expect(fs.startedAfterAbort).toBe(0);
    expect(fs.reads.length).toBeLessThan(64);
    expect(fs.openHandles).toBe(0);
  });
});

describe('writeFile', () => {
  it('writes a small file with one writeSmallFile call', async () => {
    const fs = new InstrumentedFs(local);
    await writeFile(fs, '/small', 'hello');
    expect([fs.smallWrites, fs.opens]).toEqual([1, 0]);
    expect(await readLocal(join(host, 'small'), 'utf8')).toBe('hello');
  });

  it('opens with the mode asked for (writeSmallFile cannot carry one)', async () => {
    const fs = new InstrumentedFs(local);
    await writeFile(fs, '/private', Uint8Array.from([1, 2, 3]), { mode: 0o600 });
    expect([fs.smallWrites, fs.opens, fs.openHandles]).toEqual([0, 1, 0]);
    expect((await statLocal(join(host, 'private'))).mode & 0o777).toBe(0o600);
    expect([...(await readLocal(join(host, 'private')))]).toEqual([1, 2, 3]);
  });

  it('writes a large file in ioSize pieces, several in flight, replacing what was there', async () => {
    await writeLocal(join(host, 'big'), bytes(3 * MiB, 9));
    const data = bytes(MiB + 100, 2);
    const fs = new InstrumentedFs(local, { delayMs: 3 });
    await writeFile(fs, '/big', data);
    expect((await readLocal(join(host, 'big'))).equals(data)).toBe(true);
    expect(fs.writes.length).toBe(17);
    expect(Math.max(...fs.writes)).toBe(64 * KiB);
    expect(fs.maxInFlight).toBeGreaterThan(1);
    expect(fs.maxInFlight).toBeLessThanOrEqual(8);
    expect(fs.openHandles).toBe(0);
  });

  it('a failing write rejects with its error, closes the handle and issues no more writes', async () => {
    const fs = new InstrumentedFs(local, { failWritesAfter: 256 * KiB, smallFileOps: false });
    const e = await rejection(writeFile(fs, '/f', bytes(2 * MiB), { window: 1 }));
    expect([e.code, e.syscall]).toEqual(['EIO', 'write']);
    expect(fs.writes.length).toBe(5);
    expect(fs.openHandles).toBe(0);
  });

  it('an abort rejects with ECANCELED and closes the handle', async () => {
    const fs = new InstrumentedFs(local, { delayMs: 20 });
    const ac = new AbortController();
    const writing = writeFile(fs, '/f', bytes(4 * MiB), { signal: ac.signal });
    await sleep(30);
    fs.abortedAt = Date.now();
    ac.abort();
    expect((await rejection(writing)).code).toBe('ECANCELED');
    expect(fs.startedAfterAbort).toBe(0);
    expect(fs.openHandles).toBe(0);
  });
});

describe('createReadStream', () => {
  it('streams the file in chunks of at most highWaterMark', async () => {
    const data = bytes(200 * KiB + 7);
    await writeLocal(join(host, 'f'), data);
    const sizes: number[] = [];
    const stream = createReadStream(local, '/f', { highWaterMark: 16 * KiB });
    stream.on('data', (c: Buffer) => sizes.push(c.length));
    expect((await drain(stream)).equals(data)).toBe(true);
    expect(Math.max(...sizes)).toBe(16 * KiB);
    expect(sizes.length).toBe(13);
  });

  it('reads inclusive ranges; an end past EOF stops at EOF; a start past EOF gives nothing', async () => {
    const data = bytes(100 * KiB);
    await writeLocal(join(host, 'f'), data);
    expect((await drain(createReadStream(local, '/f', { start: 10, end: 70_000 }))).equals(data.subarray(10, 70_001))).toBe(true);
    expect((await drain(createReadStream(local, '/f', { start: 90 * KiB, end: 10 * MiB }))).equals(data.subarray(90 * KiB))).toBe(true);
    expect((await drain(createReadStream(local, '/f', { start: MiB }))).length).toBe(0);
    expect((await drain(createReadStream(local, '/f', { start: 5, end: 5 }))).equals(data.subarray(5, 6))).toBe(true);
    expect(() => createReadStream(local, '/f', { start: 10, end: 5 })).toThrow(FsError);
  });

  it('keeps a bounded window ahead of a slow consumer', async () => {
    const data = bytes(2 * MiB);
    await writeLocal(join(host, 'f'), data);
    const fs = new InstrumentedFs(local);
    let consumed = 0;
    let maxAhead = 0;
    const slow = new Writable({
      highWaterMark: 1,
      write(_chunk: Buffer, _e, cb) {
        consumed++;
        maxAhead = Math.max(maxAhead, fs.reads.length - consumed);
        setTimeout(cb, 2);
      },
    });
    await pipeline(createReadStream(fs, '/f', { window: 3 }), slow);
    expect(consumed).toBe(32);
    // 3 requests in flight, plus a chunk in the Readable's buffer and one in the Writable's.
    expect(maxAhead).toBeLessThanOrEqual(3 + 2);
    expect(maxAhead).toBeGreaterThanOrEqual(2);
    expect(fs.openHandles).toBe(0);
  });

  it('a failing read destroys the stream with that error and closes the handle', async () => {
    await writeLocal(join(host, 'f'), bytes(MiB));
    const fs = new InstrumentedFs(local, { failReadsAfter: 200 * KiB });
    expect((await rejection(drain(createReadStream(fs, '/f')))).code).toBe('EIO');
    expect((await rejection(drain(createReadStream(fs, '/missing')))).code).toBe('ENOENT');
    await sleep(5);
    expect(fs.openHandles).toBe(0);
  });

  it('an abort destroys the stream with ECANCELED and closes the handle', async () => {
    await writeLocal(join(host, 'f'), bytes(MiB));
    const fs = new InstrumentedFs(local, { delayMs: 5 });
    const ac = new AbortController();
    const stream = createReadStream(fs, '/f', { signal: ac.signal });
    stream.once('data', () => ac.abort());
    const closed = new Promise((r) => stream.once('close', r));
    expect((await rejection(drain(stream))).code).toBe('ECANCELED');
    await closed;
    expect(fs.openHandles).toBe(0);
    const pre = new AbortController();
    pre.abort();
    expect((await rejection(drain(createReadStream(fs, '/f', { signal: pre.signal })))).code).toBe('ECANCELED');
    expect(fs.opens).toBe(1);
  });
});

describe('createWriteStream', () => {
  it('gathers small chunks into ioSize writes with several in flight', async () => {
    const data = bytes(MiB + 3);
    const fs = new InstrumentedFs(local, { delayMs: 3 });
    const pieces = Array.from({ length: Math.ceil(data.length / 1000) }, (_, i) => data.subarray(i * 1000, (i + 1) * 1000));
    const stream = createWriteStream(fs, '/out');
    await pipeline(Readable.from(pieces), stream);
    expect((await readLocal(join(host, 'out'))).equals(data)).toBe(true);
    expect(fs.writes.slice(0, -1).every((n) => n === 64 * KiB)).toBe(true);
    expect(fs.writes.length).toBe(17);
    expect(fs.maxInFlight).toBeGreaterThan(1);
    expect(fs.maxInFlight).toBeLessThanOrEqual(pipelineWindow(64 * KiB));
    expect(fs.openHandles).toBe(0);
  });

  it('honours flags: wx refuses an existing file, a appends in order, r+ neither creates nor truncates', async () => {
    await writeLocal(join(host, 'existing'), 'abcdef');
    expect((await rejection(pipeline(Readable.from(['x']), createWriteStream(local, '/existing', { flags: 'wx' })))).code).toBe('EEXIST');
    const fs = new InstrumentedFs(local, { delayMs: 2 });
    await pipeline(Readable.from([bytes(200 * KiB, 3)]), createWriteStream(fs, '/existing', { flags: 'a' }));
    expect(fs.maxInFlight).toBe(1);
    const appended = await readLocal(join(host, 'existing'));
    expect(appended.subarray(0, 6).toString()).toBe('abcdef');
    expect(appended.subarray(6).equals(bytes(200 * KiB, 3))).toBe(true);
    await pipeline(Readable.from([Buffer.from('XY')]), createWriteStream(local, '/existing', { flags: 'r+', start: 1 }));
    expect((await readLocal(join(host, 'existing'))).subarray(0, 6).toString()).toBe('aXYdef');
    expect((await rejection(pipeline(Readable.from(['x']), createWriteStream(local, '/none', { flags: 'r+' })))).code).toBe('ENOENT');
  });

  it('a failing write errors the stream and closes the handle', async () => {
    const fs = new InstrumentedFs(local, { failWritesAfter: 300 * KiB });
    const e = await rejection(pipeline(Readable.from([bytes(MiB)]), createWriteStream(fs, '/out')));
    expect([e.code, e.path]).toEqual(['EIO', '/out']);
    expect(fs.openHandles).toBe(0);
    // The failure is also seen by a writer that only calls end().
    const fs2 = new InstrumentedFs(local, { failWritesAfter: 0 });
    const s = createWriteStream(fs2, '/out2');
    const failed = new Promise<Error>((r) => s.once('error', r));
    s.end(Buffer.from('small'));
    expect(((await failed) as FsError).code).toBe('EIO');
    await sleep(5);
    expect(fs2.openHandles).toBe(0);
  });

  it('an abort errors the stream with ECANCELED and closes the handle', async () => {
    const fs = new InstrumentedFs(local, { delayMs: 10 });
    const ac = new AbortController();
    const s = createWriteStream(fs, '/out', { signal: ac.signal });
    const source = Readable.from((function* () {
      for (let i = 0; i < 100; i++) yield bytes(64 * KiB, i);
    })());
    setTimeout(() => ac.abort(), 30);
    expect((await rejection(pipeline(source, s))).code).toBe('ECANCELED');
    await sleep(20);
    expect(fs.openHandles).toBe(0);
    expect(fs.writes.length).toBeLessThan(100);
  });
});

describe('copy', () => {
  let other: string;
  beforeEach(async () => {
    other = await mkdtemp(join(tmpdir(), 'netfs-helpers-dst-'));
  });
  afterEach(async () => {
    await rm(other, { recursive: true, force: true });
  });

  it('downloads to a local file, reporting progress throttled and once at the end', async () => {
    const data = bytes(3 * MiB);
    await writeLocal(join(host, 'src'), data);
    const fs = new InstrumentedFs(local, { delayMs: 15 });
    const calls: [number, number][] = [];
    const started = Date.now();
    const n = await copy({ fs, path: '/src' }, join(other, 'dst'), { onProgress: (d, t) => calls.push([d, t]) });
    const elapsed = Date.now() - started;
    expect(n).toBe(data.length);
    expect((await readLocal(join(other, 'dst'))).equals(data)).toBe(true);
    expect(await hostNames(other)).toEqual(['dst']);
    expect(calls.at(-1)).toEqual([data.length, data.length]);
    expect(calls.length).toBeLessThanOrEqual(Math.floor(elapsed / 100) + 2);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.every(([d, t], i) => t === data.length && (i === 0 || d >= calls[i - 1][0]))).toBe(true);
    expect(fs.maxInFlight).toBeGreaterThan(1);
    expect(fs.openHandles).toBe(0);
  });

  it('uploads, and copies between two file systems and between local files', async () => {
    const data = bytes(700 * KiB);
    await writeLocal(join(other, 'local-src'), data);
    const fs = new InstrumentedFs(local);
    await copy(join(other, 'local-src'), { fs, path: '/up' });
    expect((await readLocal(join(host, 'up'))).equals(data)).toBe(true);
    const second = new LocalFileSystem(other, { ioSize: 48 * KiB });
    await copy({ fs, path: '/up' }, { fs: second, path: '/across' });
    expect((await readLocal(join(other, 'across'))).equals(data)).toBe(true);
    await copy(join(other, 'across'), join(other, 'plain'));
    expect((await readLocal(join(other, 'plain'))).equals(data)).toBe(true);
    await copy(join(other, 'plain'), join(other, 'empty-src-check'), { overwrite: false });
    expect(await hostNames()).toEqual(['up']);
    expect(await hostNames(other)).toEqual(['across', 'empty-src-check', 'local-src', 'plain']);
    expect(fs.openHandles).toBe(0);
  });

  it('copies an empty file', async () => {
    await writeLocal(join(host, 'empty'), '');
    await copy({ fs: local, path: '/empty' }, join(other, 'e'));
    expect((await readLocal(join(other, 'e'))).length).toBe(0);
  });

  it('with overwrite: false refuses an existing destination before moving a byte', async () => {
    await writeLocal(join(host, 'src'), bytes(MiB));
    await writeLocal(join(host, 'taken'), 'old');
    await writeLocal(join(other, 'taken'), 'old');
    const fs = new InstrumentedFs(local);
    expect((await rejection(copy({ fs, path: '/src' }, join(other, 'taken'), { overwrite: false }))).code).toBe('EEXIST');
    expect((await rejection(copy({ fs, path: '/src' }, { fs, path: '/taken' }, { overwrite: false }))).code).toBe('EEXIST');
    expect(fs.reads.length).toBe(0);
    expect(await readLocal(join(other, 'taken'), 'utf8')).toBe('old');
    expect(await hostNames(other)).toEqual(['taken']);
    expect(await hostNames()).toEqual(['src', 'taken']);
    await copy({ fs, path: '/src' }, join(other, 'taken'));
    expect((await readLocal(join(other, 'taken'))).length).toBe(MiB);
  });

  it('a download that fails midway leaves nothing under the final name, and no partial file', async () => {
    await writeLocal(join(host, 'src'), bytes(2 * MiB));
    const fs = new InstrumentedFs(local, { failReadsAfter: MiB });
    const e = await rejection(copy({ fs, path: '/src' }, join(other, 'dst')));
    expect(e.code).toBe('EIO');
    expect(await hostNames(other)).toEqual([]);
    expect(fs.openHandles).toBe(0);
  });

  it('a failed download over an existing file keeps the old file intact', async () => {
    await writeLocal(join(host, 'src'), bytes(2 * MiB));
    await writeLocal(join(other, 'dst'), 'previous version');
    const fs = new InstrumentedFs(local, { failReadsAfter: MiB });
    await rejection(copy({ fs, path: '/src' }, join(other, 'dst')));
    expect(await readLocal(join(other, 'dst'), 'utf8')).toBe('previous version');
    expect(await hostNames(other)).toEqual(['dst']);
  });

  it('an upload that fails midway removes its temporary file from the target directory', async () => {
    await writeLocal(join(other, 'src'), bytes(2 * MiB));
    await mkdirLocal(join(host, 'dir'));
    const fs = new InstrumentedFs(local, { failWritesAfter: MiB });
    const e = await rejection(copy(join(other, 'src'), { fs, path: '/dir/dst' }));
    expect(e.code).toBe('EIO');
    expect(await hostNames(join(host, 'dir'))).toEqual([]);
    expect(fs.unlinked).toHaveLength(1);
    expect(fs.unlinked[0]).toMatch(new RegExp(`^/dir/dst\\${PARTIAL_MARK}[0-9a-f]{12}$`));
    expect(fs.openHandles).toBe(0);
  });

  it('names the partial file with the injected suffix', async () => {
    await writeLocal(join(other, 'src'), 'abc');
    const fs = new InstrumentedFs(local, { failWritesAfter: 0, smallFileOps: false });
    await rejection(copy(join(other, 'src'), { fs, path: '/dst' }, { randomSuffix: () => 'fixed' }));
    expect(fs.unlinked).toEqual([`/dst${PARTIAL_MARK}fixed`]);
  });

  it('an abort midway rejects with ECANCELED, stops issuing requests and removes the partial file', async () => {
    await writeLocal(join(host, 'src'), bytes(4 * MiB));
    const fs = new InstrumentedFs(local, { delayMs: 20 });
    const ac = new AbortController();
    const copying = copy({ fs, path: '/src' }, join(other, 'dst'), { signal: ac.signal });
    await sleep(50);
    fs.abortedAt = Date.now();
    ac.abort();
    expect((await rejection(copying)).code).toBe('ECANCELED');
    expect(fs.startedAfterAbort).toBe(0);
    expect(await hostNames(other)).toEqual([]);
    expect(fs.openHandles).toBe(0);
  });

  it('a source that cannot be opened fails before creating anything', async () => {
    const e = await rejection(copy({ fs: local, path: '/missing' }, join(other, 'dst')));
    expect([e.code, e.syscall]).toEqual(['ENOENT', 'open']);
    expect((await rejection(copy(join(other, 'missing'), { fs: local, path: '/dst' }))).code).toBe('ENOENT');
    expect(await hostNames(other)).toEqual([]);
    expect(await hostNames()).toEqual([]);
  });
});

describe('walk, mkdirp, rmrf', () => {
  it('walk yields depth first in name order, without the start, never following symlinks', async () => {
    await mkdirLocal(join(host, 'top/b/inner'), { recursive: true });
    await mkdirLocal(join(host, 'top/a'));
    await writeLocal(join(host, 'top/b/inner/file'), '12345');
    await writeLocal(join(host, 'top/c.txt'), '');
    await symlinkLocal('..', join(host, 'top/b/loop'));
    const seen: [string, string][] = [];
    for await (const e of walk(local, '/top')) seen.push([e.path, e.stat.type]);
    expect(seen).toEqual([
      ['/top/a', 'directory'],
      ['/top/b', 'directory'],
      ['/top/b/inner', 'directory'],
      ['/top/b/inner/file', 'file'],
      ['/top/b/loop', 'symlink'],
      ['/top/c.txt', 'file'],
    ]);
    const missing = walk(local, '/nope');
    expect((await rejection(missing.next())).code).toBe('ENOENT');
  });

  it('mkdirp creates missing parents, tolerates an existing directory, refuses a file in the way', async () => {
    expect(await mkdirp(local, '/x/y/z')).toBe('/x');
    expect((await statLocal(join(host, 'x/y/z'))).isDirectory()).toBe(true);
    expect(await mkdirp(local, '/x/y/z')).toBeUndefined();
    expect(await mkdirp(local, '/x/y/w')).toBe('/x/y/w');
    expect(await mkdirp(local, '/')).toBeUndefined();
    await writeLocal(join(host, 'x/file'), '');
    expect((await rejection(mkdirp(local, '/x/file'))).code).toBe('EEXIST');
    expect((await rejection(mkdirp(local, '/x/file/deeper/still'))).code).toBe('ENOTDIR');
    await mkdirp(local, '/m', { mode: 0o700 });
    expect((await statLocal(join(host, 'm'))).mode & 0o777).toBe(0o700);
  });

  it('rmrf removes a tree and its symlinks without following them; a missing path is fine; the root is refused', async () => {
    await mkdirLocal(join(host, 'keep'));
    await writeLocal(join(host, 'keep/precious'), 'keep me');
    await mkdirLocal(join(host, 'doomed/a/b'), { recursive: true });
    for (let i = 0; i < 20; i++) await writeLocal(join(host, `doomed/a/f${i}`), String(i));
    await writeLocal(join(host, 'doomed/a/b/deep'), 'x');
    await symlinkLocal('../keep', join(host, 'doomed/link-to-keep'));
    const fs = new InstrumentedFs(local);
    await rmrf(fs, '/doomed');
    expect(await hostNames()).toEqual(['keep']);
    expect(await readLocal(join(host, 'keep/precious'), 'utf8')).toBe('keep me');
    await rmrf(fs, '/doomed');
    await rmrf(fs, '/keep/precious');
    expect(await hostNames(join(host, 'keep'))).toEqual([]);
    expect((await rejection(rmrf(fs, '/keep/..'))).code).toBe('EPERM');
    expect(await hostNames()).toEqual(['keep']);
  });

  it('rmrf reports what it cannot remove', async () => {
    await mkdirLocal(join(host, 'ro/sub'), { recursive: true });
    await writeLocal(join(host, 'ro/sub/f'), 'x');
    const fs = new InstrumentedFs(local);
    fs.unlink = (p: string) => Promise.reject(new FsError('EACCES', 'denied', { syscall: 'unlink', path: p }));
    const e = await rejection(rmrf(fs, '/ro'));
    expect([e.code, e.path]).toEqual(['EACCES', '/ro/sub/f']);
    await chmodLocal(join(host, 'ro'), 0o755);
    expect(await hostNames(join(host, 'ro/sub'))).toEqual(['f']);
  });
});
