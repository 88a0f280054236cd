// Shell tools through a real FUSE mount of the test Samba (`netfs mount` in its own
// process). What the tools write is checked through the share's host directory too.
import { createHash, randomBytes } from 'node:crypto';
import { lstat, readFile, readlink, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { samba } from '../servers/env.js';
import { smbUrl } from '../integration/smb2/targets.js';
import { expectShellBasics, expectShellErrors, mountForTests, mountsLine, mountedAt, ok, q, sh, type RunningMount } from './mounts.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const mounted = mountForTests('shell', () => smbUrl({ query: 'vers=3.1.1' }), () => samba().shares.plain.path);
/** The mount's fields, once it is up: this file's directory in it (dir) and on the Samba host (host). */
let base: string;
let m: RunningMount;
let dir: string;
let host: string;

beforeAll(() => {
  ({ base, m, dir, host } = mounted);
});

describe('shell tools through a netfs mount (SMB 3.1.1 + POSIX)', () => {
  it('the mount is listed as fuse.netfs with the URL (no password) as its source', async () => {
    expect(await mountedAt(m.mp)).toBe('fuse.netfs');
    const line = await mountsLine(m.mp);
    expect(line).toMatch(/^smb:\/\/WORKGROUP;tester@127\.0\.0\.1:\d+\/share /);
    expect(line).not.toContain(samba().password);
  });

  it('echo > f, cat f, ls -l: content, sizes and modes', async () => {
    await expectShellBasics(dir, host, 'hello, mount');
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

  it('reads: sequential, backwards, and after a write or truncate through another descriptor (page cache dropped first)', { timeout: 120_000 }, async () => {
    // posix_fadvise(DONTNEED) empties the kernel's pages of the file, so each read below reaches netfs and its read-ahead.
    const script = `
import os, sys
MiB = 1 << 20
p = sys.argv[1]
data = bytearray(os.urandom(9 * MiB + 12345))
with open(p, 'wb') as f:
    f.write(data)
r = os.open(p, os.O_RDONLY)
drop = lambda: os.posix_fadvise(r, 0, 0, os.POSIX_FADV_DONTNEED)
def read_on(n):
    got = bytearray()
    while len(got) < n:
        b = os.read(r, min(128 * 1024, n - len(got)))
        if not b:
            break
        got += b
    return got
drop()
assert read_on(len(data) + 1) == data, 'sequential'
drop()
at = len(data) // 100000 * 100000
while at >= 0:
    assert os.pread(r, 100000, at) == data[at:at + 100000], 'backwards at %d' % at
    at -= 100000
drop()
os.lseek(r, 0, os.SEEK_SET)
assert read_on(2 * MiB) == data[:2 * MiB], 'first 2 MiB'
w = os.open(p, os.O_WRONLY)
os.pwrite(w, b'X' * 5000, 5 * MiB + 7)
data[5 * MiB + 7:5 * MiB + 5007] = b'X' * 5000
drop()
assert read_on(2 * MiB) == data[2 * MiB:4 * MiB], '2-4 MiB'
os.pwrite(w, b'Y' * 300, 4 * MiB + 100)
data[4 * MiB + 100:4 * MiB + 400] = b'Y' * 300
drop()
assert read_on(2 * MiB) == data[4 * MiB:6 * MiB], 'after the writes'
os.ftruncate(w, 7 * MiB)
os.close(w)
drop()
assert read_on(4 * MiB) == data[6 * MiB:7 * MiB], 'after ftruncate'
os.truncate(p, 0)
drop()
assert os.pread(r, 128 * 1024, MiB) == b'', 'after truncate'
os.close(r)
print('ok')
`;
    const f = join(dir, 'reads.bin');
    const r = await sh(`python3 -c ${q(script)} ${q(f)}`, { timeoutMs: 110_000 });
    expect(r.stderr + r.stdout).toBe('ok\n');
    expect((await stat(join(host, 'reads.bin'))).size).toBe(0);
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
    await expectShellErrors(dir);
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
