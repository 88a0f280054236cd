import { describe, expect, it } from 'vitest';
import { hasLinks, hasSymlinks, type SymlinkCapable } from '../capabilities.js';
import { joinPath } from '../path.js';
import { S_IFLNK, S_IFMT } from '../types.js';
import { expectFsError, put, readAll, type SuiteContext } from './context.js';

export function linkTests(t: SuiteContext): void {
  describe.runIf(t.features.symlinks)('symlinks', () => {
    const need = (): SymlinkCapable => {
      if (!hasSymlinks(t.fs)) throw new Error('symlinks are declared but symlink or readlink is missing');
      return t.fs;
    };

    it('readlink returns the target as given; lstat describes the link, stat the target', async () => {
      const fs = need();
      const d = await t.dir('symlink');
      await put(t.fs, joinPath(d, 'target.txt'), 'pointed at');
      await fs.symlink('target.txt', joinPath(d, 'link'));
      expect(await fs.readlink(joinPath(d, 'link'))).toBe('target.txt');
      const l = await t.fs.lstat(joinPath(d, 'link'));
      expect(l.type).toBe('symlink');
      expect(l.mode & S_IFMT).toBe(S_IFLNK);
      const s = await t.fs.stat(joinPath(d, 'link'));
      const target = await t.fs.stat(joinPath(d, 'target.txt'));
      expect(s.type).toBe('file');
      expect(s.size).toBe(10);
      expect(s.ino).toBe(target.ino);
      expect((await readAll(t.fs, joinPath(d, 'link'))).toString()).toBe('pointed at');
    });

    it('readdir describes a link itself; a dangling link lstats but does not stat', async () => {
      const fs = need();
      const d = await t.dir('symlink-dangling');
      await fs.symlink('nowhere', joinPath(d, 'dangling'));
      const entries = await t.fs.readdir(d);
      expect(entries.map((e) => [e.name, e.stat.type])).toEqual([['dangling', 'symlink']]);
      expect((await t.fs.lstat(joinPath(d, 'dangling'))).type).toBe('symlink');
      await expectFsError(t.fs.stat(joinPath(d, 'dangling')), 'ENOENT');
    });

    it('a link to a directory resolves through path lookups; unlink removes the link only', async () => {
      const fs = need();
      const d = await t.dir('symlink-dir');
      await t.fs.mkdir(joinPath(d, 'real'));
      await put(t.fs, joinPath(d, 'real/inside'), 'in');
      await fs.symlink('real', joinPath(d, 'alias'));
      expect((await t.fs.stat(joinPath(d, 'alias'))).type).toBe('directory');
      expect((await t.fs.readdir(joinPath(d, 'alias'))).map((e) => e.name)).toEqual(['inside']);
      await t.fs.unlink(joinPath(d, 'alias'));
      expect((await readAll(t.fs, joinPath(d, 'real/inside'))).toString()).toBe('in');
      await expectFsError(fs.symlink('real', joinPath(d, 'real')), 'EEXIST');
      await expectFsError(fs.readlink(joinPath(d, 'real')), 'EINVAL');
    });
  });

  describe.runIf(t.features.hardlinks)('hard links', () => {
    it('link gives a second name to the same file', async () => {
      if (!hasLinks(t.fs)) throw new Error('hardlinks are declared but link is missing');
      const fs = t.fs;
      const d = await t.dir('hardlink');
      await put(t.fs, joinPath(d, 'a'), 'shared');
      await fs.link(joinPath(d, 'a'), joinPath(d, 'b'));
      const [a, b] = await Promise.all([t.fs.stat(joinPath(d, 'a')), t.fs.stat(joinPath(d, 'b'))]);
      expect(a.nlink).toBe(2);
      expect(b.ino).toBe(a.ino);
      const h = await t.fs.open(joinPath(d, 'b'), { write: true });
      await h.write(Buffer.from('SH'), 0);
      await h.close();
      expect((await readAll(t.fs, joinPath(d, 'a'))).toString()).toBe('SHared');
      await t.fs.unlink(joinPath(d, 'a'));
      expect((await t.fs.stat(joinPath(d, 'b'))).nlink).toBe(1);
      await expectFsError(fs.link(joinPath(d, 'b'), joinPath(d, 'b')), 'EEXIST');
    });
  });
}
