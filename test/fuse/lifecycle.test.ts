// `netfs mount` and `netfs umount` as a user runs them: clear errors for bad mount points,
// clean unmounts on SIGINT, SIGTERM and `netfs umount`, the background mode (-d), mount
// options (ro, uid/gid/file_mode/dir_mode, cache timeouts), and a dead server that makes
// operations fail in time while the mount can still be unmounted.
import { spawn } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samba } from '../servers/env.js';
import { smbUrl } from '../integration/smb2/targets.js';
import { describeRun, runCli, type CliResult } from '../support/cli.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { freshDir, mountedAt, ok, q, removeDir, sh, startMount } from './mounts.js';

let base: string;
const url = () => smbUrl({ query: 'vers=3.1.1' });

beforeAll(async () => {
  base = await freshDir('lifecycle');
});

afterAll(async () => {
  await removeDir(base);
});

function expectFailure(r: CliResult, problem: RegExp): void {
  expect(r.timedOut, describeRun(r)).toBe(false);
  expect(r.code, describeRun(r)).toBe(1);
  expect(r.stderr, describeRun(r)).toMatch(/^netfs: [^\n]+\n$/);
  expect(r.stderr).toMatch(problem);
}

/** Resolves once pid is gone, or false after ms. */
async function exited(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('mount points', () => {
  it('a missing mount point, a file, a non-empty directory and a busy mount point each give one clear line', async () => {
    expectFailure(await runCli(['mount', url(), join(base, 'nope')]), /mount point does not exist/);
    await writeFile(join(base, 'file'), 'x');
    expectFailure(await runCli(['mount', url(), join(base, 'file')]), /not a directory/);
    await mkdir(join(base, 'full'));
    await writeFile(join(base, 'full', 'x'), 'x');
    expectFailure(await runCli(['mount', url(), join(base, 'full')]), /not empty \(use -o nonempty/);

    const m = await startMount(url(), join(base, 'busy'));
    try {
      expectFailure(await runCli(['mount', url(), m.mp]), /busy: fuse\.netfs smb:\/\/.* is mounted there/);
    } finally {
      expect((await m.stop()).code).toBe(0);
    }
  });

  it('-o nonempty mounts over a directory with files, which come back after unmounting', async () => {
    const mp = join(base, 'over');
    await mkdir(mp);
    await writeFile(join(mp, 'underneath'), 'x');
    const m = await startMount(url(), mp, ['-o', 'nonempty']);
    expect(await ok(`ls ${q(mp)}`)).not.toContain('underneath');
    expect((await m.stop()).code).toBe(0);
    expect(await ok(`ls ${q(mp)}`)).toBe('underneath\n');
  });

  it('bad usage and unknown options are refused before mounting', async () => {
    const r = await runCli(['mount', url()]);
    expect(r.code, describeRun(r)).toBe(2);
    expect(r.stderr).toMatch(/expected URL MOUNTPOINT/);
    await mkdir(join(base, 'opts'));
    expectFailure(await runCli(['mount', url(), join(base, 'opts'), '-o', 'bogus']), /unknown mount option 'bogus'/);
    expectFailure(await runCli(['mount', url(), join(base, 'opts'), '-o', 'file_mode=99']), /file_mode needs an octal mode/);
  });
});

describe('unmounting', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} unmounts cleanly and exits 0`, async () => {
      const m = await startMount(url(), join(base, `sig-${signal}`));
      expect(await mountedAt(m.mp)).toBe('fuse.netfs');
      await ok(`echo hi > ${q(m.mp)}/sig-${signal}-${process.pid} && rm ${q(m.mp)}/sig-${signal}-${process.pid}`);
      const r = await m.stop(signal);
      expect(r.code, describeRun(r)).toBe(0);
      expect(r.stderr).toMatch(/netfs: unmounted /);
      expect(await mountedAt(m.mp)).toBeUndefined();
      expect(await ok(`ls -A ${q(m.mp)}`)).toBe('');
    });
  }

  it('netfs umount ends the foreground mount; a busy mount needs -l', async () => {
    const m = await startMount(url(), join(base, 'um'));
    // A process whose working directory is inside keeps the mount busy.
    const holder = spawn('sleep', ['60'], { cwd: m.mp, stdio: 'ignore' });
    try {
      expectFailure(await runCli(['umount', m.mp]), /busy.*netfs umount -l/);
      expect(await mountedAt(m.mp)).toBe('fuse.netfs');
      const r = await runCli(['umount', '-l', m.mp]);
      expect(r.code, describeRun(r)).toBe(0);
    } finally {
      holder.kill();
    }
    const end = await m.cli.result;
    expect(end.code, describeRun(end)).toBe(0);
    expect(end.stderr).toMatch(/unmounted from outside/);
    expect(await mountedAt(m.mp)).toBeUndefined();
  });

  it('netfs umount refuses what is not a netfs mount', async () => {
    expectFailure(await runCli(['umount', base]), /not mounted/);
    expectFailure(await runCli(['umount', '/proc']), /not a netfs mount \(proc /);
  });

  it('-d mounts in the background and returns; netfs umount stops the background process', async () => {
    const mp = join(base, 'daemon');
    await mkdir(mp);
    const r = await runCli(['mount', url(), mp, '-d', '-o', `log=${join(base, 'daemon.log')}`]);
    expect(r.code, describeRun(r)).toBe(0);
    const pid = Number(/process (\d+)/.exec(r.stdout)?.[1]);
    expect(pid, r.stdout).toBeGreaterThan(0);
    expect(await mountedAt(mp)).toBe('fuse.netfs');
    expect(await ok(`ls -d ${q(mp)}/.`)).toBe(`${mp}/.\n`);
    const u = await runCli(['umount', mp]);
    expect(u.code, describeRun(u)).toBe(0);
    expect(await mountedAt(mp)).toBeUndefined();
    expect(await exited(pid, 10_000)).toBe(true);
    expect(await readFile(join(base, 'daemon.log'), 'utf8')).toMatch(/mounted .*\n.*unmounted from outside/s);
  });

  it('-d reports a failure to connect and leaves nothing mounted', async () => {
    const mp = join(base, 'daemon-bad');
    await mkdir(mp);
    const r = await runCli(['mount', smbUrl({ query: 'vers=3.1.1', password: 'wrong' }), mp, '-d']);
    expectFailure(r, /EACCES|logon|password/i);
    expect(await mountedAt(mp)).toBeUndefined();
  });
});

describe('mount options', () => {
  it('ro: reads work, every change fails with EROFS', async () => {
    const name = `ro-${process.pid}`;
    await writeFile(join(samba().shares.plain.path, name), 'read me');
    const m = await startMount(url(), join(base, 'ro'), ['-o', 'ro']);
    try {
      expect(await ok(`cat ${q(m.mp)}/${name}`)).toBe('read me');
      for (const cmd of [`echo x > ${q(m.mp)}/${name}`, `touch ${q(m.mp)}/new-${name}`, `mkdir ${q(m.mp)}/d-${name}`, `rm ${q(m.mp)}/${name}`]) {
        const r = await sh(cmd);
        expect(r.code, cmd).not.toBe(0);
        expect(r.stderr, cmd).toMatch(/Read-only file system/);
      }
    } finally {
      expect((await m.stop()).code).toBe(0);
    }
  });

  it('uid, gid, file_mode, dir_mode are what a server without Unix attributes (SMB 3.0.2) reports', async () => {
    const name = `owners-${process.pid}`;
    await mkdir(join(samba().shares.plain.path, name));
    await writeFile(join(samba().shares.plain.path, name, 'f'), 'x');
    const m = await startMount(smbUrl({ query: 'vers=3.0.2' }), join(base, 'owners'), ['-o', 'uid=1234,gid=4321,file_mode=0640,dir_mode=0750']);
    try {
      expect(await ok(`stat -c '%u %g %a %F' ${q(m.mp)}/${name} ${q(m.mp)}/${name}/f`)).toBe('1234 4321 750 directory\n1234 4321 640 regular file\n');
      // No Unix modes on the server: chmod succeeds and changes nothing, as on a mount.cifs mount.
      await ok(`chmod 600 ${q(m.mp)}/${name}/f`);
      expect(await ok(`stat -c %a ${q(m.mp)}/${name}/f`)).toBe('640\n');
      // ...and no symlinks.
      expect((await sh(`ln -s f ${q(m.mp)}/${name}/l`)).stderr).toMatch(/Operation not permitted/);
    } finally {
      expect((await m.stop()).code).toBe(0);
    }
  });

  it('attributes are cached for attr_timeout; with 0 a change on the server shows at once', async () => {
    const name = `cache-${process.pid}`;
    const hostFile = join(samba().shares.plain.path, name);
    await writeFile(hostFile, 'a');
    const cached = await startMount(url(), join(base, 'cached'), ['-o', 'attr_timeout=3,entry_timeout=3']);
    const fresh = await startMount(url(), join(base, 'fresh'), ['-o', 'attr_timeout=0,entry_timeout=0']);
    try {
      const size = async (mp: string) => Number(await ok(`stat -c %s ${q(mp)}/${name}`));
      expect([await size(cached.mp), await size(fresh.mp)]).toEqual([1, 1]);
      await writeFile(hostFile, 'abc');
      expect(await size(fresh.mp)).toBe(3);
      expect(await size(cached.mp)).toBe(1);
      await new Promise((r) => setTimeout(r, 3_500));
      expect(await size(cached.mp)).toBe(3);
      // A listing of a directory answers the lookups of its names that follow (ls -l: one
      // readdir, no stat per entry); with entry_timeout 0 a new server file shows at once.
      await writeFile(`${hostFile}-2`, 'new');
      expect(await ok(`ls ${q(fresh.mp)} | grep -c '^${name}'`)).toBe('2\n');
    } finally {
      expect((await cached.stop()).code).toBe(0);
      expect((await fresh.stop()).code).toBe(0);
    }
  });
});

describe('a dead server', () => {
  it('operations fail with EIO or ETIMEDOUT within the timeout, and the mount still unmounts', { timeout: 60_000 }, async () => {
    const s = samba();
    const proxy = await TcpProxy.start({ target: { host: s.host, port: s.port } });
    const name = `dead-${process.pid}`;
    await writeFile(join(s.shares.plain.path, name), 'x');
    const proxied = `smb://${s.domain};${s.user}:${s.password}@${proxy.host}:${proxy.port}/${s.shares.plain.name}?vers=3.1.1`;
    const m = await startMount(proxied, join(base, 'dead'), ['--timeout', '2000', '-o', 'attr_timeout=0,entry_timeout=0']);
    try {
      expect(await ok(`cat ${q(m.mp)}/${name}`)).toBe('x');
      // A server that stops answering: requests time out.
      proxy.swallow(true);
      const hung = await sh(`stat ${q(m.mp)}/${name}`, { timeoutMs: 20_000 });
      expect(hung.signal, 'stat was killed: the mount hung').toBeNull();
      expect(hung.code).not.toBe(0);
      expect(hung.stderr).toMatch(/Connection timed out|Input\/output error/);
      expect(hung.ms).toBeLessThan(10_000);
      // A server that is gone (connections reset): EIO at once.
      proxy.kill();
      const gone = await sh(`ls ${q(m.mp)}`, { timeoutMs: 20_000 });
      expect(gone.signal).toBeNull();
      expect(gone.stderr).toMatch(/Input\/output error|Connection timed out/);
      expect(gone.ms).toBeLessThan(10_000);
      const u = await runCli(['umount', m.mp]);
      expect(u.code, describeRun(u)).toBe(0);
      const end = await m.cli.result;
      expect(end.timedOut, describeRun(end)).toBe(false);
      expect(end.code, describeRun(end)).toBe(0);
      expect(await mountedAt(m.mp)).toBeUndefined();
      expect((await stat(m.mp)).isDirectory()).toBe(true);
    } finally {
      await m.stop('SIGKILL');
      if (await mountedAt(m.mp)) await sh(`fusermount -u -z ${q(m.mp)}`);
      await proxy.close();
    }
  });
});
