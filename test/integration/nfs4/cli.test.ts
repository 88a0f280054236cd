// The `netfs` CLI run as a user runs it (a separate node process) against the real Ganesha,
// with nfs:// URLs. Results are checked through the export's host directory.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile as readLocal, rm, stat as statLocal, writeFile as writeLocal } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ganesha } from '../../servers/env.js';
import { expectOneLineFailure, expectSuccess, runCli } from '../../support/cli.js';
import { exists, expectCatPrints, expectGetCopies, expectLongListing, expectMissingEverywhere, expectStatShows, sha256 } from '../shared-cli.js';
import { nfsUrl } from './targets.js';

describe('netfs CLI against the real Ganesha (nfs://, NFSv4.1 by default)', () => {
  /** This file's directory in the export, made on the host. */
  const dir = `/cli-${process.pid}-${Date.now()}`;
  let local: string;
  /** A URL inside this file's directory. */
  const url = (path = '', query?: string) => nfsUrl({ path: `${dir}${path}`, query });
  /** The host path behind a path inside the directory. */
  const onHost = (path = '') => join(ganesha().hostPath, dir, path);

  beforeAll(async () => {
    await mkdir(onHost());
    local = await mkdtemp(join(tmpdir(), 'netfs-nfs-cli-'));
  });

  afterAll(async () => {
    await rm(onHost(), { recursive: true, force: true });
    await rm(local, { recursive: true, force: true });
  });

  it('ls of the export itself lists this file\'s directory', async () => {
    const r = await runCli(['ls', nfsUrl()]);
    expectSuccess(r);
    expect(r.stdout.split('\n')).toContain(`${dir.slice(1)}/`);
  });

  it('put LOCAL URL/ uploads into the directory; ls lists names, ls -l sizes, on 4.0, 4.1 and 4.2', async () => {
    const content = randomBytes(12_345);
    await writeLocal(join(local, 'up.bin'), content);
    await mkdir(onHost('ls/sub'), { recursive: true });

    expectSuccess(await runCli(['put', join(local, 'up.bin'), url('/ls/')]));
    expect(sha256(await readLocal(onHost('ls/up.bin')))).toBe(sha256(content));

    const versions = ['4.0', '4.1', '4.2'];
    const listings = await Promise.all(versions.map((v) => runCli(['ls', url('/ls', `version=${v}`)])));
    for (const [i, ls] of listings.entries()) {
      expectSuccess(ls);
      expect(ls.stdout, versions[i]).toBe('sub/\nup.bin\n');
    }

    expectLongListing(await runCli(['ls', '-l', url('/ls')]), content.length);
  });

  it('put LOCAL URL names the new file; a second put replaces it', async () => {
    const first = randomBytes(2 * 1024 * 1024 + 3);
    const second = randomBytes(1000);
    await writeLocal(join(local, 'first.bin'), first);
    await writeLocal(join(local, 'second.bin'), second);
    expectSuccess(await runCli(['put', join(local, 'first.bin'), url('/named.bin')]));
    expect(sha256(await readLocal(onHost('named.bin')))).toBe(sha256(first));
    expectSuccess(await runCli(['put', join(local, 'second.bin'), url('/named.bin')]));
    expect(sha256(await readLocal(onHost('named.bin')))).toBe(sha256(second));
  });

  it('stat shows type, size, mode and owner', async () => {
    const { file, host } = await expectStatShows(url('/stat.txt'), url('/'), onHost('stat.txt'));
    expect(file.stdout).toMatch(new RegExp(`^ +Uid: ${host.uid}\\tGid: ${host.gid}$`, 'm'));
    expect(file.stdout).toMatch(new RegExp(`^ Inode: ${host.ino}\\t`, 'm'));
  });

  it('cat prints the content byte for byte', async () => {
    await expectCatPrints(url('/cat.bin'), onHost('cat.bin'));
  });

  it('get URL LOCAL writes an identical file; get URL writes it under its name in the cwd', async () => {
    await expectGetCopies(url('/get.bin'), onHost('get.bin'), local);
  });

  it('mkdir -p, mv and rm -r change the export', async () => {
    expectSuccess(await runCli(['mkdir', '-p', url('/a/b/c')]));
    expect((await statLocal(onHost('a/b/c'))).isDirectory()).toBe(true);
    await writeLocal(onHost('a/b/c/leaf.txt'), 'leaf');
    expectSuccess(await runCli(['mv', url('/a/b/c/leaf.txt'), `${dir}/a/moved.txt`]));
    expect(await readLocal(onHost('a/moved.txt'), 'utf8')).toBe('leaf');
    expectSuccess(await runCli(['rm', '-r', url('/a')]));
    expect(await exists(onHost('a'))).toBe(false);
  });

  it('df reports the size of the export in 1K blocks', async () => {
    const r = await runCli(['df', url('/')]);
    expectSuccess(r);
    expect(r.stdout).toMatch(/^1K-blocks\s+Used\s+Available\s+Use%\n\s*\d+\s+\d+\s+\d+\s+\d+%\n$/);
  });

  describe('errors: exit 1 and one line naming the problem', () => {
    it('a wrong export', async () => {
      const g = ganesha();
      const r = await runCli(['ls', `nfs://${g.host}:${g.port}/nope`]);
      expectOneLineFailure(r, /'\/nope'/);
      expect(r.stderr).toMatch(/ENOENT|no export/);
    });

    it('a missing file, for each command that reads one', async () => {
      await expectMissingEverywhere(url('/missing.txt'), `${dir}/missing.txt`);
    });

    it('an unknown NFS version', async () => {
      const r = await runCli(['ls', url('', 'version=9')]);
      expectOneLineFailure(r, /unknown NFS version '9'/);
    });
  });
});
