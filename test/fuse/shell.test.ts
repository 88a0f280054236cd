// Shell tools through a real FUSE mount of the test Samba (`netfs mount` in its own
// process). What the tools write is checked through the share's host directory too.
import { createHash, randomBytes } from 'node:crypto';
import { lstat, readFile, readlink, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samba } from '../servers/env.js';
import { smbUrl } from '../integration/smb2/targets.js';
import { describeRun } from '../support/cli.js';
import { freshDir, mountedAt, ok, q, removeDir, sh, startMount, type RunningMount } from './mounts.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let base: string;
let m: RunningMount;
/** This file's directory inside the mount, and the same directory on the Samba host. */
let dir: string;
let host: string;

beforeAll(async () => {
  base = await freshDir('shell');
  m = await startMount(smbUrl({ query: 'vers=3.1.1' }), join(base, 'mnt'));
  const name = `shell-${process.pid}-${Date.now()}`;
  dir = join(m.mp, name);
  host = join(samba().shares.plain.path, name);
  await ok(`mkdir ${q(dir)}`);
});

afterAll(async () => {
  if (!m) return;
  await sh(`rm -rf ${q(dir)}`);
  const r = await m.stop('SIGTERM');
  expect(r.code, describeRun(r)).toBe(0);
  expect(r.stderr).toMatch(/netfs: unmounted /);
  expect(await mountedAt(m.mp)).toBeUndefined();
  await removeDir(base);
});

describe('shell tools through a netfs mount (SMB 3.1.1 + POSIX)', () => {
  it('the mount is listed as fuse.netfs with the URL (no password) as its source', async () => {
    expect(await mountedAt(m.mp)).toBe('fuse.netfs');
    const line = (await readFile('/proc/self/mounts', 'utf8')).split('\n').find((l) => l.split(' ')[1] === m.mp);
    expect(line).toMatch(/^smb:\/\/WORKGROUP;tester@127\.0\.0\.1:\d+\/share /);
    expect(line).not.toContain(samba().password);
  });

  it('echo > f, cat f, ls -l: content, sizes and modes', async () => {
    const d = join(dir, 'basics');
    await ok(`mkdir ${q(d)} && printf 'hello, mount\\n' > ${q(d)}/a.txt && head -c 5000 /dev/zero > ${q(d)}/zeros && chmod 600 ${q(d)}/zeros`);
    expect(await ok(`cat ${q(d)}/a.txt`)).toBe('hello, mount\n');
    expect(await readFile(join(host, 'basics/a.txt'), 'utf8')).toBe('hello, mount\n');
    const ls = (await ok(`ls -l ${q(d)}`)).split('\n').filter((l) => l && !l.startsWith('total'));
    expect(ls).toHaveLength(2);
    expect(ls[0]).toMatch(/^-rw-r--r-- +1 +\S+ +\S+ +13 .* a\.txt$/);
    expect(ls[1]).toMatch(/^-rw------- +1 +\S+ +\S+ +5000 .* zeros$/);
    expect((await ok(`ls -a ${q(d)}`)).split('\n').filter(Boolean)).toEqual(['.', '..', 'a.txt', 'zeros']);
  });

  it('dd writes and reads back with several block sizes, unaligned sizes included', async () => {
    const d = join(dir, 'dd');
    await ok(`mkdir ${q(d)}`);
    const src = join(base, 'dd-src');
    const data = randomBytes(3 * 1024 * 1024 + 12_345);
    await writeFile(src, data);
    for (const bs of ['512', '4k', '64k', '128k', '1M', '3M']) {
      const f = join(d, `out-${bs}`);
      await ok(`dd if=${q(src)} of=${q(f)} bs=${bs} status=none`);
      expect(sha256(await readFile(join(host, 'dd', `out-${bs}`))), `written with bs=${bs}`).toBe(sha256(data));
      const back = await sh(`dd if=${q(f)} bs=${bs} status=none`);
      expect(back.code, back.stderr).toBe(0);
      expect(sha256(back.stdoutBytes), `read with bs=${bs}`).toBe(sha256(data));
    }
    // A block in the middle, by offset.
    const mid = await sh(`dd if=${q(join(d, 'out-4k'))} bs=4096 skip=100 count=3 status=none`);
    expect(mid.stdoutBytes.equals(data.subarray(409_600, 409_600 + 12_288))).toBe(true);
  });

  it('appends, and overwrites in the middle without truncating', async () => {
    const f = join(dir, 'edit.txt');
    await ok(`printf '0123456789' > ${q(f)} && printf 'abc' >> ${q(f)} && printf 'XY' | dd of=${q(f)} bs=1 seek=4 conv=notrunc status=none`);
    expect(await ok(`cat ${q(f)}`)).toBe('0123XY6789abc');
    await ok(`printf 'end' >> ${q(f)}`);
    expect(await readFile(join(host, 'edit.txt'), 'utf8')).toBe('0123XY6789abcend');
    await ok(`truncate -s 4 ${q(f)}`);
    expect(await ok(`cat ${q(f)}`)).toBe('0123');
    await ok(`truncate -s 6 ${q(f)}`);
    expect(await readFile(join(host, 'edit.txt'))).toEqual(Buffer.from('0123\0\0'));
  });

  it('mkdir -p, mv (a file, into a directory, a directory), rm -r', async () => {
    const d = join(dir, 'tree');
    await ok(`mkdir -p ${q(d)}/a/b/c && echo one > ${q(d)}/a/b/c/f1 && echo two > ${q(d)}/a/f2`);
    expect((await stat(join(host, 'tree/a/b/c'))).isDirectory()).toBe(true);
    await ok(`mv ${q(d)}/a/f2 ${q(d)}/a/f2-renamed`);
    await ok(`mv ${q(d)}/a/f2-renamed ${q(d)}/a/b/`);
    await ok(`mv ${q(d)}/a/b ${q(d)}/moved`);
    expect(await ok(`cat ${q(d)}/moved/f2-renamed ${q(d)}/moved/c/f1`)).toBe('two\none\n');
    expect(await sh(`ls ${q(d)}/a/b`)).toMatchObject({ code: 2 });
    await expect(lstat(join(host, 'tree/a/b'))).rejects.toMatchObject({ code: 'ENOENT' });
    // mv over an existing file replaces it.
    await ok(`echo new > ${q(d)}/x && echo old > ${q(d)}/y && mv ${q(d)}/x ${q(d)}/y`);
    expect(await ok(`cat ${q(d)}/y; ls ${q(d)}`)).toBe('new\na\nmoved\ny\n');
    await ok(`rm -r ${q(d)}`);
    await expect(lstat(join(host, 'tree'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await sh(`ls ${q(d)}`)).toMatchObject({ code: 2 });
  });

  it('ln -s: readlink, reading through the link, a link to a directory; ln makes a hard link', async () => {
    const d = join(dir, 'links');
    await ok(`mkdir -p ${q(d)}/sub && echo target > ${q(d)}/t.txt && echo inner > ${q(d)}/sub/i.txt`);
    await ok(`cd ${q(d)} && ln -s t.txt l1 && ln -s sub dl && ln -s nowhere dangling && ln t.txt hard`);
    expect(await ok(`readlink ${q(d)}/l1`)).toBe('t.txt\n');
    expect(await readlink(join(d, 'dl'))).toBe('sub');
    expect(await ok(`cat ${q(d)}/l1 ${q(d)}/dl/i.txt`)).toBe('target\ninner\n');
    expect(await ok(`ls -l ${q(d)} | grep -- '->' | sed 's/.* \\([^ ]* -> .*\\)/\\1/'`)).toBe('dangling -> nowhere\ndl -> sub\nl1 -> t.txt\n');
    expect(await sh(`cat ${q(d)}/dangling`)).toMatchObject({ code: 1 });
    expect(await ok(`stat -c '%h %i' ${q(d)}/t.txt ${q(d)}/hard`).then((s) => new Set(s.trim().split('\n')).size)).toBe(1);
    expect((await lstat(join(host, 'links/hard'))).nlink).toBe(2);
    await ok(`rm ${q(d)}/l1`);
    expect(await ok(`cat ${q(d)}/t.txt`)).toBe('target\n');
  });

  it('chmod and touch -d change what stat shows, through the mount and on the server', async () => {
    const f = join(dir, 'meta');
    await ok(`echo x > ${q(f)} && chmod 751 ${q(f)}`);
    expect(await ok(`stat -c %a ${q(f)}`)).toBe('751\n');
    expect((await stat(join(host, 'meta'))).mode & 0o7777).toBe(0o751);
    await ok(`touch -d '2001-02-03 04:05:06.789 UTC' ${q(f)}`);
    expect(await ok(`stat -c '%Y %X' ${q(f)}`)).toBe('981173106 981173106\n');
    expect((await stat(join(host, 'meta'))).mtimeMs).toBe(981173106789);
    // Different atime and mtime in one call (as cp -p and tar do) both arrive.
    await ok(`python3 -c 'import os,sys; os.utime(sys.argv[1], ns=(1500000000123000000, 1600000000987000000))' ${q(f)}`);
    const s = await stat(join(host, 'meta'));
    expect([s.atimeMs, s.mtimeMs]).toEqual([1500000000123, 1600000000987]);
    // cp -p sets both times at once too.
    await ok(`cp -p ${q(f)} ${q(f)}-copy`);
    expect(await ok(`stat -c %Y ${q(f)}-copy`)).toBe('1600000000\n');
    // touch without a date: now.
    await ok(`touch ${q(f)}`);
    expect(Math.abs(Number(await ok(`stat -c %Y ${q(f)}`)) - Date.now() / 1000)).toBeLessThan(60);
  });

  it('a file of mode 000 (as tar makes for the placeholder of an upward symlink) can be stat-ed, chmod-ed and removed', async () => {
    const d = join(dir, 'mode0');
    await ok(`mkdir ${q(d)} && python3 -c 'import os,sys; os.close(os.open(sys.argv[1], os.O_WRONLY|os.O_CREAT|os.O_EXCL, 0))' ${q(d)}/p`);
    expect(await ok(`stat -c %a ${q(d)}/p`)).toBe('0\n');
    await ok(`chmod 640 ${q(d)}/p && chmod 0 ${q(d)}/p && rm -f ${q(d)}/p`);
    await expect(lstat(join(host, 'mode0/p'))).rejects.toMatchObject({ code: 'ENOENT' });
    // What tar does with such a link: placeholder first, the symlink at the end.
    const src = join(base, 'uplink');
    await ok(`mkdir -p ${q(src)}/t/a && ln -s ../b ${q(src)}/t/a/up && tar cf ${q(src)}.tar -C ${q(src)} t && tar --no-same-owner -xf ${q(src)}.tar -C ${q(d)}`);
    expect(await readlink(join(d, 't/a/up'))).toBe('../b');
  });

  it('setfattr/getfattr: user.* attributes round-trip; others are refused', async () => {
    const f = join(dir, 'xattr');
    await ok(`echo x > ${q(f)} && setfattr -n user.color -v blue ${q(f)} && setfattr -n user.n -v 42 ${q(f)}`);
    expect(await ok(`getfattr --only-values -n user.color ${q(f)}`)).toBe('blue');
    expect(await ok(`getfattr --absolute-names -d ${q(f)}`)).toMatch(/user\.color="blue"\nuser\.n="42"/);
    await ok(`setfattr -x user.color ${q(f)}`);
    expect(await sh(`getfattr -n user.color ${q(f)}`)).toMatchObject({ code: 1 });
    const trusted = await sh(`setfattr -n trusted.x -v 1 ${q(f)}`);
    expect(trusted.code).toBe(1);
    expect(trusted.stderr).toMatch(/Operation not supported/);
  });

  it('df shows the share by its URL with sizes; find walks a tree', async () => {
    const df = (await ok(`df -P ${q(m.mp)}`)).split('\n')[1].split(/\s+/);
    expect(df[0]).toMatch(/^smb:\/\/.*\/share$/);
    expect(Number(df[1])).toBeGreaterThan(0);
    expect(Number(df[3])).toBeGreaterThan(0);
    expect(df[5]).toBe(m.mp);
    const d = join(dir, 'find');
    await ok(`mkdir -p ${q(d)}/a/b ${q(d)}/c && touch ${q(d)}/a/1.txt ${q(d)}/a/b/2.txt ${q(d)}/c/3.log ${q(d)}/4.txt`);
    expect(await ok(`cd ${q(d)} && find . -name '*.txt' | sort`)).toBe('./4.txt\n./a/1.txt\n./a/b/2.txt\n');
    expect(await ok(`cd ${q(d)} && find . -type d | sort`)).toBe('.\n./a\n./a/b\n./c\n');
  });

  it('errors reach the tools as the right errno', async () => {
    const d = join(dir, 'errors');
    await ok(`mkdir ${q(d)} && mkdir ${q(d)}/full && touch ${q(d)}/full/f`);
    expect((await sh(`cat ${q(d)}/missing`)).stderr).toMatch(/No such file or directory/);
    expect((await sh(`rmdir ${q(d)}/full`)).stderr).toMatch(/Directory not empty/);
    expect((await sh(`mkdir ${q(d)}/full`)).stderr).toMatch(/File exists/);
    expect((await sh(`ls ${q(d)}/full/f/x`)).stderr).toMatch(/Not a directory|No such file/);
    expect((await sh(`set -o noclobber; echo > ${q(d)}/full/f`)).stderr).toMatch(/cannot overwrite existing file/);
  });

  it('git init, add, commit, log and status inside the mount', async () => {
    const d = join(dir, 'repo');
    const git = `git -c user.name=netfs -c user.email=netfs@example.invalid -c init.defaultBranch=main -c safe.directory='*'`;
    await ok(`mkdir ${q(d)} && cd ${q(d)} && ${git} init -q && printf 'one\\n' > a.txt && mkdir src && printf 'x = 1\\n' > src/x.py && ${git} add -A && ${git} commit -q -m first`, { timeoutMs: 60_000 });
    await ok(`cd ${q(d)} && printf 'two\\n' >> a.txt && ${git} commit -q -am second && ${git} mv src/x.py src/y.py && ${git} commit -q -m rename`, { timeoutMs: 60_000 });
    expect(await ok(`cd ${q(d)} && ${git} log --format=%s`)).toBe('rename\nsecond\nfirst\n');
    expect(await ok(`cd ${q(d)} && ${git} status --porcelain`)).toBe('');
    expect(await ok(`cd ${q(d)} && ${git} show HEAD~1:a.txt`)).toBe('one\ntwo\n');
    await ok(`cd ${q(d)} && ${git} fsck --strict`, { timeoutMs: 60_000 });
    expect(await readFile(join(host, 'repo/src/y.py'), 'utf8')).toBe('x = 1\n');
  });
});
