// How the NFSv4 client fails against a real Ganesha: a missing export, a bad version, no
// server, and a closed FileSystem. Every failure must be a typed FsError, fast, never a hang.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../../src/connect.js';
import { FsError } from '../../../src/errors.js';
import { readFile, writeFile } from '../../../src/vfs/index.js';
import type { FileHandle, FileSystem } from '../../../src/vfs/types.js';
import { ganesha } from '../../servers/env.js';
import { closedPort, TcpProxy } from '../../support/tcp-proxy.js';
import { connectNfs, scratchDir } from './targets.js';

/** Waits for p, which must reject with an FsError; says how long it took. */
async function rejection(p: Promise<unknown>): Promise<{ error: FsError; ms: number }> {
  const t0 = performance.now();
  const error = await p.then(
    () => new Error('expected a rejection, but the operation succeeded'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FsError);
  if (!(error instanceof FsError)) throw error;
  return { error, ms: performance.now() - t0 };
}

describe('NFSv4 failures: export, version, host, port', () => {
  for (const version of ['4.1', '4.0']) {
    it(`a wrong export path is ENOENT and the message names it (NFSv${version})`, async () => {
      const g = ganesha();
      const { error, ms } = await rejection(connect(`nfs://${g.host}:${g.port}/nope?version=${version}`));
      expect(error.code).toBe('ENOENT');
      expect(error.message).toContain("'/nope'");
      expect(error.status).toBe('NFS4ERR_NOENT');
      expect(error.path).toBe('/nope');
      expect(ms).toBeLessThan(5000);
    });
  }

  it('a path below a wrong export: the error names the export, the first component', async () => {
    const g = ganesha();
    const { error } = await rejection(connect(`nfs://${g.host}:${g.port}/nope/dir/file`));
    expect(error.code).toBe('ENOENT');
    expect(error.message).toContain("'/nope'");
  });

  it('a missing file below the right export is ENOENT from the operation, naming the path', async () => {
    const fs = await connectNfs({ path: '/no/such' });
    try {
      const { error } = await rejection(fs.stat('/no/such/file'));
      expect(error.code).toBe('ENOENT');
      expect(error.syscall).toBe('stat');
      expect(error.path).toBe('/no/such/file');
      expect(error.message).toContain('/no/such/file');
    } finally {
      await fs.close();
    }
  });

  it('?version=9 is EINVAL naming the version, without touching the network', async () => {
    const port = await closedPort();
    const { error, ms } = await rejection(connect(`nfs://127.0.0.1:${port}/export?version=9`));
    expect(error.code).toBe('EINVAL');
    expect(error.message).toContain("'9'");
    expect(ms).toBeLessThan(1000);
  });

  it('a closed port is ECONNREFUSED and the message names host:port', async () => {
    const port = await closedPort();
    const { error, ms } = await rejection(connect(`nfs://127.0.0.1:${port}/export`));
    expect(error.code).toBe('ECONNREFUSED');
    expect(error.syscall).toBe('connect');
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(ms).toBeLessThan(5000);
  });

  it('an unknown host is EHOSTUNREACH and the message names host:port', async () => {
    const { error, ms } = await rejection(connect('nfs://nonexistent.invalid:20490/export'));
    expect(error.code).toBe('EHOSTUNREACH');
    expect(error.syscall).toBe('connect');
    expect(error.message).toContain('nonexistent.invalid:20490');
    expect(ms).toBeLessThan(5000);
  });
});

describe('NFSv4 failures: a server that goes silent', () => {
  it('accepts TCP but never answers: connect rejects with ETIMEDOUT after timeoutMs', async () => {
    const g = ganesha();
    const proxy = await TcpProxy.start({ target: { host: g.host, port: g.port }, swallow: true });
    try {
      const { error, ms } = await rejection(connect(`nfs://${proxy.host}:${proxy.port}${g.exportPath}`, { timeoutMs: 1500 }));
      expect(proxy.accepted).toBeGreaterThanOrEqual(1);
      expect(error.code).toBe('ETIMEDOUT');
      expect(error.message).toContain('1500 ms');
      expect(ms).toBeGreaterThanOrEqual(1400);
      expect(ms).toBeLessThan(4000);
    } finally {
      await proxy.close();
    }
  });

  it('goes silent mid-session: an operation rejects with ETIMEDOUT after timeoutMs', async () => {
    const g = ganesha();
    const proxy = await TcpProxy.start({ target: { host: g.host, port: g.port } });
    try {
      const fs = await connect(`nfs://${proxy.host}:${proxy.port}${g.exportPath}`, { timeoutMs: 1500 });
      try {
        expect((await fs.stat('/')).type).toBe('directory');
        proxy.swallow(true);
        const { error, ms } = await rejection(fs.stat('/'));
        expect(error.code).toBe('ETIMEDOUT');
        expect(ms).toBeGreaterThanOrEqual(1400);
        expect(ms).toBeLessThan(4000);
      } finally {
        proxy.kill();
        await fs.close();
      }
    } finally {
      await proxy.close();
    }
  });
});

for (const version of ['4.1', '4.0']) {
  describe(`NFSv${version}: operations after close() reject with ENOTCONN`, () => {
    let fs: FileSystem;
    let dir: string;
    let handle: FileHandle;

    beforeAll(async () => {
      fs = await connectNfs({ version });
      dir = await scratchDir(fs, `failures-${version}`);
      await writeFile(fs, `${dir}/f`, 'before close');
      handle = await fs.open(`${dir}/f`, { read: true });
      await fs.close();
    });

    afterAll(async () => {
      // A fresh connection tidies up what the closed one made.
      const tidy = await connectNfs({ version });
      await tidy.unlink(`${dir}/f`).catch(() => undefined);
      await tidy.rmdir(dir).catch(() => undefined);
      await tidy.close();
    });

    it('every operation returns a promise that rejects with ENOTCONN, at once', async () => {
      const ops: [string, () => Promise<unknown>][] = [
        ['stat', () => fs.stat(`${dir}/f`)],
        ['lstat', () => fs.lstat(`${dir}/f`)],
        ['open', () => fs.open(`${dir}/f`)],
        ['readdir', () => fs.readdir(dir)],
        ['mkdir', () => fs.mkdir(`${dir}/new`)],
        ['rmdir', () => fs.rmdir(`${dir}/new`)],
        ['unlink', () => fs.unlink(`${dir}/f`)],
        ['rename', () => fs.rename(`${dir}/f`, `${dir}/g`)],
        ['statfs', () => fs.statfs('/')],
        ['readFile', () => readFile(fs, `${dir}/f`)],
        ['writeFile', () => writeFile(fs, `${dir}/f`, 'x')],
      ];
      for (const [name, op] of ops) {
        let p: Promise<unknown>;
        try {
          p = op();
        } catch (thrown) {
          expect.soft(String(thrown), `${name} threw instead of returning a rejected promise`).toBe('');
          p = Promise.reject(thrown);
        }
        const { error, ms } = await rejection(p);
        expect(error.code, name).toBe('ENOTCONN');
        expect(ms, name).toBeLessThan(100);
      }
    });

    it('a handle left open was closed with the FileSystem: its operations reject with EBADF', async () => {
      const ops: [string, () => Promise<unknown>][] = [
        ['read', () => handle.read(Buffer.alloc(16), 0, 16, 0)],
        ['write', () => handle.write(Buffer.from('x'), 0)],
        ['stat', () => handle.stat()],
      ];
      for (const [name, op] of ops) {
        const { error, ms } = await rejection(op());
        expect(error.code, name).toBe('EBADF');
        expect(ms, name).toBeLessThan(100);
      }
      await expect(handle.close()).resolves.toBeUndefined();
    });

    it('close() again is a no-op', async () => {
      await expect(fs.close()).resolves.toBeUndefined();
    });
  });
}
