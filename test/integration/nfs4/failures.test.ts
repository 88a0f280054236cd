// How the NFSv4 client fails against a real Ganesha: a missing export, a bad version, no
// server, and a closed FileSystem. Every failure must be a typed FsError, fast, never a hang.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../../src/connect.js';
import { writeFile } from '../../../src/vfs/index.js';
import type { FileHandle, FileSystem } from '../../../src/vfs/types.js';
import { ganesha } from '../../servers/env.js';
import { closedPort, type TcpProxy } from '../../support/tcp-proxy.js';
import { everyCall, expectConnectFails, expectConnectTimesOut, expectEachRejects, expectSilenceTimesOut, rejection } from '../shared-failures.js';
import { connectNfs, scratchDir } from './targets.js';

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
    await expectConnectFails(`nfs://127.0.0.1:${port}/export`, 'ECONNREFUSED', `127.0.0.1:${port}`);
  });

  it('an unknown host is EHOSTUNREACH and the message names host:port', async () => {
    await expectConnectFails('nfs://nonexistent.invalid:20490/export', 'EHOSTUNREACH', 'nonexistent.invalid:20490');
  });
});

describe('NFSv4 failures: a server that goes silent', () => {
  const through = (proxy: TcpProxy, timeoutMs: number) => connect(`nfs://${proxy.host}:${proxy.port}${ganesha().exportPath}`, { timeoutMs });

  it('accepts TCP but never answers: connect rejects with ETIMEDOUT after timeoutMs', async () => {
    expect(await expectConnectTimesOut(ganesha(), through)).toBeGreaterThanOrEqual(1);
  });

  it('goes silent mid-session: an operation rejects with ETIMEDOUT after timeoutMs', async () => {
    await expectSilenceTimesOut(
      ganesha(),
      through,
      async (fs) => expect((await fs.stat('/')).type).toBe('directory'),
      (fs) => fs.stat('/'),
    );
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
      await expectEachRejects(everyCall(fs, dir, `${dir}/f`), ['ENOTCONN'], 100);
    });

    it('a handle left open was closed with the FileSystem: its operations reject with EBADF', async () => {
      const calls: [string, () => Promise<unknown>][] = [
        ['read', () => handle.read(Buffer.alloc(16), 0, 16, 0)],
        ['write', () => handle.write(Buffer.from('x'), 0)],
        ['stat', () => handle.stat()],
      ];
      await expectEachRejects(calls, ['EBADF'], 100);
      await expect(handle.close()).resolves.toBeUndefined();
    });

    it('close() again is a no-op', async () => {
      await expect(fs.close()).resolves.toBeUndefined();
    });
  });
}
