import { describe, expect, it } from 'vitest';
import { joinPath } from '../path.js';
import { expectFsError, put, readAll, type SuiteContext } from './context.js';

export function fileIoTests(t: SuiteContext): void {
  describe('open', () => {
    it('rejects a missing file without create (ENOENT), and creates an empty one with it', async () => {
      const d = await t.dir('open-create');
      const p = joinPath(d, 'new');
      await expectFsError(t.fs.open(p, { read: true }), 'ENOENT');
      const h = await t.fs.open(p, { write: true, create: true });
      await h.close();
      const st = await t.fs.stat(p);
      expect(st.type).toBe('file');
      expect(st.size).toBe(0);
    });

    it('create keeps an existing file as it is unless truncate is asked for', async () => {
      const d = await t.dir('open-keep');
      const p = joinPath(d, 'f');
      await put(t.fs, p, 'keep me');
      await (await t.fs.open(p, { write: true, create: true })).close();
      expect((await readAll(t.fs, p)).toString()).toBe('keep me');
      await (await t.fs.open(p, { write: true, truncate: true })).close();
      expect((await t.fs.stat(p)).size).toBe(0);
    });

    it('exclusive create fails with EEXIST on an existing file and leaves it intact', async () => {
      const d = await t.dir('open-excl');
      const p = joinPath(d, 'f');
      await put(t.fs, p, 'original');
      const e = await expectFsError(t.fs.open(p, { write: true, create: true, exclusive: true }), 'EEXIST');
      expect(e.syscall).toBe('open');
      expect((await readAll(t.fs, p)).toString()).toBe('original');
      const fresh = joinPath(d, 'fresh');
      await (await t.fs.open(fresh, { write: true, create: true, exclusive: true })).close();
      expect((await t.fs.stat(fresh)).size).toBe(0);
    });

    it('append writes at the end whatever the position', async () => {
      const d = await t.dir('open-append');
      const p = joinPath(d, 'log');
      await put(t.fs, p, 'first;');
      const h = await t.fs.open(p, { write: true, append: true });
      try {
        await h.write(Buffer.from('second;'), 0);
        await h.write(Buffer.from('third;'), 0);
      } finally {
        await h.close();
      }
      expect((await readAll(t.fs, p)).toString()).toBe('first;second;third;');
    });

    it('a read-only handle refuses writes (EBADF or EACCES) and the file is unchanged', async () => {
      const d = await t.dir('open-rdonly');
      const p = joinPath(d, 'f');
      await put(t.fs, p, 'unchanged');
      const h = await t.fs.open(p, { read: true });
      try {
        await expectFsError(h.write(Buffer.from('X'), 0), ['EBADF', 'EACCES']);
      } finally {
        await h.close();
      }
      expect((await readAll(t.fs, p)).toString()).toBe('unchanged');
    });

    it('a closed handle rejects further use', async () => {
      const d = await t.dir('open-closed');
      const p = joinPath(d, 'f');
      await put(t.fs, p, 'data');
      const h = await t.fs.open(p, { read: true });
      await h.close();
      await expectFsError(h.read(Buffer.alloc(4), 0, 4, 0), ['EBADF']);
    });
  });

  describe('read and write', () => {
    it('reads at offsets, short across the end, 0 past it', async () => {
      const d = await t.dir('read-offsets');
      const p = joinPath(d, 'f');
      await put(t.fs, p, '0123456789');
      const h = await t.fs.open(p, { read: true });
      try {
        const buf = Buffer.alloc(8, 0xee);
        expect(await h.read(buf, 0, 4, 3)).toBe(4);
        expect(buf.subarray(0, 4).toString()).toBe('3456');
        expect(await h.read(buf, 2, 4, 0)).toBe(4);
        expect(buf.subarray(0, 6).toString()).toBe('340123');
        expect(buf[6]).toBe(0xee);
        const tail = Buffer.alloc(8);
        expect(await h.read(tail, 0, 8, 7)).toBe(3);
        expect(tail.subarray(0, 3).toString()).toBe('789');
        expect(await h.read(tail, 0, 8, 10)).toBe(0);
        expect(await h.read(tail, 0, 8, 1000)).toBe(0);
      } finally {
        await h.close();
      }
    });

    it('writes at offsets; a gap reads back as zeros', async () => {
      const d = await t.dir('write-offsets');
      const p = joinPath(d, 'f');
      const h = await t.fs.open(p, { read: true, write: true, create: true });
      try {
        expect(await h.write(Buffer.from('tail'), 100)).toBe(4);
        expect(await h.write(Buffer.from('head'), 0)).toBe(4);
        expect(await h.write(Buffer.from('EA'), 1)).toBe(2);
      } finally {
        await h.close();
      }
      const data = await readAll(t.fs, p);
      expect(data.length).toBe(104);
      expect(data.subarray(0, 4).toString()).toBe('hEAd');
      expect(data.subarray(4, 100).equals(Buffer.alloc(96))).toBe(true);
      expect(data.subarray(100).toString()).toBe('tail');
    });

    it('sync succeeds and the data is there', async () => {
      const d = await t.dir('sync');
      const p = joinPath(d, 'f');
      const h = await t.fs.open(p, { read: true, write: true, create: true });
      try {
        await h.write(Buffer.from('durable'), 0);
        await h.sync();
        const buf = Buffer.alloc(7);
        expect(await h.read(buf, 0, 7, 0)).toBe(7);
        expect(buf.toString()).toBe('durable');
      } finally {
        await h.close();
      }
    });
  });

  describe('truncate', () => {
    it('by path: shrinks, and grows with zeros', async () => {
      const d = await t.dir('truncate-path');
      const p = joinPath(d, 'f');
      await put(t.fs, p, 'abcdefgh');
      await t.fs.truncate(p, 3);
      expect((await readAll(t.fs, p)).toString()).toBe('abc');
      await t.fs.truncate(p, 6);
      expect((await readAll(t.fs, p)).equals(Buffer.from('abc\0\0\0'))).toBe(true);
      await t.fs.truncate(p, 0);
      expect((await t.fs.stat(p)).size).toBe(0);
      await expectFsError(t.fs.truncate(joinPath(d, 'missing'), 0), 'ENOENT');
    });

    it('by handle: shrinks, and grows with zeros', async () => {
      const d = await t.dir('truncate-handle');
      const p = joinPath(d, 'f');
      await put(t.fs, p, 'abcdefgh');
      const h = await t.fs.open(p, { read: true, write: true });
      try {
        await h.truncate(2);
        expect((await h.stat()).size).toBe(2);
        await h.truncate(5);
        expect((await h.stat()).size).toBe(5);
      } finally {
        await h.close();
      }
      expect((await readAll(t.fs, p)).equals(Buffer.from('ab\0\0\0'))).toBe(true);
    });
  });
}
