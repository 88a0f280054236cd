// A FUSE mount of the test Ganesha over NFSv4.1 (`netfs mount` in its own process): the VFS
// conformance suite through the mount (kernel -> FUSE -> netfs -> Ganesha), then shell tools,
// whose results are checked through the export's host directory too.
import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineConformanceSuite } from '../../src/vfs/conformance/index.js';
import { ganesha } from '../servers/env.js';
import { nfsUrl } from '../integration/nfs4/targets.js';
import { LocalFileSystem } from '../support/local-fs.js';
import { expectShellBasics, expectShellErrors, mountedAt, mountedTarget, mountForTests, mountsLine, ok, q } from './mounts.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

defineConformanceSuite(
  'FUSE mount of NFSv4.1',
  () => mountedTarget('nfs-conformance', nfsUrl({ version: '4.1' }), ganesha().hostPath, (mp) => new LocalFileSystem(mp)),
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
  /** The mount and this file's directory, in it (dir) and on the Ganesha host (host). */
  const mounted = mountForTests('nfs-shell', () => nfsUrl({ version: '4.1' }), () => ganesha().hostPath);

  it('the mount is listed as fuse.netfs with the nfs:// URL as its source', async () => {
    expect(await mountedAt(mounted.m.mp)).toBe('fuse.netfs');
    const g = ganesha();
    expect((await mountsLine(mounted.m.mp))?.split(' ')[0]).toBe(`nfs://${g.host}:${g.port}${g.exportPath}`);
  });

  it('printf > f, cat f, ls -l: content, sizes and modes, the same on the host', async () => {
    await expectShellBasics(mounted.dir, mounted.host, 'hello, nfs mount');
  });

  it('cp of 8 MiB in and out of the mount: equal sha256 everywhere', { timeout: 60_000 }, async () => {
    const { base, dir, host } = mounted;
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
    await expectShellErrors(mounted.dir);
  });
});
