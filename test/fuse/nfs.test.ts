// A FUSE mount of the test Ganesha over NFSv4.1 (`netfs mount` in its own process): the VFS
// conformance suite through the mount (kernel -> FUSE -> netfs -> Ganesha), then shell tools,
// whose results are checked through the export's host directory too.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineConformanceSuite } from '../../src/vfs/conformance/index.js';
import { ganesha } from '../servers/env.js';
import { nfsUrl } from '../integration/nfs4/targets.js';
import { describeRun } from '../support/cli.js';
import { LocalFileSystem } from '../support/local-fs.js';
import { freshDir, mountedAt, ok, q, removeDir, sh, startMount, type RunningMount } from './mounts.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

defineConformanceSuite(
  'FUSE mount of NFSv4.1',
  async () => {
    const base = await freshDir('nfs-conformance');
    const mp = join(base, 'mnt');
    const m = await startMount(nfsUrl({ version: '4.1' }), mp);
    const scratch = `conformance-${process.pid}-${Date.now()}`;
    await mkdir(join(mp, scratch));
    return {
      fs: new LocalFileSystem(mp),
      root: `/${scratch}`,
      teardown: async () => {
        await rm(join(mp, scratch), { recursive: true, force: true });
        const r = await m.stop('SIGTERM');
        expect(r.code, describeRun(r)).toBe(0);
        expect(await mountedAt(mp)).toBeUndefined();
        await removeDir(base);
      },
    };
  },
  {
    symlinks: true,
    unixMode: true,
    hardlinks: true,
    // The NFSv4 client offers no extended attributes (RFC 8276 is not implemented).
    xattrs: false,
    // fuse-native passes no lock requests: the kernel keeps POSIX locks locally.
    locks: true,
    // fuse-native carries times in whole milliseconds.
    timesResolutionNs: 1_000_000n,
    caseSensitive: true,
  },
);

describe('shell tools through a netfs mount of NFSv4.1', () => {
  let base: string;
  let m: RunningMount;
  /** This file's directory inside the mount, and the same directory on the Ganesha host. */
  let dir: string;
  let host: string;

  beforeAll(async () => {
    base = await freshDir('nfs-shell');
    m = await startMount(nfsUrl({ version: '4.1' }), join(base, 'mnt'));
    const name = `shell-${process.pid}-${Date.now()}`;
    dir = join(m.mp, name);
    host = join(ganesha().hostPath, name);
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

  it('the mount is listed as fuse.netfs with the nfs:// URL as its source', async () => {
    expect(await mountedAt(m.mp)).toBe('fuse.netfs');
    const g = ganesha();
    const line = (await readFile('/proc/self/mounts', 'utf8')).split('\n').find((l) => l.split(' ')[1] === m.mp);
    expect(line?.split(' ')[0]).toBe(`nfs://${g.host}:${g.port}${g.exportPath}`);
  });

  it('printf > f, cat f, ls -l: content, sizes and modes, the same on the host', async () => {
    const d = join(dir, 'basics');
    await ok(`mkdir ${q(d)} && printf 'hello, nfs mount\\n' > ${q(d)}/a.txt && head -c 5000 /dev/zero > ${q(d)}/zeros && chmod 600 ${q(d)}/zeros`);
    expect(await ok(`cat ${q(d)}/a.txt`)).toBe('hello, nfs mount\n');
    expect(await readFile(join(host, 'basics/a.txt'), 'utf8')).toBe('hello, nfs mount\n');
    const ls = (await ok(`ls -l ${q(d)}`)).split('\n').filter((l) => l && !l.startsWith('total'));
    expect(ls).toHaveLength(2);
    expect(ls[0]).toMatch(/^-rw-r--r-- +1 +\S+ +\S+ +17 .* a\.txt$/);
    expect(ls[1]).toMatch(/^-rw------- +1 +\S+ +\S+ +5000 .* zeros$/);
    expect((await ok(`ls -a ${q(d)}`)).split('\n').filter(Boolean)).toEqual(['.', '..', 'a.txt', 'zeros']);
  });

  it('cp of 8 MiB in and out of the mount: equal sha256 everywhere', { timeout: 60_000 }, async () => {
    const d = join(dir, 'cp');
    await ok(`mkdir ${q(d)}`);
    const data = randomBytes(8 * 1024 * 1024 + 4321);
    const src = join(base, 'cp-src.bin');
    const back = join(base, 'cp-back.bin');
    await writeFile(src, data);
    await ok(`cp ${q(src)} ${q(d)}/big.bin`);
    expect(sha256(await readFile(join(host, 'cp/big.bin')))).toBe(sha256(data));
    // The page cache of the mount dropped, so the copy back reads through netfs.
    await ok(`dd if=${q(d)}/big.bin iflag=nocache count=0 status=none`);
    await ok(`cp ${q(d)}/big.bin ${q(back)}`);
    expect(sha256(await readFile(back))).toBe(sha256(data));
    const sum = (await ok(`sha256sum ${q(d)}/big.bin`)).split(' ')[0];
    expect(sum).toBe(sha256(data));
    expect((await ok(`stat -c %s ${q(d)}/big.bin`)).trim()).toBe(String(data.length));
  });

  it('errors reach the tools as the right errno', async () => {
    const missing = await sh(`cat ${q(dir)}/no-such-file`);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/No such file or directory/);
    await ok(`mkdir ${q(dir)}/full && touch ${q(dir)}/full/x`);
    const notEmpty = await sh(`rmdir ${q(dir)}/full`);
    expect(notEmpty.code).not.toBe(0);
    expect(notEmpty.stderr).toMatch(/Directory not empty/);
  });
});
