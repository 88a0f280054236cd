import { mkdtemp, readFile as readLocal, readdir as readLocalDir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { joinPath } from '../path.js';
import { copy } from '../helpers/copy.js';
import { readFile } from '../helpers/read-file.js';
import { createReadStream } from '../helpers/read-stream.js';
import { mkdirp, rmrf } from '../helpers/tree.js';
import { walk } from '../helpers/walk.js';
import { writeFile } from '../helpers/write-file.js';
import { createWriteStream } from '../helpers/write-stream.js';
import { expectFsError, pattern, put, readAll, sha256, type SuiteContext } from './context.js';

const MiB = 1024 * 1024;

/** Feeds data in pieces of odd sizes, so requests and chunk boundaries do not line up. */
function oddPieces(data: Buffer): Readable {
  const sizes = [1, 4095, 65537, 100_000, 333_333];
  let at = 0;
  let i = 0;
  return new Readable({
    read() {
      if (at >= data.length) return void this.push(null);
      const n = sizes[i++ % sizes.length];
      this.push(data.subarray(at, at + n));
      at += n;
    },
  });
}

async function streamSha256(stream: Readable): Promise<{ hash: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  await pipeline(
    stream,
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        bytes += chunk.length;
        cb();
      },
    }),
  );
  return { hash: hash.digest('hex'), bytes };
}

export function bulkTests(t: SuiteContext): void {
  describe('whole files and streams', () => {
    it('writeFile and readFile move 1 MiB (+1 byte) intact; small files too', async () => {
      const d = await t.dir('bulk-file');
      const data = pattern(MiB + 1, 'bulk-file');
      await writeFile(t.fs, joinPath(d, 'big'), data);
      expect((await t.fs.stat(joinPath(d, 'big'))).size).toBe(data.length);
      expect(sha256(await readFile(t.fs, joinPath(d, 'big')))).toBe(sha256(data));
      expect(sha256(await readAll(t.fs, joinPath(d, 'big')))).toBe(sha256(data));
      await writeFile(t.fs, joinPath(d, 'small'), 'tiny');
      expect((await readFile(t.fs, joinPath(d, 'small'))).toString()).toBe('tiny');
      await writeFile(t.fs, joinPath(d, 'small'), '');
      expect((await readFile(t.fs, joinPath(d, 'small'))).length).toBe(0);
      await expectFsError(readFile(t.fs, joinPath(d, 'big'), { maxSize: 1000 }), 'EFBIG');
    });

    it('a write stream and a read stream move 1 MiB intact, and read a range', async () => {
      const d = await t.dir('bulk-stream');
      const p = joinPath(d, 'streamed');
      const data = pattern(MiB, 'bulk-stream');
      await pipeline(oddPieces(data), createWriteStream(t.fs, p));
      expect((await t.fs.stat(p)).size).toBe(MiB);
      expect(await streamSha256(createReadStream(t.fs, p))).toEqual({ hash: sha256(data), bytes: MiB });
      const ranged = await streamSha256(createReadStream(t.fs, p, { start: 1000, end: 700_000, highWaterMark: 4096 }));
      expect(ranged).toEqual({ hash: sha256(data.subarray(1000, 700_001)), bytes: 699_001 });
      await pipeline(Readable.from([Buffer.from('+tail')]), createWriteStream(t.fs, p, { flags: 'a' }));
      expect((await t.fs.stat(p)).size).toBe(MiB + 5);
      expect((await readFile(t.fs, p)).subarray(MiB).toString()).toBe('+tail');
    });

    it('stream errors surface: reading a missing file, exclusive create over an existing one', async () => {
      const d = await t.dir('bulk-stream-errors');
      await expectFsError(streamSha256(createReadStream(t.fs, joinPath(d, 'missing'))), 'ENOENT');
      await put(t.fs, joinPath(d, 'taken'), 'x');
      await expectFsError(pipeline(Readable.from([Buffer.from('y')]), createWriteStream(t.fs, joinPath(d, 'taken'), { flags: 'wx' })), 'EEXIST');
      expect((await readAll(t.fs, joinPath(d, 'taken'))).toString()).toBe('x');
    });

    it('an aborted read stream fails with ECANCELED', async () => {
      const d = await t.dir('bulk-stream-abort');
      const p = joinPath(d, 'f');
      await writeFile(t.fs, p, pattern(MiB, 'abort-stream'));
      const ac = new AbortController();
      const stream = createReadStream(t.fs, p, { signal: ac.signal, highWaterMark: 16 * 1024 });
      stream.once('data', () => ac.abort());
      await expectFsError(streamSha256(stream), 'ECANCELED');
    });
  });

  describe('tree helpers and copy', () => {
    it('mkdirp, walk and rmrf handle a small tree', async () => {
      const d = await t.dir('tree');
      expect(await mkdirp(t.fs, joinPath(d, 'a/b/c'))).toBe(joinPath(d, 'a'));
      expect(await mkdirp(t.fs, joinPath(d, 'a/b/c'))).toBeUndefined();
      await put(t.fs, joinPath(d, 'a/b/c/leaf'), 'leaf');
      await put(t.fs, joinPath(d, 'a/file'), 'file');
      const seen = [];
      for await (const e of walk(t.fs, d)) seen.push([e.path.slice(d.length), e.stat.type, e.stat.size]);
      expect(seen.map(([p, type]) => [p, type])).toEqual([
        ['/a', 'directory'],
        ['/a/b', 'directory'],
        ['/a/b/c', 'directory'],
        ['/a/b/c/leaf', 'file'],
        ['/a/file', 'file'],
      ]);
      expect(seen[3][2]).toBe(4);
      await expectFsError(mkdirp(t.fs, joinPath(d, 'a/file/x')), ['ENOTDIR', 'ENOENT']);
      await rmrf(t.fs, joinPath(d, 'a'));
      expect(await t.fs.readdir(d)).toEqual([]);
      await rmrf(t.fs, joinPath(d, 'a'));
    });

    it('copy goes out to a local file and back, with progress, leaving no partial files', async () => {
      const d = await t.dir('copy');
      const data = pattern(MiB + 123, 'copy');
      await writeFile(t.fs, joinPath(d, 'src'), data);
      const local = await mkdtemp(join(tmpdir(), 'netfs-conformance-'));
      try {
        const calls: [number, number][] = [];
        const n = await copy({ fs: t.fs, path: joinPath(d, 'src') }, join(local, 'copy'), { onProgress: (a, b) => calls.push([a, b]) });
        expect(n).toBe(data.length);
        expect(calls.at(-1)).toEqual([data.length, data.length]);
        expect(sha256(await readLocal(join(local, 'copy')))).toBe(sha256(data));
        expect(await readLocalDir(local)).toEqual(['copy']);
        await copy(join(local, 'copy'), { fs: t.fs, path: joinPath(d, 'back') });
        await copy({ fs: t.fs, path: joinPath(d, 'back') }, { fs: t.fs, path: joinPath(d, 'again') });
        expect(sha256(await readFile(t.fs, joinPath(d, 'again')))).toBe(sha256(data));
        await expectFsError(copy(join(local, 'copy'), { fs: t.fs, path: joinPath(d, 'again') }, { overwrite: false }), 'EEXIST');
        expect((await t.fs.readdir(d)).map((e) => e.name).sort()).toEqual(['again', 'back', 'src']);
      } finally {
        await rm(local, { recursive: true, force: true });
      }
    });
  });
}
