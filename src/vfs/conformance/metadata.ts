import { describe, expect, it } from 'vitest';
import { joinPath } from '../path.js';
import { S_IFDIR, S_IFMT, S_IFREG, type Stat } from '../types.js';
import { writeFile } from '../helpers/write-file.js';
import { expectFsError, put, type SuiteContext } from './context.js';

/** Server and client share a clock on the test machines; allow for a slow run and coarse times. */
const NOW_TOLERANCE_MS = 120_000;

function expectNearNow(ns: bigint, what: string): void {
  const ms = Number(ns / 1_000_000n);
  expect(Math.abs(ms - Date.now()), `${what} ${new Date(ms).toISOString()} is not near now`).toBeLessThan(NOW_TOLERANCE_MS);
}

/** The attributes a directory listing and a stat must agree on. */
function comparable(s: Stat) {
  return { type: s.type, size: s.size, mode: s.mode, uid: s.uid, gid: s.gid, ino: s.ino, mtimeNs: s.mtimeNs };
}

export function metadataTests(t: SuiteContext): void {
  describe('stat', () => {
    it('describes a file: type, size, mode bits, times near now, nlink, Date conveniences', async () => {
      const d = await t.dir('stat-file');
      const p = joinPath(d, 'f.txt');
      await put(t.fs, p, 'hello');
      const st = await t.fs.stat(p);
      expect(st.type).toBe('file');
      expect(st.size).toBe(5);
      expect(st.mode & S_IFMT).toBe(S_IFREG);
      expect(st.nlink).toBeGreaterThanOrEqual(1);
      expectNearNow(st.mtimeNs, 'mtime');
      expectNearNow(st.ctimeNs, 'ctime');
      expect(st.mtime.getTime()).toBe(Number(st.mtimeNs / 1_000_000n));
      expect(st.atime.getTime()).toBe(Number(st.atimeNs / 1_000_000n));
    });

    it('describes a directory', async () => {
      const d = await t.dir('stat-dir');
      const st = await t.fs.stat(d);
      expect(st.type).toBe('directory');
      expect(st.mode & S_IFMT).toBe(S_IFDIR);
      expect(st.nlink).toBeGreaterThanOrEqual(1);
      expectNearNow(st.mtimeNs, 'mtime');
    });

    it('gives stable inode numbers, distinct between files, where it gives any', async () => {
      const d = await t.dir('stat-ino');
      await put(t.fs, joinPath(d, 'a'), 'a');
      await put(t.fs, joinPath(d, 'b'), 'b');
      const [a1, a2, b] = await Promise.all([t.fs.stat(joinPath(d, 'a')), t.fs.stat(joinPath(d, 'a')), t.fs.stat(joinPath(d, 'b'))]);
      expect(a1.ino).toBe(a2.ino);
      if (a1.ino !== 0n || b.ino !== 0n) expect(a1.ino).not.toBe(b.ino);
    });

    it('rejects a missing path with ENOENT, and a path through a file with ENOTDIR or ENOENT', async () => {
      const d = await t.dir('stat-missing');
      await put(t.fs, joinPath(d, 'file'), 'x');
      await expectFsError(t.fs.stat(joinPath(d, 'nope')), 'ENOENT');
      await expectFsError(t.fs.lstat(joinPath(d, 'nope')), 'ENOENT');
      await expectFsError(t.fs.stat(joinPath(d, 'file/below')), ['ENOTDIR', 'ENOENT']);
    });

    it('handle.stat follows writes on the handle and agrees with stat after close', async () => {
      const d = await t.dir('fstat');
      const p = joinPath(d, 'f');
      const h = await t.fs.open(p, { read: true, write: true, create: true });
      try {
        expect((await h.stat()).size).toBe(0);
        await h.write(Buffer.from('0123456789'), 0);
        const hs = await h.stat();
        expect(hs.size).toBe(10);
        expect(hs.type).toBe('file');
      } finally {
        await h.close();
      }
      const st = await t.fs.stat(p);
      expect(st.size).toBe(10);
    });
  });

  describe('readdir', () => {
    it('lists nothing in an empty directory', async () => {
      const d = await t.dir('readdir-empty');
      expect(await t.fs.readdir(d)).toEqual([]);
    });

    it('lists every entry once, without . and .., names with spaces, unicode and leading dots intact', async () => {
      const d = await t.dir('readdir-names');
      const names = ['plain.txt', 'with space.txt', '.hidden', '..double-dot', 'ünïcødé 日本語.txt', 'emoji-😀', 'sub dir'];
      for (const n of names.slice(0, -1)) await put(t.fs, joinPath(d, n), n);
      await t.fs.mkdir(joinPath(d, 'sub dir'));
      const listed = (await t.fs.readdir(d)).map((e) => e.name).sort();
      expect(listed).toEqual([...names].sort());
      for (const n of names.slice(0, -1)) expect((await t.fs.stat(joinPath(d, n))).size).toBe(Buffer.byteLength(n));
    });

    it('gives each entry the attributes stat gives', async () => {
      const d = await t.dir('readdir-attrs');
      await put(t.fs, joinPath(d, 'small'), 'abc');
      await put(t.fs, joinPath(d, 'empty'), '');
      await t.fs.mkdir(joinPath(d, 'dir'));
      const entries = await t.fs.readdir(d);
      expect(entries.map((e) => e.name).sort()).toEqual(['dir', 'empty', 'small']);
      for (const e of entries) {
        const st = await t.fs.lstat(joinPath(d, e.name));
        expect(comparable(e.stat), e.name).toEqual(comparable(st));
      }
    });

    it('lists a directory larger than one reply', async () => {
      const d = await t.dir('readdir-many');
      const names = Array.from({ length: 600 }, (_, i) => `entry-${String(i).padStart(4, '0')}-${'x'.repeat(32)}`);
      for (let i = 0; i < names.length; i += 50) {
        await Promise.all(names.slice(i, i + 50).map((n) => writeFile(t.fs, joinPath(d, n), '')));
      }
      const listed = (await t.fs.readdir(d)).map((e) => e.name).sort();
      expect(listed).toEqual(names);
    });

    it('rejects a file with ENOTDIR and a missing path with ENOENT', async () => {
      const d = await t.dir('readdir-errors');
      await put(t.fs, joinPath(d, 'file'), 'x');
      await expectFsError(t.fs.readdir(joinPath(d, 'file')), 'ENOTDIR');
      await expectFsError(t.fs.readdir(joinPath(d, 'missing')), 'ENOENT');
    });
  });
}
