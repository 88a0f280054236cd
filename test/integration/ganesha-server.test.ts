// The nfs-ganesha fixture is what the NFS tests assume: checked with libnfs's own tools
// (nfs-ls, nfs-cat, nfs-cp) and one hand-built COMPOUND, never with netfs itself.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ganesha } from '../servers/env.js';
import type { GaneshaInfo } from '../servers/env.js';
import { requireExecutable, run } from '../servers/exec.js';
import type { RunResult } from '../servers/exec.js';
import { startGanesha } from '../servers/ganesha.js';
import type { GaneshaServer } from '../servers/ganesha.js';
import { currentGaneshaPid, restartGanesha } from '../servers/ganesha-control.js';
import { NFS4ERR_MINOR_VERS_MISMATCH, NFS4_OK, probeCompound } from '../servers/ganesha-probe.js';
import { libnfsV3Url, libnfsV4Url } from '../servers/ganesha-urls.js';
import { isPortFree } from '../servers/ports.js';

const info: GaneshaInfo = ganesha();
const hint = 'run test/servers/install-nfs.sh (libnfs-utils)';
const nfsLs = requireExecutable('nfs-ls', hint);
const nfsCat = requireExecutable('nfs-cat', hint);
const nfsCp = requireExecutable('nfs-cp', hint);

async function libnfs(tool: string, args: string[]): Promise<RunResult> {
  const r = await run(tool, args, { timeoutMs: 30_000 });
  if (r.code !== 0) throw new Error(`${r.command} exited with ${r.code}${r.timedOut ? ' (timed out)' : ''}:\n${r.output.trim()}`);
  return r;
}

/** nfs-ls's long listing: the name (last field) and size (fifth field) of each entry. */
function listing(output: string): Map<string, number> {
  const entries = new Map<string, number>();
  for (const line of output.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length >= 6) entries.set(fields[fields.length - 1], Number(fields[4]));
  }
  return entries;
}

/** Exited: no /proc entry, or a zombie not yet reaped by its parent. */
async function exited(pid: number): Promise<boolean> {
  try {
    const s = await readFile(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

describe('Ganesha fixture: the shared server of global setup', () => {
  /** A directory of this file's own inside the export, so that other tests' files never show up here. */
  const dirName = `fixture-${process.pid}-${randomBytes(4).toString('hex')}`;
  const dir = join(info.hostPath, dirName);
  const content = `hello from the host side ${randomBytes(8).toString('hex')}\n`;

  beforeAll(async () => {
    await mkdir(dir);
    await writeFile(join(dir, 'hello.txt'), content);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('provides the export and its host directory', async () => {
    expect(info.exportPath).toBe('/export');
    expect(info.nfsV3Port).toBe(info.port);
    expect(new Set([info.port, info.mountPort, info.nlmPort]).size).toBe(3);
    expect((await stat(info.hostPath)).isDirectory()).toBe(true);
    expect(info.version).toMatch(/^NFS-Ganesha Release = V4\./);
    expect(await currentGaneshaPid(info)).toBeGreaterThan(0);
  });

  it('lists over NFSv4 a file created in the host directory (nfs-ls)', async () => {
    const r = await libnfs(nfsLs, [libnfsV4Url(info, `/${dirName}`)]);
    expect(listing(r.stdout)).toEqual(new Map([['hello.txt', Buffer.byteLength(content)]]));
  });

  it('starts without a grace period (Graceless)', async () => {
    expect(info.graceSeconds).toBe(0);
    expect(await readFile(info.logFile, 'utf8')).toContain('NFS Server skipping GRACE (Graceless is true)');
  });

  it('reads it over NFSv4 (nfs-cat: OPEN, READ)', async () => {
    const r = await libnfs(nfsCat, [libnfsV4Url(info, `/${dirName}/hello.txt`)]);
    expect(r.stdout).toBe(content);
  });

  it('takes a 1 MiB write over NFSv3 (nfs-cp, MOUNT port), root not squashed', async () => {
    const local = await mkdtemp(join(tmpdir(), 'netfs-ganesha-cp-'));
    try {
      const data = randomBytes(1 << 20);
      await writeFile(join(local, 'big.bin'), data);
      await libnfs(nfsCp, [join(local, 'big.bin'), libnfsV3Url(info, `/${dirName}/big.bin`)]);
      const written = await readFile(join(dir, 'big.bin'));
      expect(written.length).toBe(data.length);
      expect(sha256(written)).toBe(sha256(data));
      // AUTH_SYS uid 0 (this process) with Squash = No_Root_Squash: the file belongs to root.
      expect((await stat(join(dir, 'big.bin'))).uid).toBe(0);
      // And NFSv4 sees it too.
      const r = await libnfs(nfsLs, [libnfsV4Url(info, `/${dirName}`)]);
      expect(listing(r.stdout).get('big.bin')).toBe(1 << 20);
    } finally {
      await rm(local, { recursive: true, force: true });
    }
  });

  // libnfs 4.0 parses ?version=4.1 as 4 and speaks 4.0 (SETCLIENTID): a hand-built COMPOUND asks instead.
  it.each([0, 1, 2])('accepts NFSv4.%i COMPOUNDs', async (minor) => {
    const reply = await probeCompound(info.host, info.port, minor);
    expect(reply).toEqual({ status: NFS4_OK, tag: `netfs-probe-4.${minor}`, resultCount: 0 });
  });

  it('rejects NFSv4.3 with NFS4ERR_MINOR_VERS_MISMATCH (the probe tells minor versions apart)', async () => {
    const reply = await probeCompound(info.host, info.port, 3);
    expect(reply.status).toBe(NFS4ERR_MINOR_VERS_MISMATCH);
    expect(reply.resultCount).toBe(0);
  });
});

describe('Ganesha fixture: an instance of its own, restarted and stopped', () => {
  // Restarting the shared server would break every other test file using it meanwhile.
  let server: GaneshaServer;
  const content = `survives restarts ${randomBytes(8).toString('hex')}\n`;

  beforeAll(async () => {
    server = await startGanesha();
    await writeFile(join(server.info.hostPath, 'kept.txt'), content);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('is a separate server on ports of its own', () => {
    expect(server.info.port).not.toBe(info.port);
    expect(server.info.hostPath).not.toBe(info.hostPath);
  });

  it.each(['SIGTERM', 'SIGKILL'] as const)('comes back after a restart with %s: lists and reads at once', async (signal) => {
    const before = await currentGaneshaPid(server.info);
    const { oldPid, newPid } = await restartGanesha(server.info, { signal });
    expect(oldPid).toBe(before);
    expect(newPid).not.toBe(oldPid);
    expect(await currentGaneshaPid(server.info)).toBe(newPid);
    if (oldPid === undefined) throw new Error('no pid before the restart');
    expect(await exited(oldPid)).toBe(true);
    const ls = await libnfs(nfsLs, [libnfsV4Url(server.info)]);
    expect(listing(ls.stdout)).toEqual(new Map([['kept.txt', Buffer.byteLength(content)]]));
    const cat = await libnfs(nfsCat, [libnfsV4Url(server.info, '/kept.txt')]);
    expect(cat.stdout).toBe(content);
  });

  it('stop() ends the restarted process and removes its directory', async () => {
    const pid = await currentGaneshaPid(server.info);
    if (pid === undefined) throw new Error('no running instance to stop');
    await server.stop();
    expect(await exited(pid)).toBe(true);
    expect(await isPortFree(server.info.host, server.info.port)).toBe(true);
    await expect(stat(server.info.root)).rejects.toThrow(/ENOENT/);
    // The shared server is untouched.
    const r = await libnfs(nfsLs, [libnfsV4Url(info)]);
    expect(r.code).toBe(0);
  });
});
