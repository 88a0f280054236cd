// RpcClient over a real TCP loop to the in-process server of rpc-server.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH_NONE, encodeAuthSys } from '../../../src/rpc/auth.js';
import { RpcClient, type RpcClientOptions } from '../../../src/rpc/client.js';
import { RpcReplyError } from '../../../src/rpc/errors.js';
import { AcceptStat, AuthStat, RejectStat, ReplyStat, type CallHeader } from '../../../src/rpc/message.js';
import { decodeAuthSys } from '../../../src/rpc/auth.js';
import { XdrReader } from '../../../src/rpc/xdr.js';
import { FsError, ProtocolError } from '../../../src/errors.js';
import { tcpConnector } from '../../../src/transport/connector.js';
import { seededEntropy, type Entropy } from '../../../src/transport/entropy.js';
import { TestRpcServer, type ServerCall } from './rpc-server.js';

const PROG = 400123;
const VERS = 2;
const CRED = encodeAuthSys({ stamp: 1, machineName: 'netfs-test', uid: 1000, gid: 1000, gids: [4, 24] });

const servers: TestRpcServer[] = [];
const clients: RpcClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  for (const s of servers.splice(0)) await s.close();
});

async function setup(handler: (call: ServerCall) => void, opts: Partial<RpcClientOptions> = {}): Promise<{ srv: TestRpcServer; client: RpcClient }> {
  const srv = await TestRpcServer.start(handler);
  servers.push(srv);
  const client = await RpcClient.open(tcpConnector, { host: '127.0.0.1', port: srv.port, timeoutMs: 5000, entropy: seededEntropy('rpc-client'), ...opts });
  clients.push(client);
  return { srv, client };
}

/** Procedure 1 doubles its argument; the rest are left to each test. */
function doubler(call: ServerCall): void {
  if (call.call.proc === 1) {
    const v = call.args.uint();
    call.succeed((w) => w.uint(v * 2));
  }
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

describe('RpcClient', () => {
  it('calls a procedure with AUTH_SYS and reads its results', async () => {
    const { srv, client } = await setup(doubler);
    const r = await client.call(PROG, VERS, 1, CRED, (w) => w.uint(21));
    expect(new XdrReader(r).uint()).toBe(42);
    expect(r.remaining).toBe(0);
    const seen: CallHeader = srv.calls[0].call;
    expect(seen).toMatchObject({ rpcvers: 2, prog: PROG, vers: VERS, proc: 1 });
    expect(decodeAuthSys(seen.cred.body)).toEqual({ stamp: 1, machineName: 'netfs-test', uid: 1000, gid: 1000, gids: [4, 24] });
    expect(seen.verf.flavor).toBe(0);
    expect(client.messagesSent).toBe(1);
    expect(client.messagesReceived).toBe(1);
  });

  it('takes xids from the entropy source, counting up and wrapping at 2^32', async () => {
    const expected = seededEntropy('rpc-client').randomBytes(4).readUInt32BE(0);
    const { srv, client } = await setup(doubler);
    for (let i = 0; i < 3; i++) await client.call(PROG, VERS, 1, CRED, (w) => w.uint(i));
    expect(srv.calls.map((c) => c.call.xid)).toEqual([expected, (expected + 1) >>> 0, (expected + 2) >>> 0]);

    const top: Entropy = { randomBytes: (n) => Buffer.alloc(n, 0xff), nowNs: () => 0n };
    const other = await RpcClient.open(tcpConnector, { host: '127.0.0.1', port: srv.port, timeoutMs: 5000, entropy: top });
    clients.push(other);
    await other.call(PROG, VERS, 1, CRED, (w) => w.uint(1));
    await other.call(PROG, VERS, 1, CRED, (w) => w.uint(2));
    expect(srv.calls.slice(3).map((c) => c.call.xid)).toEqual([0xffffffff, 0]);
  });

  it('keeps many calls in flight and matches replies answered out of order', async () => {
    const N = 64;
    const { srv, client } = await setup(() => undefined);
    const results = Array.from({ length: N }, (_, i) => client.call(PROG, VERS, 1, CRED, (w) => w.uint(i)));
    await srv.waitForCalls(N);
    expect(client.pending).toBe(N);
    expect(client.messagesSent).toBe(N);
    // Answer in a shuffled order: odd ones backwards, then even ones forwards.
    const order = [...srv.calls.filter((_, i) => i % 2 === 1).reverse(), ...srv.calls.filter((_, i) => i % 2 === 0)];
    for (const c of order) {
      const v = c.args.uint();
      c.succeed((w) => w.uint(v * 2));
    }
    const got = await Promise.all(results);
    expect(got.map((r) => new XdrReader(r).uint())).toEqual(Array.from({ length: N }, (_, i) => i * 2));
    expect(client.pending).toBe(0);
  });

  it('times a call out, drops its late reply and carries on', async () => {
    const { srv, client } = await setup(doubler);
    const started = Date.now();
    const err = await rejection(client.call(PROG, VERS, 7, CRED, () => undefined, { timeoutMs: 150, what: 'TEST SLOW' }));
    expect(err).toBeInstanceOf(FsError);
    expect(err).toMatchObject({ code: 'ETIMEDOUT', message: 'ETIMEDOUT: TEST SLOW: no reply within 150 ms' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(client.pending).toBe(0);
    srv.calls[0].succeed((w) => w.uint(99)); // the late reply
    const r = await client.call(PROG, VERS, 1, CRED, (w) => w.uint(5));
    expect(new XdrReader(r).uint()).toBe(10);
    expect(client.messagesReceived).toBe(2);
    expect(client.alive).toBe(true);
  });

  it('uses the default timeout when a call names none', async () => {
    const { client } = await setup(() => undefined, { timeoutMs: 100 });
    const err = await rejection(client.call(PROG, VERS, 7, CRED, () => undefined));
    expect(err).toMatchObject({ code: 'ETIMEDOUT', detail: `RPC program ${PROG} version ${VERS} procedure 7: no reply within 100 ms` });
  });

  it('aborts a call in flight, and refuses one already aborted without sending it', async () => {
    const { srv, client } = await setup(doubler);
    const ac = new AbortController();
    const p = client.call(PROG, VERS, 7, CRED, () => undefined, { signal: ac.signal, what: 'TEST WAIT' });
    await srv.waitForCalls(1);
    ac.abort(new Error('user gave up'));
    const err = await rejection(p);
    expect(err).toMatchObject({ code: 'ECANCELED', detail: 'TEST WAIT: aborted' });
    expect((err as FsError).cause).toMatchObject({ message: 'user gave up' });
    expect(client.pending).toBe(0);
    const sent = client.messagesSent;
    const again = await rejection(client.call(PROG, VERS, 1, CRED, (w) => w.uint(1), { signal: ac.signal }));
    expect(again).toMatchObject({ code: 'ECANCELED' });
    expect(client.messagesSent).toBe(sent);
    expect(new XdrReader(await client.call(PROG, VERS, 1, CRED, (w) => w.uint(4))).uint()).toBe(8);
  });

  describe('turns each failed reply into an error that says what happened', () => {
    const cases: Array<{ name: string; answer: (c: ServerCall) => void; code: string; status: string; statusCode: number; detail: string }> = [
      {
        name: 'PROG_UNAVAIL',
        answer: (c) => c.reply({ replyStat: ReplyStat.MSG_ACCEPTED, verf: AUTH_NONE, acceptStat: AcceptStat.PROG_UNAVAIL }),
        code: 'EPROTONOSUPPORT',
        status: 'PROG_UNAVAIL',
        statusCode: 1,
        detail: `program ${PROG} not available on 127.0.0.1:PORT`,
      },
      {
        name: 'PROG_MISMATCH',
        answer: (c) => c.reply({ replyStat: ReplyStat.MSG_ACCEPTED, verf: AUTH_NONE, acceptStat: AcceptStat.PROG_MISMATCH, low: 3, high: 4 }),
        code: 'EPROTONOSUPPORT',
        status: 'PROG_MISMATCH',
        statusCode: 2,
        detail: `program ${PROG} version ${VERS} not supported by 127.0.0.1:PORT (it supports versions 3 to 4)`,
      },
      {
        name: 'PROC_UNAVAIL',
        answer: (c) => c.reply({ replyStat: ReplyStat.MSG_ACCEPTED, verf: AUTH_NONE, acceptStat: AcceptStat.PROC_UNAVAIL }),
        code: 'EOPNOTSUPP',
        status: 'PROC_UNAVAIL',
        statusCode: 3,
        detail: `procedure 5 of program ${PROG} version ${VERS} not available on 127.0.0.1:PORT`,
      },
      {
        name: 'GARBAGE_ARGS',
        answer: (c) => c.reply({ replyStat: ReplyStat.MSG_ACCEPTED, verf: AUTH_NONE, acceptStat: AcceptStat.GARBAGE_ARGS }),
        code: 'EIO',
        status: 'GARBAGE_ARGS',
        statusCode: 4,
        detail: `127.0.0.1:PORT could not decode the arguments of procedure 5 of program ${PROG} version ${VERS}`,
      },
      {
        name: 'SYSTEM_ERR',
        answer: (c) => c.reply({ replyStat: ReplyStat.MSG_ACCEPTED, verf: AUTH_NONE, acceptStat: AcceptStat.SYSTEM_ERR }),
        code: 'EIO',
        status: 'SYSTEM_ERR',
        statusCode: 5,
        detail: `127.0.0.1:PORT failed procedure 5 of program ${PROG} version ${VERS} with a system error`,
      },
      {
        name: 'RPC_MISMATCH',
        answer: (c) => c.reply({ replyStat: ReplyStat.MSG_DENIED, rejectStat: RejectStat.RPC_MISMATCH, low: 3, high: 3 }),
        code: 'EPROTONOSUPPORT',
        status: 'RPC_MISMATCH',
        statusCode: 0,
        detail: 'RPC version 2 not supported by 127.0.0.1:PORT (it supports 3 to 3)',
      },
      {
        name: 'AUTH_ERROR',
        answer: (c) => c.reply({ replyStat: ReplyStat.MSG_DENIED, rejectStat: RejectStat.AUTH_ERROR, authStat: AuthStat.AUTH_TOOWEAK }),
        code: 'EACCES',
        status: 'AUTH_TOOWEAK',
        statusCode: 5,
        detail: `127.0.0.1:PORT rejected the credentials of program ${PROG} version ${VERS}: AUTH_TOOWEAK, rejected for security reasons (the server wants a stronger flavor)`,
      },
    ];
    for (const k of cases) {
      it(k.name, async () => {
        const { srv, client } = await setup((c) => (c.call.proc === 5 ? k.answer(c) : doubler(c)));
        const err = await rejection(client.call(PROG, VERS, 5, CRED, () => undefined));
        expect(err).toBeInstanceOf(RpcReplyError);
        expect(err).toMatchObject({ code: k.code, protocol: 'rpc', status: k.status, statusCode: k.statusCode, detail: k.detail.replace('PORT', String(srv.port)) });
        expect((err as RpcReplyError).withContext({ syscall: 'mount', path: '/export' })).toBeInstanceOf(RpcReplyError);
        expect(new XdrReader(await client.call(PROG, VERS, 1, CRED, (w) => w.uint(3))).uint()).toBe(6);
      });
    }

    it('keeps the versions a PROG_MISMATCH reply offers', async () => {
      const { client } = await setup((c) => c.reply({ replyStat: ReplyStat.MSG_ACCEPTED, verf: AUTH_NONE, acceptStat: AcceptStat.PROG_MISMATCH, low: 3, high: 4 }));
      const err = (await rejection(client.call(PROG, VERS, 0, AUTH_NONE, () => undefined))) as RpcReplyError;
      expect(err.reply).toMatchObject({ acceptStat: AcceptStat.PROG_MISMATCH, low: 3, high: 4 });
    });
  });

  it('fails every pending call at once when the connection is killed mid-call', async () => {
    const { srv, client } = await setup(() => undefined);
    const calls = Array.from({ length: 5 }, (_, i) => rejection(client.call(PROG, VERS, 7, CRED, (w) => w.uint(i))));
    await srv.waitForCalls(5);
    srv.connections[0].socket.destroy();
    const errs = await Promise.all(calls);
    expect(errs[0]).toBeInstanceOf(FsError);
    expect(errs[0]).toMatchObject({ code: 'ECONNRESET' });
    expect((errs[0] as FsError).detail).toMatch(new RegExp(`^connection to 127\\.0\\.0\\.1:${srv.port} lost`));
    for (const e of errs) expect(e).toBe(errs[0]);
    expect(client.alive).toBe(false);
    expect(await rejection(client.call(PROG, VERS, 1, CRED, (w) => w.uint(1)))).toBe(errs[0]);
  });

  it('fails pending calls with ENOTCONN when closed', async () => {
    const { srv, client } = await setup(() => undefined);
    const p = rejection(client.call(PROG, VERS, 7, CRED, () => undefined));
    await srv.waitForCalls(1);
    await client.close();
    expect(await p).toMatchObject({ code: 'ENOTCONN' });
  });

  it('sends and receives records in many fragments', async () => {
    const big = Buffer.from(Array.from({ length: 1000 }, (_, i) => i & 0xff));
    const { srv, client } = await setup(
      (c) => {
        const data = c.args.opaque();
        c.succeed((w) => w.opaque(Buffer.from(data).reverse()));
      },
      { maxFragment: 16 },
    );
    srv.maxFragment = 10;
    const r = await client.call(PROG, VERS, 2, CRED, (w) => w.opaqueRef(big));
    expect(new XdrReader(r).opaque().equals(Buffer.from(big).reverse())).toBe(true);
    const record = 24 + (8 + CRED.body.length) + 8 + (4 + 1000); // call header, cred, verf, opaque<> argument
    expect(srv.connections[0].bytesIn).toBe(record + 4 * Math.ceil(record / 16));
  });

  it('cuts fragments at whole XDR units, as nfs-ganesha needs', async () => {
    const { srv, client } = await setup((c) => c.succeed((w) => w.uint(c.args.uint())), { maxFragment: 7 });
    expect(new XdrReader(await client.call(PROG, VERS, 2, CRED, (w) => w.uint(5))).uint()).toBe(5);
    const record = 24 + (8 + CRED.body.length) + 8 + 4;
    expect(srv.connections[0].bytesIn).toBe(record + 4 * (record / 4));
  });

  it('fails only the call whose reply is malformed', async () => {
    const { srv, client } = await setup(doubler);
    const bad = client.call(PROG, VERS, 8, CRED, () => undefined);
    await srv.waitForCalls(1);
    const xid = srv.calls[0].call.xid;
    const raw = Buffer.alloc(24);
    raw.writeUInt32BE(xid, 0);
    raw.writeUInt32BE(1, 4); // REPLY
    raw.writeUInt32BE(0, 8); // MSG_ACCEPTED
    raw.writeUInt32BE(0, 12); // verf AUTH_NONE
    raw.writeUInt32BE(0, 16);
    raw.writeUInt32BE(9, 20); // accept_stat 9
    srv.calls[0].conn.send(raw);
    const err = await rejection(bad);
    expect(err).toBeInstanceOf(ProtocolError);
    expect(err).toMatchObject({ code: 'EPROTO', offset: 20 });
    expect((err as Error).message).toContain('accept_stat 9 is not a defined value');
    expect(new XdrReader(await client.call(PROG, VERS, 1, CRED, (w) => w.uint(8))).uint()).toBe(16);
  });

  it('kills the connection when a record exceeds maxRecord', async () => {
    const { client } = await setup((c) => c.succeed((w) => w.opaque(Buffer.alloc(200))), { maxRecord: 100 });
    const err = await rejection(client.call(PROG, VERS, 1, CRED, (w) => w.uint(1)));
    expect(err).toBeInstanceOf(ProtocolError);
    expect((err as Error).message).toMatch(/bad RPC record from 127\.0\.0\.1:\d+: RPC record of at least 228 bytes exceeds the limit of 100/);
    expect(client.alive).toBe(false);
  });

  it('returns the verifier and hands the record back with callWithReply', async () => {
    const verf = { flavor: 1, body: Buffer.from('abcd') };
    const { client } = await setup((c) => c.reply({ replyStat: ReplyStat.MSG_ACCEPTED, verf, acceptStat: AcceptStat.SUCCESS }, (w) => w.uint(77)));
    const r = await client.callWithReply(PROG, VERS, 3, CRED, () => undefined);
    expect(r.verf).toEqual(verf);
    expect(new XdrReader(r.results).uint()).toBe(77);
    r.release();
  });

  it('hands calls from the server to onCall and sends its replies back', async () => {
    const seen: Array<{ call: CallHeader; arg: number }> = [];
    const box: { client?: RpcClient } = {};
    const { srv, client } = await setup(doubler, {
      onCall: (call, args) => {
        const arg = args.uint();
        seen.push({ call, arg });
        box.client?.sendReply({ xid: call.xid, replyStat: ReplyStat.MSG_ACCEPTED, verf: AUTH_NONE, acceptStat: AcceptStat.SUCCESS }, (w) => w.uint(arg + 1));
      },
    });
    box.client = client;
    await client.call(PROG, VERS, 1, CRED, (w) => w.uint(1)); // the server now knows the connection
    const replied = srv.nextReply();
    srv.connections[0].callClient(0x40000001, 0x40000000, 1, 0, AUTH_NONE, (w) => w.uint(41));
    await replied;
    expect(seen).toMatchObject([{ call: { xid: 0x40000001, prog: 0x40000000, vers: 1, proc: 0 }, arg: 41 }]);
    expect(srv.connections[0].replies.map((r) => [r.xid, r.reply.replyStat, r.results.readUInt32BE(0)])).toEqual([[0x40000001, ReplyStat.MSG_ACCEPTED, 42]]);
  });

  it('answers a server call PROG_UNAVAIL without a handler, GARBAGE_ARGS or SYSTEM_ERR when the handler throws', async () => {
    const { srv, client } = await setup(doubler, {
      onCall: (call, args) => {
        if (call.proc === 1) args.uint(); // no arguments were sent: DecodeError
        throw new Error('handler bug');
      },
    });
    await client.call(PROG, VERS, 1, CRED, (w) => w.uint(1));
    const conn = srv.connections[0];
    for (const proc of [1, 2]) {
      const replied = srv.nextReply();
      conn.callClient(0x50 + proc, 0x40000000, 1, proc, AUTH_NONE, () => undefined);
      await replied;
    }
    const bare = await setup(doubler);
    await bare.client.call(PROG, VERS, 1, CRED, (w) => w.uint(1));
    const replied = bare.srv.nextReply();
    bare.srv.connections[0].callClient(0x60, 0x40000000, 1, 0, AUTH_NONE, () => undefined);
    await replied;
    const accepted = (acceptStat: number) => ({ replyStat: ReplyStat.MSG_ACCEPTED, verf: { flavor: 0, body: Buffer.alloc(0) }, acceptStat });
    expect(conn.replies.map((r) => r.reply)).toEqual([
      { xid: 0x51, ...accepted(AcceptStat.GARBAGE_ARGS) },
      { xid: 0x52, ...accepted(AcceptStat.SYSTEM_ERR) },
    ]);
    expect(bare.srv.connections[0].replies.map((r) => r.reply)).toEqual([{ xid: 0x60, ...accepted(AcceptStat.PROG_UNAVAIL) }]);
    expect(client.alive && bare.client.alive).toBe(true);
  });

  it('reports a refused connection from open()', async () => {
    const srv = await TestRpcServer.start(() => undefined);
    const port = srv.port;
    await srv.close();
    const err = await rejection(RpcClient.open(tcpConnector, { host: '127.0.0.1', port, timeoutMs: 2000, entropy: seededEntropy('x') }));
    expect(err).toMatchObject({ code: 'ECONNREFUSED' });
  });
});
