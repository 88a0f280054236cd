// The large jobs through a FUSE mount, each run once: cp of a 256 MiB file both ways with
// equal sha256, and tar x of a tree of 5,000+ files then tar c of it back with identical
// content. Times are printed (and the cp compared with a direct `netfs put`/`get`).
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samba } from '../servers/env.js';
import { smbUrl } from '../integration/smb2/targets.js';
import { describeRun, runCli } from '../support/cli.js';
import { mountForTests, ok, q, sh } from './mounts.js';

const MiB = 1024 * 1024;
const BIG = 256 * MiB;

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * MiB })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** A 256 MiB file of random data, written in pieces (a bounded amount of memory). */
async function bigFile(path: string): Promise<void> {
  const f = await open(path, 'w');
  try {
    for (let at = 0; at < BIG; at += 16 * MiB) await f.write(randomBytes(16 * MiB), 0, 16 * MiB, at);
  } finally {
    await f.close();
  }
}

const mbps = (bytes: number, ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(0);

/** The mount and this file's directory (its name), in it (dir) and on the Samba host (host). */
const mounted = mountForTests('large', () => smbUrl({ query: 'vers=3.1.1' }), () => samba().shares.plain.path, 'SIGINT');

describe('large jobs through a netfs mount', () => {
  it('cp of a 256 MiB file in and out keeps its sha256', { timeout: 240_000 }, async () => {
    const { base, dir, host, name } = mounted;
    const src = join(base, 'big.bin');
    await bigFile(src);
    const want = await sha256File(src);

    const up = await sh(`cp ${q(src)} ${q(join(dir, 'big.bin'))}`, { timeoutMs: 180_000 });
    expect(up.code, up.stderr).toBe(0);
    expect(await sha256File(join(host, 'big.bin'))).toBe(want);

    const down = await sh(`cp ${q(join(dir, 'big.bin'))} ${q(join(base, 'back.bin'))}`, { timeoutMs: 180_000 });
    expect(down.code, down.stderr).toBe(0);
    expect(await sha256File(join(base, 'back.bin'))).toBe(want);
    expect((await ok(`stat -c %s ${q(join(dir, 'big.bin'))}`)).trim()).toBe(String(BIG));

    // The same file with the netfs CLI directly, for comparison (each includes starting node).
    let t = performance.now();
    const put = await runCli(['put', src, smbUrl({ query: 'vers=3.1.1', path: `/${name}/direct.bin` })], { timeoutMs: 180_000 });
    const putMs = performance.now() - t;
    expect(put.code, describeRun(put)).toBe(0);
    t = performance.now();
    const get = await runCli(['get', smbUrl({ query: 'vers=3.1.1', path: `/${name}/direct.bin` }), join(base, 'direct.bin')], { timeoutMs: 180_000 });
    const getMs = performance.now() - t;
    expect(get.code, describeRun(get)).toBe(0);
    console.log(
      `256 MiB through the mount: cp in ${(up.ms / 1000).toFixed(2)} s (${mbps(BIG, up.ms)} MB/s), cp out ${(down.ms / 1000).toFixed(2)} s (${mbps(BIG, down.ms)} MB/s); ` +
        `netfs put ${(putMs / 1000).toFixed(2)} s (${mbps(BIG, putMs)} MB/s), netfs get ${(getMs / 1000).toFixed(2)} s (${mbps(BIG, getMs)} MB/s)`,
    );
    await rm(src);
    await rm(join(base, 'back.bin'));
    await rm(join(base, 'direct.bin'));
  });

  it('tar x of 5,000+ files into the mount, and tar c of them back: identical content', { timeout: 240_000 }, async () => {
    const { base, dir, host } = mounted;
    // The tree: 50 directories of 100 files (0 to 4,000 bytes), half of them one level down, and a few symlinks.
    const tree = join(base, 'tree');
    for (let d = 0; d < 50; d++) {
      await mkdir(join(tree, `d${d}`, 'sub'), { recursive: true });
      await Promise.all(
        Array.from({ length: 100 }, (_, f) => writeFile(join(tree, `d${d}`, f % 2 ? 'sub' : '', `f${f}.txt`), randomBytes((d * 131 + f * 977) % 4001))),
      );
    }
    await ok(`cd ${q(tree)} && ln -s d0/f0.txt top-link && ln -s sub d1/sub-link`);
    await ok(`tar cf ${q(join(base, 'in.tar'))} -C ${q(base)} tree`);
    const count = Number((await ok(`tar tf ${q(join(base, 'in.tar'))} | grep -vc '/$'`)).trim());
    expect(count).toBeGreaterThanOrEqual(5000);

    const x = await sh(`tar --no-same-owner -xf ${q(join(base, 'in.tar'))} -C ${q(dir)}`, { timeoutMs: 180_000 });
    expect(x.code, x.stderr).toBe(0);
    const c = await sh(`tar cf ${q(join(base, 'out.tar'))} -C ${q(dir)} tree`, { timeoutMs: 180_000 });
    expect(c.code, c.stderr).toBe(0);
    console.log(`tar x of ${count} files: ${(x.ms / 1000).toFixed(2)} s (${((x.ms * 1000) / count).toFixed(0)} us/file); tar c back: ${(c.ms / 1000).toFixed(2)} s`);

    // Same names, types, link targets and bytes: extract the archive made through the mount and compare trees.
    await mkdir(join(base, 'check'));
    await ok(`tar xf ${q(join(base, 'out.tar'))} -C ${q(join(base, 'check'))}`);
    const diff = await sh(`diff -r --no-dereference ${q(tree)} ${q(join(base, 'check', 'tree'))}`);
    expect(diff.code, diff.stdout + diff.stderr).toBe(0);
    // And the server holds the same bytes in every file. (Not the same symlinks: Samba keeps
    // those netfs makes as reparse points, which its host directory shows as empty files.)
    const want = await ok(`cd ${q(tree)} && find . -type f -print0 | sort -z | xargs -0 sha256sum`);
    expect(await ok(`cd ${q(join(host, 'tree'))} && find . -type f -print0 | sort -z | xargs -0 sha256sum | grep -v -e ' ./top-link$' -e ' ./d1/sub-link$'`)).toBe(want);
  });
});
