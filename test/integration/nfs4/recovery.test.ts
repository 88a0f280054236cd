// The server restarted mid-session (RFC 8881 8.4.2, RFC 7530 9.6.2): the same FileSystem and
// the same open handle go on working. A Ganesha of this file's own, since a restart breaks
// every other test using a server meanwhile. Graceless first (the state is simply gone:
// BADSESSION / STALE_CLIENTID, then stale stateids); then with a grace period, operations
// issued while the server is down or in grace (NFS4ERR_GRACE retried) after a crash.
import { randomBytes } from 'node:crypto';
import { readFile as readHost } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../../src/connect.js';
import { Nfs4FileSystem } from '../../../src/nfs4/client.js';
import { FsError, readFile, writeFile } from '../../../src/vfs/index.js';
import type { FileHandle } from '../../../src/vfs/types.js';
import { currentGaneshaPid, restartGanesha } from '../../servers/ganesha-control.js';
import { startGanesha, type GaneshaServer } from '../../servers/ganesha.js';
import { nfsUrl } from '../../servers/ganesha-urls.js';
import { TcpProxy } from '../../support/tcp-proxy.js';

/** Short, so that renewal and expiry happen within a test: without renewal, Ganesha drops the client within 2 leases. */
const LEASE_SECONDS = 3;
/** Ganesha rounds it up to its reaper's 5 s tick. */
const GRACE_SECONDS = 5;
const VERSIONS = ['4.1', '4.0'] as const;
const DATA_SIZE = 3 * 1024 * 1024 + 5;

async function connectTo(server: GaneshaServer, version: string): Promise<Nfs4FileSystem> {
  const fs = await connect(nfsUrl(server.info, '', `version=${version}`));
  if (!(fs instanceof Nfs4FileSystem)) throw new Error(`expected an NFSv4 file system, got '${fs.protocol}'`);
  return fs;
}

/** Until the instance named by the pid file is gone (a restart in progress has stopped it). */
async function untilStopped(server: GaneshaServer, pid: number): Promise<void> {
  const t0 = performance.now();
  while ((await currentGaneshaPid(server.info)) === pid) {
    if (performance.now() - t0 > 15_000) throw new Error(`ganesha.nfsd ${pid} still runs`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** One client's session before the restart: a file written, another held open with data synced. */
interface Before {
  fs: Nfs4FileSystem;
  dir: string;
  data: Buffer;
  handle: FileHandle;
  epoch: number;
}

async function prepare(server: GaneshaServer, version: string): Promise<Before> {
  const fs = await connectTo(server, version);
  const dir = `/recovery-${version}-${randomBytes(4).toString('hex')}`;
  await fs.mkdir(dir);
  const data = randomBytes(DATA_SIZE);
  await writeFile(fs, `${dir}/written`, data);
  const handle = await fs.open(`${dir}/held`, { read: true, write: true, create: true });
  expect(await handle.write(data, 0)).toBe(DATA_SIZE);
  await handle.sync();
  const check = Buffer.alloc(DATA_SIZE);
  expect(await handle.read(check, 0, DATA_SIZE, 0)).toBe(DATA_SIZE);
  expect(check.equals(data)).toBe(true);
  return { fs, dir, data, handle, epoch: fs.state.epoch };
}

/** After the restart: stat, readdir, the held handle's read and write, a new file; checked on the host too. */
async function verifyAfter(server: GaneshaServer, b: Before): Promise<void> {
  const { fs, dir, data, handle } = b;
  expect((await fs.stat(`${dir}/written`)).size).toBe(DATA_SIZE);
  expect((await fs.readdir(dir)).map((e) => e.name).sort()).toEqual(['held', 'written']);
  expect((await readFile(fs, `${dir}/written`)).equals(data)).toBe(true);

  const back = Buffer.alloc(DATA_SIZE);
  expect(await handle.read(back, 0, DATA_SIZE, 0)).toBe(DATA_SIZE);
  expect(back.equals(data)).toBe(true);
  const patch = randomBytes(4096);
  expect(await handle.write(patch, 1000)).toBe(patch.length);
  expect((await handle.stat()).size).toBe(DATA_SIZE);
  await handle.close();
  const expected = Buffer.from(data);
  patch.copy(expected, 1000);
  expect((await readHost(join(server.info.hostPath, dir, 'held'))).equals(expected)).toBe(true);

  const fresh = randomBytes(200_000);
  await writeFile(fs, `${dir}/after`, fresh);
  expect((await readHost(join(server.info.hostPath, dir, 'after'))).equals(fresh)).toBe(true);
  // The client id (and session) was made anew.
  expect(fs.state.epoch).toBeGreaterThan(b.epoch);
}

describe('recovery from a server restart, graceless (SIGTERM)', () => {
  let server: GaneshaServer;

  beforeAll(async () => {
    server = await startGanesha({ leaseSeconds: LEASE_SECONDS, graceSeconds: 0 });
  });
  afterAll(async () => {
    await server?.stop();
  });

  for (const version of VERSIONS) {
    it(`NFSv${version}: the same FileSystem and open handle work after the restart`, { timeout: 60_000 }, async () => {
      const b = await prepare(server, version);
      try {
        const { oldPid, newPid } = await restartGanesha(server.info, { signal: 'SIGTERM' });
        expect(newPid).not.toBe(oldPid);
        const t0 = performance.now();
        await verifyAfter(server, b);
        console.log(`recovery NFSv${version} graceless: verified after the restart in ${(performance.now() - t0).toFixed(0)} ms`);
      } finally {
        await b.fs.close();
      }
    });
  }

  it('NFSv4.1: an idle session outlives several leases (renewal), then a restart', { timeout: 60_000 }, async () => {
    const b = await prepare(server, '4.1');
    try {
      // Two leases of idleness: the background SEQUENCE renews, so the open state is kept.
      await new Promise((r) => setTimeout(r, 2 * LEASE_SECONDS * 1000));
      expect(b.fs.state.epoch).toBe(b.epoch);
      const back = Buffer.alloc(16);
      expect(await b.handle.read(back, 0, 16, 0)).toBe(16);
      expect(b.fs.state.epoch).toBe(b.epoch);
      await restartGanesha(server.info, { signal: 'SIGTERM' });
      await verifyAfter(server, b);
    } finally {
      await b.fs.close();
    }
  });
});

describe('recovery from an expired lease (the client cut off for longer than the lease)', () => {
  let server: GaneshaServer;
  let proxy: TcpProxy;

  beforeAll(async () => {
    server = await startGanesha({ leaseSeconds: LEASE_SECONDS, graceSeconds: 0 });
    proxy = await TcpProxy.start({ target: { host: server.info.host, port: server.info.port } });
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.stop();
  });

  it('NFSv4.1 and NFSv4.0: the held handle reads again after ONE new client id', { timeout: 60_000 }, async () => {
    const sessions = await Promise.all(
      VERSIONS.map(async (version) => {
        const fs = await connect(`nfs://${proxy.host}:${proxy.port}${server.info.exportPath}?version=${version}`);
        if (!(fs instanceof Nfs4FileSystem)) throw new Error(`expected an NFSv4 file system, got '${fs.protocol}'`);
        const data = randomBytes(100_000);
        const path = `/expired-${version}`;
        await writeFile(fs, path, data);
        const handle = await fs.open(path, { read: true });
        return { version, fs, data, handle, epoch: fs.state.epoch };
      }),
    );
    try {
      // Cut off: connections reset, new ones accepted but never answered, so no renewal arrives.
      proxy.swallow(true);
      proxy.kill();
      await new Promise((r) => setTimeout(r, 2 * LEASE_SECONDS * 1000 + 500));
      proxy.swallow(false);
      proxy.kill();
      for (const s of sessions) {
        const back = Buffer.alloc(s.data.length);
        expect(await s.handle.read(back, 0, back.length, 0), s.version).toBe(s.data.length);
        expect(back.equals(s.data), s.version).toBe(true);
        // One loss of state, one re-establishment: no session or client id made in vain.
        expect.soft(s.fs.state.epoch, `NFSv${s.version}: re-establishments`).toBe(s.epoch + 1);
        await s.handle.close();
      }
    } finally {
      await Promise.all(sessions.map((s) => s.fs.close()));
    }
  });
});

describe('recovery from a server crash with a grace period (SIGKILL, operations sent while down)', () => {
  let server: GaneshaServer;

  beforeAll(async () => {
    server = await startGanesha({ leaseSeconds: LEASE_SECONDS, graceSeconds: GRACE_SECONDS });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('NFSv4.1 and NFSv4.0 at once: operations issued during the outage complete, the held open reclaimed within grace', { timeout: 90_000 }, async () => {
    const sessions = await Promise.all(VERSIONS.map((v) => prepare(server, v)));
    try {
      // A lock held across the crash: reclaimed with the open, so another client finds it taken.
      for (const b of sessions) await b.handle.lock?.({ offset: 0, length: 100, exclusive: true });
      const oldPid = await currentGaneshaPid(server.info);
      if (oldPid === undefined) throw new Error('no running ganesha.nfsd');
      const restarted = restartGanesha(server.info, { signal: 'SIGKILL', downMs: 300 });
      await untilStopped(server, oldPid);
      const t0 = performance.now();
      // Sent while the server is down: reconnect, re-establish, then wait out NFS4ERR_GRACE.
      // Settled at once, so that a failure is reported as this test's, not as an unhandled rejection.
      const during = Promise.allSettled(
        sessions.map(async (b) => {
          const back = Buffer.alloc(DATA_SIZE);
          const [st, n] = await Promise.all([b.fs.stat(`${b.dir}/written`), b.handle.read(back, 0, DATA_SIZE, 0)]);
          return { size: st.size, n, same: back.equals(b.data), ms: performance.now() - t0 };
        }),
      );
      const { newPid } = await restarted;
      const restartMs = performance.now() - t0;
      expect(newPid).not.toBe(oldPid);
      const settled = await during;
      const results = settled.map((r, i) => {
        if (r.status === 'rejected') throw new Error(`NFSv${VERSIONS[i]}: stat and read sent during the outage failed: ${String(r.reason)}`, { cause: r.reason });
        return r.value;
      });
      for (const r of results) expect(r).toMatchObject({ size: DATA_SIZE, n: DATA_SIZE, same: true });
      // The held open was reclaimed (CLAIM_PREVIOUS) inside the grace period, so its read did not
      // wait for grace to end (without reclaim it finished only after it, ~0.5 s past restartMs).
      for (const r of results) expect(r.ms).toBeLessThan(restartMs);
      const other = await connectTo(server, '4.1');
      try {
        for (const b of sessions) {
          const h = await other.open(`${b.dir}/held`, { read: true, write: true });
          try {
            const refused = await h.lock?.({ offset: 10, length: 1, exclusive: true }).then(
              () => 'granted',
              (e: unknown) => (e instanceof FsError ? e.code : String(e)),
            );
            expect(refused).toBe('EAGAIN');
          } finally {
            await h.close();
          }
        }
      } finally {
        await other.close();
      }
      console.log(
        `recovery with grace: restart (grace over) after ${restartMs.toFixed(0)} ms; ` +
          VERSIONS.map((v, i) => `NFSv${v} stat+read done after ${results[i].ms.toFixed(0)} ms`).join(', '),
      );
      for (const b of sessions) await verifyAfter(server, b);
      const log = await readHost(server.info.logFile, 'utf8');
      expect(log).toMatch(/IN GRACE/);
    } finally {
      await Promise.all(sessions.map((b) => b.fs.close()));
    }
  });
});
