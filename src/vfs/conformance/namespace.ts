import { describe, expect, it } from 'vitest';
import { joinPath } from '../path.js';
import { expectFsError, put, readAll, type SuiteContext } from './context.js';

export function namespaceTests(t: SuiteContext): void {
  describe('mkdir and rmdir', () => {
    it('mkdir creates an empty directory; EEXIST when the name is taken; ENOENT without a parent', async () => {
      const d = await t.dir('mkdir');
      const p = joinPath(d, 'sub');
      await t.fs.mkdir(p);
      expect((await t.fs.stat(p)).type).toBe('directory');
      expect(await t.fs.readdir(p)).toEqual([]);
      await expectFsError(t.fs.mkdir(p), 'EEXIST');
      await put(t.fs, joinPath(d, 'file'), 'x');
      await expectFsError(t.fs.mkdir(joinPath(d, 'file')), 'EEXIST');
      await expectFsError(t.fs.mkdir(joinPath(d, 'no/such/parent')), 'ENOENT');
    });

    it('rmdir removes an empty directory; ENOTEMPTY on a non-empty one; ENOTDIR on a file; ENOENT when missing', async () => {
      const d = await t.dir('rmdir');
      const empty = joinPath(d, 'empty');
      const full = joinPath(d, 'full');
      await t.fs.mkdir(empty);
      await t.fs.mkdir(full);
      await put(t.fs, joinPath(full, 'f'), 'x');
      await t.fs.rmdir(empty);
      await expectFsError(t.fs.stat(empty), 'ENOENT');
      // POSIX allows EEXIST as well as ENOTEMPTY.
      await expectFsError(t.fs.rmdir(full), ['ENOTEMPTY', 'EEXIST']);
      expect((await t.fs.stat(joinPath(full, 'f'))).size).toBe(1);
      await expectFsError(t.fs.rmdir(joinPath(full, 'f')), 'ENOTDIR');
      await expectFsError(t.fs.rmdir(joinPath(d, 'missing')), 'ENOENT');
    });
  });

  describe('unlink', () => {
    it('removes a file; ENOENT when missing; refuses a directory (EISDIR or EPERM)', async () => {
      const d = await t.dir('unlink');
      const p = joinPath(d, 'f');
      await put(t.fs, p, 'x');
      await t.fs.unlink(p);
      await expectFsError(t.fs.stat(p), 'ENOENT');
      expect(await t.fs.readdir(d)).toEqual([]);
      await expectFsError(t.fs.unlink(p), 'ENOENT');
      await t.fs.mkdir(joinPath(d, 'dir'));
      await expectFsError(t.fs.unlink(joinPath(d, 'dir')), ['EISDIR', 'EPERM']);
      expect((await t.fs.stat(joinPath(d, 'dir'))).type).toBe('directory');
    });

    it('a file unlinked while open stays readable through the handle and is gone once closed', async () => {
      const d = await t.dir('unlink-open');
      const p = joinPath(d, 'f');
      await put(t.fs, p, 'still here');
      const h = await t.fs.open(p, { read: true });
      try {
        // SMB without POSIX semantics may refuse (a sharing violation), or keep the name
        // until the last handle closes (delete pending): both are allowed here.
        await t.fs.unlink(p).catch((e: unknown) => expectFsError(Promise.reject(e), ['EBUSY', 'EACCES', 'EPERM', 'ETXTBSY']));
        const buf = Buffer.alloc(10);
        expect(await h.read(buf, 0, 10, 0)).toBe(10);
        expect(buf.toString()).toBe('still here');
      } finally {
        await h.close();
      }
      await t.fs.unlink(p).catch(() => undefined);
      await expectFsError(t.fs.stat(p), 'ENOENT');
    });
  });

  describe('rename', () => {
    it('renames a file: the content moves, the old name is gone', async () => {
      const d = await t.dir('rename-file');
      await put(t.fs, joinPath(d, 'a'), 'payload');
      await t.fs.rename(joinPath(d, 'a'), joinPath(d, 'b'));
      await expectFsError(t.fs.stat(joinPath(d, 'a')), 'ENOENT');
      expect((await readAll(t.fs, joinPath(d, 'b'))).toString()).toBe('payload');
    });

    it('renames a directory with its contents', async () => {
      const d = await t.dir('rename-dir');
      await t.fs.mkdir(joinPath(d, 'old'));
      await put(t.fs, joinPath(d, 'old/inner'), 'inside');
      await t.fs.rename(joinPath(d, 'old'), joinPath(d, 'new'));
      await expectFsError(t.fs.stat(joinPath(d, 'old')), 'ENOENT');
      expect((await readAll(t.fs, joinPath(d, 'new/inner'))).toString()).toBe('inside');
    });

    it('replaces an existing file by default; with replace: false fails with EEXIST and changes nothing', async () => {
      const d = await t.dir('rename-replace');
      await put(t.fs, joinPath(d, 'src'), 'new content');
      await put(t.fs, joinPath(d, 'dst'), 'old content');
      await put(t.fs, joinPath(d, 'src2'), 'second');
      await expectFsError(t.fs.rename(joinPath(d, 'src2'), joinPath(d, 'dst'), { replace: false }), 'EEXIST');
      expect((await readAll(t.fs, joinPath(d, 'dst'))).toString()).toBe('old content');
      expect((await readAll(t.fs, joinPath(d, 'src2'))).toString()).toBe('second');
      await t.fs.rename(joinPath(d, 'src'), joinPath(d, 'dst'));
      expect((await readAll(t.fs, joinPath(d, 'dst'))).toString()).toBe('new content');
      expect((await t.fs.readdir(d)).map((e) => e.name).sort()).toEqual(['dst', 'src2']);
    });

    it('moves into another directory, and to a free name with replace: false', async () => {
      const d = await t.dir('rename-move');
      await t.fs.mkdir(joinPath(d, 'from'));
      await t.fs.mkdir(joinPath(d, 'to'));
      await put(t.fs, joinPath(d, 'from/f'), 'moved');
      await t.fs.rename(joinPath(d, 'from/f'), joinPath(d, 'to/g'), { replace: false });
      expect(await t.fs.readdir(joinPath(d, 'from'))).toEqual([]);
      expect((await readAll(t.fs, joinPath(d, 'to/g'))).toString()).toBe('moved');
    });

    it('rejects a missing source with ENOENT, naming the operation and the path', async () => {
      const d = await t.dir('rename-missing');
      const e = await expectFsError(t.fs.rename(joinPath(d, 'ghost'), joinPath(d, 'x')), 'ENOENT');
      expect(e.syscall).toBe('rename');
      expect(e.path).toBe(joinPath(d, 'ghost'));
      await expectFsError(t.fs.stat(joinPath(d, 'x')), 'ENOENT');
    });
  });
}
