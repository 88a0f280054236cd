import { describe, expect, it } from 'vitest';
import { hasXattrs } from '../capabilities.js';
import { joinPath } from '../path.js';
import { S_IFDIR, S_IFMT, S_IFREG } from '../types.js';
import { expectFsError, put, type SuiteContext } from './context.js';

const abs = (n: bigint) => (n < 0n ? -n : n);

export function attributeTests(t: SuiteContext): void {
  const f = t.features;

  describe('utimes', () => {
    it('sets atime and mtime (bigint nanoseconds), read back within the time resolution', async () => {
      const d = await t.dir('utimes');
      const p = joinPath(d, 'f');
      await put(t.fs, p, 'x');
      const atime = 1_500_000_000_123_456_789n;
      const mtime = 1_600_000_000_987_654_321n;
      await t.fs.utimes(p, atime, mtime);
      const st = await t.fs.stat(p);
      expect(abs(st.mtimeNs - mtime), `mtime ${st.mtimeNs}`).toBeLessThan(t.timesResolutionNs);
      expect(abs(st.atimeNs - atime), `atime ${st.atimeNs}`).toBeLessThan(t.timesResolutionNs);
    });

    it('takes Dates, and works on a directory', async () => {
      const d = await t.dir('utimes-date');
      const when = new Date('2020-02-29T12:34:56.789Z');
      await t.fs.utimes(d, when, when);
      const st = await t.fs.stat(d);
      const slack = t.timesResolutionNs > 1_000_000n ? t.timesResolutionNs : 1_000_000n;
      expect(abs(st.mtimeNs - BigInt(when.getTime()) * 1_000_000n)).toBeLessThan(slack);
      await expectFsError(t.fs.utimes(joinPath(d, 'missing'), when, when), 'ENOENT');
    });
  });

  describe('statfs', () => {
    it('reports sizes that make sense: bsize > 0, blocks >= bfree >= bavail >= 0', async () => {
      const s = await t.fs.statfs(t.root);
      for (const k of ['bsize', 'blocks', 'bfree', 'bavail', 'files', 'ffree', 'namemax'] as const) {
        expect(Number.isInteger(s[k]), k).toBe(true);
        expect(s[k], k).toBeGreaterThanOrEqual(0);
      }
      expect(s.bsize).toBeGreaterThan(0);
      expect(s.blocks).toBeGreaterThan(0);
      expect(s.blocks).toBeGreaterThanOrEqual(s.bfree);
      expect(s.bfree).toBeGreaterThanOrEqual(s.bavail);
      expect(s.namemax).toBeGreaterThan(0);
    });
  });

  describe.runIf(f.unixMode)('chmod', () => {
    it('sets permission bits and keeps the type bits', async () => {
      const chmod = t.fs.chmod?.bind(t.fs);
      if (!chmod) throw new Error('unixMode is declared but chmod is missing');
      const d = await t.dir('chmod');
      const p = joinPath(d, 'f');
      await put(t.fs, p, 'x');
      await chmod(p, 0o640);
      let st = await t.fs.stat(p);
      expect(st.mode & 0o7777).toBe(0o640);
      expect(st.mode & S_IFMT).toBe(S_IFREG);
      expect(st.unixMode).toBe(true);
      await chmod(p, 0o604);
      st = await t.fs.stat(p);
      expect(st.mode & 0o7777).toBe(0o604);
      const sub = joinPath(d, 'sub');
      await t.fs.mkdir(sub);
      await chmod(sub, 0o750);
      const ds = await t.fs.stat(sub);
      expect(ds.mode & 0o7777).toBe(0o750);
      expect(ds.mode & S_IFMT).toBe(S_IFDIR);
      await expectFsError(chmod(joinPath(d, 'missing'), 0o600), 'ENOENT');
    });

    it('mkdir and open(create) apply the mode asked for, less the server umask', async () => {
      const d = await t.dir('create-mode');
      await t.fs.mkdir(joinPath(d, 'sub'), 0o700);
      expect((await t.fs.stat(joinPath(d, 'sub'))).mode & 0o077).toBe(0);
      await (await t.fs.open(joinPath(d, 'f'), { write: true, create: true, mode: 0o600 })).close();
      expect((await t.fs.stat(joinPath(d, 'f'))).mode & 0o077).toBe(0);
    });
  });

  describe.runIf(f.unixOwner)('chown', () => {
    it('reports real owners and accepts setting the current ones', async () => {
      const chown = t.fs.chown?.bind(t.fs);
      if (!chown) throw new Error('unixOwner is declared but chown is missing');
      const d = await t.dir('chown');
      const p = joinPath(d, 'f');
      await put(t.fs, p, 'x');
      const before = await t.fs.stat(p);
      expect(before.unixOwner).toBe(true);
      await chown(p, before.uid, before.gid);
      const after = await t.fs.stat(p);
      expect([after.uid, after.gid]).toEqual([before.uid, before.gid]);
      await expectFsError(chown(joinPath(d, 'missing'), before.uid, before.gid), 'ENOENT');
    });
  });

  describe.runIf(f.xattrs)('extended attributes', () => {
    it('sets, gets, lists and removes', async () => {
      if (!hasXattrs(t.fs)) throw new Error('xattrs are declared but a method is missing');
      const fs = t.fs;
      const d = await t.dir('xattr');
      const p = joinPath(d, 'f');
      await put(t.fs, p, 'x');
      const value = Buffer.from([0, 1, 2, 0xff, 0x80, 0x7f]);
      await fs.setxattr(p, 'user.netfs_test', value);
      await fs.setxattr(p, 'user.netfs_other', Buffer.from('second'));
      expect((await fs.getxattr(p, 'user.netfs_test')).equals(value)).toBe(true);
      const names = (await fs.listxattr(p)).map((n) => n.toLowerCase());
      expect(names).toContain('user.netfs_test');
      expect(names).toContain('user.netfs_other');
      await fs.setxattr(p, 'user.netfs_test', Buffer.from('replaced'));
      expect((await fs.getxattr(p, 'user.netfs_test')).toString()).toBe('replaced');
      await fs.removexattr(p, 'user.netfs_test');
      await expectFsError(fs.getxattr(p, 'user.netfs_test'), ['ENODATA', 'ENOENT']);
      expect((await fs.listxattr(p)).map((n) => n.toLowerCase())).not.toContain('user.netfs_test');
    });
  });
}
