// The `netfs` CLI run as a user runs it (a separate node process) against the real Ganesha,
// with nfs:// URLs. Results are checked through the export's host directory.
import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readdir, readFile as readLocal, rm, stat as statLocal, writeFile as writeLocal } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ganesha } from '../../servers/env.js';
import { describeRun, runCli, type CliResult } from '../../support/cli.js';
import { nfsUrl } from './targets.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A failure as the CLI must report it: exit 1 and one `netfs: ` line on stderr, no stack trace. */
function expectOneLineFailure(r: CliResult, problem: RegExp): void {
  expect(r.timedOut, describeRun(r)).toBe(false);
  expect(r.code, describeRun(r)).toBe(1);
  expect(r.stderr, describeRun(r)).toMatch(/^netfs: [^\n]+\n$/);
  expect(r.stderr).toMatch(problem);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  expect(r.stdout).toBe('');
}

function expectSuccess(r: CliResult): void {
  expect(r.timedOut, describeRun(r)).toBe(false);
  expect(r.code, describeRun(r)).toBe(0);
  expect(r.stderr, describeRun(r)).toBe('');
}

async function exists(p: string): Promise<boolean> {
  return lstat(p).then(
    () => true,
    () => false,
  );
}

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

    const long = await runCli(['ls', '-l', url('/ls')]);
    expectSuccess(long);
    const lines = long.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const row = /^([-d])[-rwx]{9}\s+\d+\s+\d+\s+\d+\s+(\d+) \d{4}-\d\d-\d\d \d\d:\d\d:\d\d (\S+)$/;
    const parsed = lines.map((l) => row.exec(l));
    expect(parsed.every((m) => m !== null), long.stdout).toBe(true);
    const [subRow, fileRow] = parsed.map((m) => m ?? []);
    expect([subRow[1], subRow[3]]).toEqual(['d', 'sub/']);
    expect([fileRow[1], Number(fileRow[2]), fileRow[3]]).toEqual(['-', content.length, 'up.bin']);
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
    await writeLocal(onHost('stat.txt'), 'seven b');
    const host = await statLocal(onHost('stat.txt'));
    const r = await runCli(['stat', url('/stat.txt')]);
    expectSuccess(r);
    expect(r.stdout).toMatch(/^ {2}Type: file$/m);
    expect(r.stdout).toMatch(/^ {2}Size: 7\t/m);
    expect(r.stdout).toMatch(new RegExp(`^  Mode: 0${(host.mode & 0o777).toString(8)} \\(-[-rwx]{9}\\)$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^ +Uid: ${host.uid}\\tGid: ${host.gid}$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^ Inode: ${host.ino}\\t`, 'm'));

    const d = await runCli(['stat', url('/')]);
    expectSuccess(d);
    expect(d.stdout).toMatch(/^ {2}Type: directory$/m);
  });

  it('cat prints the content byte for byte', async () => {
    const content = randomBytes(300_000);
    await writeLocal(onHost('cat.bin'), content);
    const r = await runCli(['cat', url('/cat.bin')]);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stderr).toBe('');
    expect(sha256(r.stdoutBytes)).toBe(sha256(content));
  });

  it('get URL LOCAL writes an identical file; get URL writes it under its name in the cwd', async () => {
    const content = randomBytes(3 * 1024 * 1024 + 17);
    await writeLocal(onHost('get.bin'), content);
    const target = join(local, 'got.bin');
    expectSuccess(await runCli(['get', url('/get.bin'), target]));
    expect(sha256(await readLocal(target))).toBe(sha256(content));

    const cwd = await mkdtemp(join(local, 'cwd-'));
    expectSuccess(await runCli(['get', url('/get.bin')], { cwd }));
    expect(await readdir(cwd)).toEqual(['get.bin']);
    expect(sha256(await readLocal(join(cwd, 'get.bin')))).toBe(sha256(content));
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
      const runs = await Promise.all(['ls', 'stat', 'cat', 'rm'].map((cmd) => runCli([cmd, url('/missing.txt')])));
      for (const r of runs) {
        expectOneLineFailure(r, /ENOENT/);
        expect(r.stderr).toContain(`${dir}/missing.txt`);
      }
    });

    it('an unknown NFS version', async () => {
      const r = await runCli(['ls', url('', 'version=9')]);
      expectOneLineFailure(r, /unknown NFS version '9'/);
    });
  });
});
