// How the SMB2 client fails against a real Samba: bad credentials, a missing share, no
// server, a server that dies or goes silent mid-transfer, a response whose signature was
// tampered with. Every failure must be a typed FsError, fast, and never a hang.
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type ConnectOptions } from '../../../src/connect.js';
import { FsError, ProtocolError } from '../../../src/errors.js';
import { Smb2FileSystem } from '../../../src/smb2/client.js';
import { createWriteStream, readFile, writeFile } from '../../../src/vfs/index.js';
import { samba } from '../../servers/env.js';
import { asClient } from '../../support/clients.js';
import { closedPort, TcpProxy, type ServerMessageHook } from '../../support/tcp-proxy.js';
import { everyCall, expectConnectFails, expectConnectTimesOut, expectEachRejects, expectSilenceTimesOut, rejection } from '../shared-failures.js';
import { connectTo, smbUrl } from './targets.js';

const MiB = 1024 * 1024;
/** Rounds of the mid-write kill. */
const ROUNDS = 40;

// MS-SMB2 2.2.1: where the fields the proxy looks at sit, counted from the start of a NetBIOS
// frame (4-byte length prefix, then the 64-byte SMB2 header).
const HDR = 4;
const PROTOCOL_ID = 0x424d53fe; // 0xFE 'S' 'M' 'B', little-endian
const COMMAND_OFFSET = HDR + 12;
const FLAGS_OFFSET = HDR + 16;
const SIGNATURE_OFFSET = HDR + 48;
const FLAG_SIGNED = 0x8;
const CMD_SESSION_SETUP = 0x0001;
const CMD_READ = 0x0008;
const CMD_WRITE = 0x0009;

/** The SMB2 command of a plain (not encrypted) message, or undefined for anything else. */
function command(frame: Buffer): number | undefined {
  if (frame.length < HDR + 64 || frame.readUInt32LE(HDR) !== PROTOCOL_ID) return undefined;
  return frame.readUInt16LE(COMMAND_OFFSET);
}

interface Settled {
  error: unknown;
  /** performance.now() when the promise settled. */
  at: number;
}

/** Waits for p and says how and when it settled; resolving is a test failure here. */
function settle(p: Promise<unknown>): Promise<Settled> {
  return p.then(
    () => ({ error: new Error('expected a rejection, but the operation succeeded'), at: performance.now() }),
    (error: unknown) => ({ error, at: performance.now() }),
  );
}

/** A URL to a share of the test Samba reached through a proxy. */
function proxiedUrl(proxy: TcpProxy, query: string): string {
  const s = samba();
  return `smb://${s.domain};${s.user}:${encodeURIComponent(s.password)}@${proxy.host}:${proxy.port}/${s.shares.plain.name}?${query}`;
}

async function connectVia(proxy: TcpProxy, query: string, options: ConnectOptions = {}): Promise<Smb2FileSystem> {
  return asClient(await connect(proxiedUrl(proxy, query), options), Smb2FileSystem);
}

/** Resolves once cond() holds, polling every few milliseconds; fails after a second. */
async function until(cond: () => boolean, what: string): Promise<void> {
  const t0 = performance.now();
  while (!cond()) {
    if (performance.now() - t0 > 1000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('SMB2 failures: logon, share, host, port', () => {
  it('a wrong password is EACCES from login, carrying STATUS_LOGON_FAILURE', async () => {
    const { error, ms } = await rejection(connectTo({ query: 'vers=3.1.1', password: 'not-the-password' }));
    expect(error.code).toBe('EACCES');
    expect(error.status).toBe('STATUS_LOGON_FAILURE');
    expect(error.statusCode).toBe(0xc000006d);
    expect(error.syscall).toBe('login');
    expect(ms).toBeLessThan(5000);
  });

  it('an unknown share is ENOENT and the message names the share', async () => {
    const s = samba();
    const url = smbUrl({ query: 'vers=3.1.1' }).replace(`/${s.shares.plain.name}?`, '/no-such-share?');
    const { error, ms } = await rejection(connect(url));
    expect(error.code).toBe('ENOENT');
    expect(error.status).toBe('STATUS_BAD_NETWORK_NAME');
    expect(error.message).toContain("'no-such-share'");
    expect(ms).toBeLessThan(5000);
  });

  it('an unknown host is EHOSTUNREACH and the message names host:port', async () => {
    await expectConnectFails('smb://tester:secret@nonexistent.invalid:4450/share', 'EHOSTUNREACH', 'nonexistent.invalid:4450');
  });

  it('a closed port is ECONNREFUSED and the message names host:port', async () => {
    const port = await closedPort();
    await expectConnectFails(`smb://tester:secret@127.0.0.1:${port}/share`, 'ECONNREFUSED', `127.0.0.1:${port}`);
  });
});

describe('SMB2 failures: the server dies or goes silent', () => {
  const hostDir = () => join(samba().shares.plain.path, `failures-${process.pid}`);
  const shareDir = `/failures-${process.pid}`;
  const bigSize = 64 * MiB;

  beforeAll(async () => {
    const s = samba();
    await fsp.mkdir(hostDir());
    await fsp.chown(hostDir(), s.uid, s.gid);
    await fsp.writeFile(join(hostDir(), 'big'), randomBytes(bigSize));
    await fsp.chown(join(hostDir(), 'big'), s.uid, s.gid);
  });

  afterAll(async () => {
    await fsp.rm(hostDir(), { recursive: true, force: true });
  });

  it('killed mid-read: the pending readFile and stat reject at once with ECONNRESET; later operations fail fast', async () => {
    const s = samba();
    // Once a few READ responses went through, hold everything the server sends: the read and
    // a stat issued after it are then surely waiting when the connections are killed.
    let reads = 0;
    let holding = false;
    const hook: ServerMessageHook = (frame) => {
      if (holding) return null;
      if (command(frame) === CMD_READ && ++reads === 4) holding = true;
      return holding ? null : frame;
    };
    const proxy = await TcpProxy.start({ target: { host: s.host, port: s.port }, fromServer: hook });
    try {
      // A long timeout: whatever rejects in well under a second cannot be a timeout.
      const fs = await connectVia(proxy, 'vers=3.1.1', { timeoutMs: 20_000 });
      const read = settle(readFile(fs, `${shareDir}/big`));
      await until(() => holding, 'four READ responses');
      const sentBefore = fs.messagesSent;
      const stat = settle(fs.stat(`${shareDir}/big`));
      await until(() => fs.messagesSent > sentBefore, 'the stat to be sent');
      await new Promise((r) => setTimeout(r, 50));

      const killedAt = performance.now();
      proxy.kill();
      const pending: [Settled, string][] = [
        [await read, 'read'],
        [await stat, 'stat'],
      ];
      for (const [r, syscall] of pending) {
        expect(r.error).toBeInstanceOf(FsError);
        const e = r.error as FsError;
        expect(e.code).toBe('ECONNRESET');
        // What failed is the operation on its path, on an established connection (DESIGN.md: the VFS contract).
        expect.soft({ syscall: e.syscall, path: e.path }).toEqual({ syscall, path: `${shareDir}/big` });
        expect(e.message).toContain(`${proxy.host}:${proxy.port}`);
        expect.soft(e.message).not.toMatch(/cannot connect/);
        expect(r.at - killedAt).toBeLessThan(1000);
      }

      // Called one at a time: each must return a promise that rejects, never throw.
      await expectEachRejects(everyCall(fs, shareDir, `${shareDir}/big`), ['ENOTCONN', 'ECONNRESET'], 500);
      const t0 = performance.now();
      await fs.close();
      expect(performance.now() - t0).toBeLessThan(1000);
    } finally {
      await proxy.close();
    }
  });

  it('killed mid-write: a streaming upload fails at once, in every one of many rounds', async () => {
    const s = samba();
    let writes = 0;
    let killAt = 0;
    let killedAt = 0;
    const proxy: TcpProxy = await TcpProxy.start({
      target: { host: s.host, port: s.port },
      fromServer: (frame) => {
        if (command(frame) === CMD_WRITE && ++writes === killAt) {
          killedAt = performance.now();
          proxy.kill();
          return null;
        }
        return frame;
      },
    });
    const chunk = randomBytes(MiB);
    async function* source(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 64; i++) yield chunk;
    }
    try {
      // The reset lands at a different point of the write pipeline each round. A request sent in
      // the instant the connection dies must fail with it, not wait for its timeout; that race
      // shows in only some rounds, hence many short ones.
      for (let round = 0; round < ROUNDS; round++) {
        writes = 0;
        killAt = 2 + (round % 8);
        killedAt = 0;
        const fs = await connectVia(proxy, 'vers=3.1.1', { timeoutMs: 5000 });
        const r = await settle(pipeline(Readable.from(source()), createWriteStream(fs, `${shareDir}/upload`)));
        expect(killedAt, `round ${round}`).toBeGreaterThan(0);
        expect(r.error, `round ${round}`).toBeInstanceOf(FsError);
        const e = r.error as FsError;
        // ENOTCONN when the stream's next write found the connection already gone.
        expect(['ECONNRESET', 'ENOTCONN'], `round ${round}`).toContain(e.code);
        expect(r.at - killedAt, `round ${round}: ${e.message}`).toBeLessThan(1000);
        if (round === 0) {
          expect.soft(e.path).toBe(`${shareDir}/upload`);
          expect.soft(e.message).not.toMatch(/cannot connect/);
        }
        const { error } = await rejection(writeFile(fs, `${shareDir}/after`, 'x'));
        expect(['ENOTCONN', 'ECONNRESET']).toContain(error.code);
        await fs.close();
      }
    } finally {
      await proxy.close();
    }
  });

  it('a server that accepts TCP but never answers: connect rejects with ETIMEDOUT after timeoutMs', async () => {
    expect(await expectConnectTimesOut(samba(), (proxy, timeoutMs) => connectVia(proxy, 'vers=3.1.1', { timeoutMs }))).toBe(1);
  });

  it('a server that goes silent mid-session: an operation rejects with ETIMEDOUT after timeoutMs', async () => {
    await expectSilenceTimesOut(
      samba(),
      (proxy, timeoutMs) => connectVia(proxy, 'vers=3.1.1', { timeoutMs }),
      async (fs) => expect((await fs.stat(`${shareDir}/big`)).size).toBe(bigSize),
      (fs) => fs.stat(`${shareDir}/big`),
    );
  });
});

describe('SMB2 failures: a tampered signature is rejected', () => {
  for (const vers of ['3.1.1', '3.0.2']) {
    describe(`dialect ${vers}, signing mandatory`, () => {
      let proxy: TcpProxy;
      let tamper = false;
      let tampered = 0;
      // Flips one byte of the signature of every signed response but SESSION_SETUP's.
      const hook: ServerMessageHook = (frame) => {
        const cmd = command(frame);
        if (tamper && cmd !== undefined && cmd !== CMD_SESSION_SETUP && frame.readUInt32LE(FLAGS_OFFSET) & FLAG_SIGNED) {
          frame[SIGNATURE_OFFSET + 5] ^= 0x01;
          tampered++;
        }
        return frame;
      };

      beforeAll(async () => {
        const s = samba();
        proxy = await TcpProxy.start({ target: { host: s.host, port: s.signedPort }, fromServer: hook });
      });
      afterAll(async () => {
        await proxy.close();
      });

      it('control: an untampered signed session through the proxy works', async () => {
        tamper = false;
        const fs = await connectVia(proxy, `vers=${vers}`);
        try {
          expect(fs.tree.session.signing).toBe(true);
          const dir = `/tamper-${vers}-${process.pid}`;
          await fs.mkdir(dir);
          await writeFile(fs, `${dir}/f`, 'signed payload');
          expect((await readFile(fs, `${dir}/f`)).toString()).toBe('signed payload');
          expect((await fs.readdir(dir)).map((e) => e.name)).toEqual(['f']);
          await fs.unlink(`${dir}/f`);
          await fs.rmdir(dir);
        } finally {
          await fs.close();
        }
      });

      it('a response with a flipped signature byte rejects the pending operation with EPROTO', async () => {
        tamper = false;
        const fs = await connectVia(proxy, `vers=${vers}`, { timeoutMs: 20_000 });
        try {
          expect((await fs.stat('/')).type).toBe('directory');
          tamper = true;
          tampered = 0;
          for (const op of [fs.stat('/'), fs.readdir('/')]) {
            const { error, ms } = await rejection(op);
            expect(error).toBeInstanceOf(ProtocolError);
            expect(error.code).toBe('EPROTO');
            expect(error.message).toMatch(/signature/i);
            expect(ms).toBeLessThan(2000);
          }
          expect(tampered).toBeGreaterThanOrEqual(2);
        } finally {
          tamper = false;
          await fs.close();
        }
      });

      it('a tampered TREE_CONNECT response makes connect reject with EPROTO', async () => {
        tamper = true;
        tampered = 0;
        try {
          const { error, ms } = await rejection(connectVia(proxy, `vers=${vers}`, { timeoutMs: 20_000 }));
          expect(error).toBeInstanceOf(ProtocolError);
          expect(error.code).toBe('EPROTO');
          expect(error.message).toMatch(/signature/i);
          expect(error.message).toContain('TREE_CONNECT');
          expect(ms).toBeLessThan(5000);
          expect(tampered).toBeGreaterThanOrEqual(1);
        } finally {
          tamper = false;
        }
      });
    });
  }
});
