import { describe, expect, it } from 'vitest';
import { AUTH_NONE, decodeAuthSys, encodeAuthSys } from '../../../src/rpc/auth.js';
import { describeRpc } from '../../../src/rpc/describe.js';
import { AcceptStat, AuthFlavor, AuthStat, readRpcMessage, RejectStat, ReplyStat, rpcName, writeCallHeader, writeReply, type RpcReply } from '../../../src/rpc/message.js';
import { XdrWriter } from '../../../src/rpc/xdr.js';
import { DecodeError } from '../../../src/wire/errors.js';
import { ascii, bytes, thrown } from './golden.js';

const CRED = encodeAuthSys({ stamp: 0x65000000, machineName: 'client', uid: 1000, gid: 100, gids: [100, 27] });

/** RFC 5531 section 9 rpc_msg CALL, NFSv4 COMPOUND with AUTH_SYS (appendix A), then 8 bytes of arguments. */
const CALL = bytes(
  '2a2b2c2d', // xid
  '00000000', // msg_type CALL
  '00000002', // rpcvers
  '000186a3', // prog 100003
  '00000004', // vers
  '00000001', // proc
  '00000001', // cred.flavor AUTH_SYS
  '00000024', // cred.body length 36
  '65000000', //   stamp
  '00000006', ascii('client'), '0000', //   machinename<255> + padding
  '000003e8', //   uid 1000
  '00000064', //   gid 100
  '00000002', '00000064', '0000001b', //   gids<16>: 100, 27
  '00000000', // verf.flavor AUTH_NONE
  '00000000', // verf.body length 0
  'a1a2a3a4', 'b1b2b3b4', // arguments
);

const NONE_VERF = ['00000000', '00000000']; // verf AUTH_NONE, empty body

/** Each kind of reply (RFC 5531 section 9), with the reply it decodes to. */
const REPLIES: Array<{ name: string; wire: Buffer; reply: RpcReply; fields: Record<string, number> }> = [
  {
    name: 'MSG_ACCEPTED SUCCESS with results',
    wire: bytes('2a2b2c2d', '00000001', '00000000', ...NONE_VERF, '00000000', 'c1c2c3c4'), // xid, REPLY, MSG_ACCEPTED, verf, SUCCESS, results
    reply: { xid: 0x2a2b2c2d, replyStat: ReplyStat.MSG_ACCEPTED, verf: AUTH_NONE, acceptStat: AcceptStat.SUCCESS },
    fields: { reply_stat: 0, accept_stat: 0 },
  },
  {
    name: 'MSG_ACCEPTED PROG_UNAVAIL',
    wire: bytes('00000007', '00000001', '00000000', ...NONE_VERF, '00000001'),
    reply: { xid: 7, replyStat: ReplyStat.MSG_ACCEPTED, verf: AUTH_NONE, acceptStat: AcceptStat.PROG_UNAVAIL },
    fields: { reply_stat: 0, accept_stat: 1 },
  },
  {
    name: 'MSG_ACCEPTED PROG_MISMATCH 2..3',
    wire: bytes('00000007', '00000001', '00000000', ...NONE_VERF, '00000002', '00000002', '00000003'), // ..., low, high
    reply: { xid: 7, replyStat: ReplyStat.MSG_ACCEPTED, verf: AUTH_NONE, acceptStat: AcceptStat.PROG_MISMATCH, low: 2, high: 3 },
    fields: { reply_stat: 0, accept_stat: 2 },
  },
  {
    name: 'MSG_ACCEPTED PROC_UNAVAIL',
    wire: bytes('00000007', '00000001', '00000000', ...NONE_VERF, '00000003'),
    reply: { xid: 7, replyStat: ReplyStat.MSG_ACCEPTED, verf: AUTH_NONE, acceptStat: AcceptStat.PROC_UNAVAIL },
    fields: { reply_stat: 0, accept_stat: 3 },
  },
  {
    name: 'MSG_ACCEPTED GARBAGE_ARGS',
    wire: bytes('00000007', '00000001', '00000000', ...NONE_VERF, '00000004'),
    reply: { xid: 7, replyStat: ReplyStat.MSG_ACCEPTED, verf: AUTH_NONE, acceptStat: AcceptStat.GARBAGE_ARGS },
    fields: { reply_stat: 0, accept_stat: 4 },
  },
  {
    name: 'MSG_ACCEPTED SYSTEM_ERR',
    wire: bytes('00000007', '00000001', '00000000', ...NONE_VERF, '00000005'),
    reply: { xid: 7, replyStat: ReplyStat.MSG_ACCEPTED, verf: AUTH_NONE, acceptStat: AcceptStat.SYSTEM_ERR },
    fields: { reply_stat: 0, accept_stat: 5 },
  },
  {
    name: 'MSG_DENIED RPC_MISMATCH 2..2',
    wire: bytes('00000007', '00000001', '00000001', '00000000', '00000002', '00000002'), // xid, REPLY, MSG_DENIED, RPC_MISMATCH, low, high
    reply: { xid: 7, replyStat: ReplyStat.MSG_DENIED, rejectStat: RejectStat.RPC_MISMATCH, low: 2, high: 2 },
    fields: { reply_stat: 1, reject_stat: 0 },
  },
  {
    name: 'MSG_DENIED AUTH_ERROR AUTH_TOOWEAK',
    wire: bytes('00000007', '00000001', '00000001', '00000001', '00000005'), // xid, REPLY, MSG_DENIED, AUTH_ERROR, auth_stat
    reply: { xid: 7, replyStat: ReplyStat.MSG_DENIED, rejectStat: RejectStat.AUTH_ERROR, authStat: AuthStat.AUTH_TOOWEAK },
    fields: { reply_stat: 1, reject_stat: 1 },
  },
];

describe('rpc_msg CALL (RFC 5531 section 9)', () => {
  it('encodes the call header with an AUTH_SYS credential (golden bytes)', () => {
    const w = new XdrWriter();
    writeCallHeader(w, { xid: 0x2a2b2c2d, prog: 100003, vers: 4, proc: 1, cred: CRED, verf: AUTH_NONE });
    w.uint(0xa1a2a3a4).uint(0xb1b2b3b4);
    expect(w.finish().toString('hex')).toBe(CALL.toString('hex'));
  });

  it('decodes it back, leaving the body at the arguments', () => {
    const m = readRpcMessage(CALL);
    expect(m.msg).toBe('call');
    if (m.msg !== 'call') return;
    expect(m.call).toMatchObject({ xid: 0x2a2b2c2d, rpcvers: 2, prog: 100003, vers: 4, proc: 1 });
    expect(m.call.cred.flavor).toBe(AuthFlavor.AUTH_SYS);
    expect(decodeAuthSys(m.call.cred.body)).toEqual({ stamp: 0x65000000, machineName: 'client', uid: 1000, gid: 100, gids: [100, 27] });
    expect(m.call.verf).toEqual({ flavor: 0, body: Buffer.alloc(0) });
    expect(m.body.uint()).toBe(0xa1a2a3a4);
    expect(m.body.remaining).toBe(4);
  });

  it('is described with the schema fields and a reader over the arguments', () => {
    const d = describeRpc(CALL);
    expect(d.fields).toEqual({ xid: '0x2a2b2c2d', msg: 'call', program: 100003, version: 4, procedure: 1, auth: 1 });
    expect(d.body.pos).toBe(0);
    expect(d.body.rest().toString('hex')).toBe('a1a2a3a4b1b2b3b4');
  });

  it('fails every truncation of the header with DecodeError', () => {
    const header = CALL.length - 8;
    for (let cut = 0; cut < header; cut++) expect(thrown(() => readRpcMessage(CALL.subarray(0, cut))), `cut at ${cut}`).toBeInstanceOf(DecodeError);
    expect(readRpcMessage(CALL.subarray(0, header)).body.remaining).toBe(0);
  });

  it('rejects an unknown msg_type and an opaque_auth body over 400 bytes', () => {
    const bad = Buffer.from(CALL);
    bad.writeUInt32BE(2, 4);
    expect(thrown(() => readRpcMessage(bad))).toMatchObject({ name: 'DecodeError', message: 'msg_type 2 is not a defined value (at offset 4)' });
    const long = Buffer.from(CALL);
    long.writeUInt32BE(401, 28);
    expect(thrown(() => readRpcMessage(long))).toMatchObject({ name: 'DecodeError', offset: 28 });
  });

  it('refuses to encode an opaque_auth body over 400 bytes', () => {
    expect(() => writeCallHeader(new XdrWriter(), { xid: 1, prog: 1, vers: 1, proc: 0, cred: { flavor: 1, body: Buffer.alloc(401) }, verf: AUTH_NONE })).toThrow(RangeError);
  });
});

describe('rpc_msg REPLY (RFC 5531 section 9)', () => {
  for (const { name, wire, reply, fields } of REPLIES) {
    it(`${name}: golden bytes both ways, and described`, () => {
      const w = new XdrWriter();
      writeReply(w, reply);
      const header = w.finish();
      expect(wire.subarray(0, header.length).toString('hex')).toBe(header.toString('hex'));
      const m = readRpcMessage(wire);
      expect(m.msg).toBe('reply');
      if (m.msg !== 'reply') return;
      expect(m.reply).toEqual(reply);
      expect(m.body.remaining).toBe(wire.length - header.length);
      const d = describeRpc(wire);
      expect(d.fields).toEqual({ xid: `0x${reply.xid.toString(16).padStart(8, '0')}`, msg: 'reply', ...fields });
      for (let cut = 0; cut < header.length; cut++) expect(thrown(() => readRpcMessage(wire.subarray(0, cut))), `cut at ${cut}`).toBeInstanceOf(DecodeError);
    });
  }

  it('rejects reply_stat, accept_stat, reject_stat and auth_stat values RFC 5531 does not define', () => {
    const at = (wire: Buffer, offset: number, v: number) => {
      const b = Buffer.from(wire);
      b.writeUInt32BE(v, offset);
      return thrown(() => readRpcMessage(b));
    };
    expect(at(REPLIES[1].wire, 8, 2)).toMatchObject({ message: 'reply_stat 2 is not a defined value (at offset 8)' });
    expect(at(REPLIES[1].wire, 20, 6)).toMatchObject({ message: 'accept_stat 6 is not a defined value (at offset 20)' });
    expect(at(REPLIES[6].wire, 12, 2)).toMatchObject({ message: 'reject_stat 2 is not a defined value (at offset 12)' });
    expect(at(REPLIES[7].wire, 16, 15)).toMatchObject({ message: 'auth_stat 15 is not a defined value (at offset 16)' });
  });

  it('names the values of every table', () => {
    expect(rpcName(AcceptStat, 2)).toBe('PROG_MISMATCH');
    expect(rpcName(AuthStat, 14)).toBe('RPCSEC_GSS_CTXPROBLEM');
    expect(rpcName(AuthFlavor, 6)).toBe('RPCSEC_GSS');
    expect(rpcName(RejectStat, 9)).toBe('9');
  });
});
