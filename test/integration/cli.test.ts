// The `netfs` CLI run as a user runs it (a separate node process) against the real Samba.
// Results are checked through the share's host directory, not only through the CLI itself.
import { randomBytes } from 'node:crypto';
import { watch } from 'node:fs';
import { mkdtemp, readdir, readFile as readLocal, rm, stat as statLocal, statfs, writeFile as writeLocal } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copy, PARTIAL_MARK, rmrf } from '../../src/vfs/index.js';
import type { FileSystem } from '../../src/vfs/types.js';
import { ephemeralPort } from '../servers/ports.js';
import { samba } from '../servers/env.js';
import { connectTo, scratchDir, smbUrl } from './smb2/targets.js';
import { describeRun, expectOneLineFailure, expectSuccess, runCli, startCli, type CliResult } from '../support/cli.js';
import { exists, expectCatPrints, expectGetCopies, expectLongListing, expectMissingEverywhere, expectStatShows, sha256 } from './shared-cli.js';

function expectUsage(r: CliResult, problem: RegExp): void {
  expect(r.code, describeRun(r)).toBe(2);
  expect(r.stderr, describeRun(r)).toMatch(/^netfs: [^\n]+\n\nusage: netfs <command>/);
  expect(r.stderr).toMatch(problem);
  expect(r.stderr).toMatch(/^ {2}ls \[-l\] URL/m);
  expect(r.stdout).toBe('');
}

/** Resolves with the first name matching `test` that appears in `dir` (watch, with a fast poll as a fallback). */
function appearance(dir: string, test: (name: string) => boolean, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err: Error | undefined, name?: string) => {
      if (done) return;
      done = true;
      watcher.close();
      clearInterval(poll);
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(name as string);
    };
    const watcher = watch(dir, (_event, name) => {
      if (name !== null && test(name)) finish(undefined, name);
    });
    const poll = setInterval(() => {
      readdir(dir).then((names) => {
        const hit = names.find(test);
        if (hit !== undefined) finish(undefined, hit);
      }, finish);
    }, 2);
    const timer = setTimeout(() => finish(new Error(`nothing matching appeared in ${dir} within ${timeoutMs} ms`)), timeoutMs);
  });
}

describe('netfs CLI against the real Samba', () => {
  let fs: FileSystem;
  let dir: string;
  let local: string;
  /** A URL inside this file's scratch directory. */
  const url = (path = '', opts: { password?: string | null } = {}) => smbUrl({ path: `${dir}${path}`, ...opts });
  /** The host path behind a path inside the scratch directory. */
  const onHost = (path = '') => join(samba().shares.plain.path, dir, path);

  beforeAll(async () => {
    fs = await connectTo();
    dir = await scratchDir(fs, 'cli');
    local = await mkdtemp(join(tmpdir(), 'netfs-cli-'));
  });

  afterAll(async () => {
    await rmrf(fs, dir).catch(() => undefined);
    await fs.close();
    await rm(local, { recursive: true, force: true });
  });

  describe('commands', () => {
    it('put LOCAL URL/ uploads into the directory; ls lists names, ls -l sizes', async () => {
      const content = randomBytes(12_345);
      await writeLocal(join(local, 'up.bin'), content);
      await fs.mkdir(`${dir}/ls`);
      await fs.mkdir(`${dir}/ls/sub`);

      expectSuccess(await runCli(['put', join(local, 'up.bin'), url('/ls/')]));
      expect(sha256(await readLocal(onHost('ls/up.bin')))).toBe(sha256(content));

      const ls = await runCli(['ls', url('/ls')]);
      expectSuccess(ls);
      expect(ls.stdout).toBe('sub/\nup.bin\n');

      expectLongListing(await runCli(['ls', '-l', url('/ls')]), content.length);
    });

    it('stat shows type, size and mode', async () => {
      // 3.1.1 with the POSIX extensions: the server's own permission bits.
      const { dir: d } = await expectStatShows(url('/stat.txt'), url('/'), onHost('stat.txt'));
      expect(d.stdout).toMatch(/^ {2}Mode: 0[0-7]{3} \(d[-rwx]{9}\)$/m);
    });

    it('cat prints the content byte for byte', async () => {
      await expectCatPrints(url('/cat.bin'), onHost('cat.bin'));
    });

    it('get URL LOCAL writes an identical file; get URL writes it under its name in the cwd', async () => {
      await expectGetCopies(url('/get.bin'), onHost('get.bin'), local);
    });

    it('get to an existing local name replaces it', async () => {
      await writeLocal(onHost('replace.txt'), 'new');
      const target = join(local, 'replace.txt');
      await writeLocal(target, 'the old content, longer than the new one');
      expectSuccess(await runCli(['get', url('/replace.txt'), target]));
      expect(await readLocal(target, 'utf8')).toBe('new');
      expect((await readdir(local)).filter((n) => n.includes(PARTIAL_MARK))).toEqual([]);
    });

    it('mkdir makes a directory; mkdir -p its parents too; mkdir of an existing name fails', async () => {
      expectSuccess(await runCli(['mkdir', url('/made')]));
      expect((await statLocal(onHost('made'))).isDirectory()).toBe(true);

      expectSuccess(await runCli(['mkdir', '-p', url('/a/b/c')]));
      expect((await statLocal(onHost('a/b/c'))).isDirectory()).toBe(true);
      // -p on an existing path is not an error.
      expectSuccess(await runCli(['mkdir', '-p', url('/a/b')]));

      expectOneLineFailure(await runCli(['mkdir', url('/made')]), /EEXIST/);
      // Without -p a missing parent is an error.
      expectOneLineFailure(await runCli(['mkdir', url('/x/y')]), /ENOENT/);
      expect(await exists(onHost('x'))).toBe(false);
    });

    it('mv renames within the share (by path or by URL) and refuses a URL on another share', async () => {
      await writeLocal(onHost('mv-src.txt'), 'moving');
      expectSuccess(await runCli(['mv', url('/mv-src.txt'), `${dir}/mv-mid.txt`]));
      expect(await exists(onHost('mv-src.txt'))).toBe(false);
      expect(await readLocal(onHost('mv-mid.txt'), 'utf8')).toBe('moving');

      expectSuccess(await runCli(['mv', url('/mv-mid.txt'), url('/mv-dst.txt')]));
      expect(await exists(onHost('mv-mid.txt'))).toBe(false);
      expect(await readLocal(onHost('mv-dst.txt'), 'utf8')).toBe('moving');

      // The same path on the guest share: not a rename, and the file must stay where it is.
      const other = smbUrl({ share: 'guest', path: `${dir}/mv-dst.txt` });
      expectOneLineFailure(await runCli(['mv', url('/mv-dst.txt'), other]), /EXDEV.*not on the share/);
      expect(await readLocal(onHost('mv-dst.txt'), 'utf8')).toBe('moving');
    });

    it('rm removes a file; a directory needs rm -r, which removes the whole tree', async () => {
      await writeLocal(onHost('rm.txt'), 'x');
      expectSuccess(await runCli(['rm', url('/rm.txt')]));
      expect(await exists(onHost('rm.txt'))).toBe(false);

      expectSuccess(await runCli(['mkdir', '-p', url('/tree/one/two')]));
      await writeLocal(onHost('tree/one/two/leaf.txt'), 'leaf');
      await writeLocal(onHost('tree/top.txt'), 'top');
      expectOneLineFailure(await runCli(['rm', url('/tree')]), /EISDIR.*rm -r/);
      expect(await exists(onHost('tree/one/two/leaf.txt'))).toBe(true);

      expectSuccess(await runCli(['rm', '-r', url('/tree')]));
      expect(await exists(onHost('tree'))).toBe(false);
    });

    it('df reports the size and free space of the share in 1K blocks', async () => {
      const r = await runCli(['df', url('/')]);
      expectSuccess(r);
      const m = /^1K-blocks\s+Used\s+Available\s+Use%\n\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)%\n$/.exec(r.stdout);
      expect(m, r.stdout).not.toBeNull();
      const [total, used, avail, pct] = (m as RegExpExecArray).slice(1).map(Number);
      const host = await statfs(samba().shares.plain.path);
      expect(total).toBe(Math.floor((host.blocks * host.bsize) / 1024));
      expect(total).toBeGreaterThan(0);
      expect(used + avail).toBeLessThanOrEqual(total);
      // Other tests write meanwhile: the free space agrees within 1 GiB.
      expect(Math.abs(avail - (host.bavail * host.bsize) / 1024)).toBeLessThan(1024 * 1024);
      expect(pct).toBe(Math.ceil((used / total) * 100));
    });
  });

  describe('password', () => {
    it('from the URL, from NETFS_PASSWORD, and the URL wins over NETFS_PASSWORD', async () => {
      const fromUrl = await runCli(['ls', url()]);
      expectSuccess(fromUrl);
      const fromEnv = await runCli(['ls', url('', { password: null })], { env: { NETFS_PASSWORD: samba().password } });
      expectSuccess(fromEnv);
      expect(fromEnv.stdout).toBe(fromUrl.stdout);
      const both = await runCli(['ls', url()], { env: { NETFS_PASSWORD: 'not-the-password' } });
      expectSuccess(both);
      expect(both.stdout).toBe(fromUrl.stdout);
    });

    it('a wrong NETFS_PASSWORD is a logon failure', async () => {
      const r = await runCli(['ls', url('', { password: null })], { env: { NETFS_PASSWORD: 'not-the-password' } });
      expectOneLineFailure(r, /wrong user name or password/);
    });

    it('neither in the URL nor in NETFS_PASSWORD, and no terminal: a clear error', async () => {
      const r = await runCli(['ls', url('', { password: null })]);
      expectOneLineFailure(r, /no password/);
      expect(r.stderr).toMatch(/NETFS_PASSWORD/);
    });
  });

  describe('errors: exit 1 and one line naming the problem', () => {
    it('an unknown host', async () => {
      const s = samba();
      const r = await runCli(['ls', `smb://${s.user}:${s.password}@nonexistent.invalid/share`]);
      expectOneLineFailure(r, /unknown host 'nonexistent\.invalid'/);
    });

    it('a closed port', async () => {
      const s = samba();
      const port = await ephemeralPort(s.host);
      const r = await runCli(['ls', `smb://${s.user}:${s.password}@${s.host}:${port}/share`]);
      expectOneLineFailure(r, new RegExp(`connection refused by ${s.host.replace(/\./g, '\\.')}:${port}`));
    });

    it('an unknown share', async () => {
      const s = samba();
      const r = await runCli(['ls', `smb://${s.user}:${s.password}@${s.host}:${s.port}/no-such-share`]);
      expectOneLineFailure(r, /no share named 'no-such-share'/);
    });

    it('a wrong password (and the password is not echoed)', async () => {
      const r = await runCli(['ls', url('', { password: 'wrong-pw-123' })]);
      expectOneLineFailure(r, /wrong user name or password/);
      expect(r.stderr).not.toMatch(/wrong-pw-123/);
    });

    it('a missing file, for each command that reads one', async () => {
      await expectMissingEverywhere(url('/missing.txt'), `${dir}/missing.txt`);
    });

    it('a missing local file for put', async () => {
      const r = await runCli(['put', join(local, 'no-such-local'), url('/')]);
      expectOneLineFailure(r, /ENOENT/);
      expect(r.stderr).toContain('no-such-local');
    });
  });

  describe('usage errors: exit 2 with the usage text', () => {
    it('no command, an unknown command, missing or extra arguments, an unknown option, a bad --timeout', async () => {
      const cases: [string[], RegExp][] = [
        [[], /no command/],
        [['frobnicate', url()], /unknown command 'frobnicate'/],
        [['ls'], /expected one URL/],
        [['mv', url('/a')], /expected URL NEWPATH/],
        [['put', 'only-one'], /expected LOCAL URL/],
        [['get'], /expected URL \[LOCAL\]/],
        [['ls', '--bogus', url()], /Unknown option '--bogus'/],
        [['ls', '--timeout', 'soon', url()], /bad --timeout 'soon'/],
      ];
      await Promise.all(cases.map(async ([args, problem]) => expectUsage(await runCli(args), problem)));
    });

    it('-h prints the usage on stdout and exits 0', async () => {
      const r = await runCli(['-h']);
      expect(r.code, describeRun(r)).toBe(0);
      expect(r.stdout).toMatch(/^usage: netfs <command>/);
      expect(r.stderr).toBe('');
    });
  });

  describe('a failed get leaves nothing behind', () => {
    it('a missing remote file: no local file, no partial file, an existing local file untouched', async () => {
      const target = join(local, 'never.bin');
      expectOneLineFailure(await runCli(['get', url('/never.bin'), target]), /ENOENT/);
      expect(await exists(target)).toBe(false);
      const kept = join(local, 'kept.txt');
      await writeLocal(kept, 'keep me');
      expectOneLineFailure(await runCli(['get', url('/never.bin'), kept]), /ENOENT/);
      expect(await readLocal(kept, 'utf8')).toBe('keep me');
      expect((await readdir(local)).filter((n) => n.includes(PARTIAL_MARK))).toEqual([]);
    });

    it('SIGINT in the middle of a 64 MiB download: exit 1, no file under the name, no partial file', async () => {
      const content = randomBytes(64 * 1024 * 1024);
      const source = join(local, 'big-source.bin');
      await writeLocal(source, content);
      await copy(source, { fs, path: `${dir}/big.bin` });
      await rm(source);

      const into = await mkdtemp(join(local, 'sigint-'));
      const run = startCli(['get', url('/big.bin'), join(into, 'big.bin')]);
      const partial = await appearance(into, (n) => n.startsWith(`big.bin${PARTIAL_MARK}`), 20_000);
      run.child.kill('SIGINT');
      const r = await run.result;
      expect(partial).toMatch(/^big\.bin\.netfs-partial-/);
      expectOneLineFailure(r, /interrupted/);
      expect(await readdir(into)).toEqual([]);
    }, 60_000);

    it('SIGINT while the server does not answer ends the run at once, not at the timeout', async () => {
      // A listener that accepts and never replies: the CLI waits for the NEGOTIATE reply.
      const silent: Server = createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const { port } = silent.address() as { port: number };
      try {
        const accepted = new Promise<void>((resolve) => silent.once('connection', () => resolve()));
        const run = startCli(['ls', `smb://u:p@127.0.0.1:${port}/share`]);
        await accepted;
        const t0 = Date.now();
        run.child.kill('SIGINT');
        const r = await run.result;
        expect(Date.now() - t0).toBeLessThan(5_000);
        expectOneLineFailure(r, /aborted|interrupted/);
      } finally {
        silent.close();
      }
    });
  });
});
