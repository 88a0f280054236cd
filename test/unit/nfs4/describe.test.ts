// describeNfs4 over hand-built RPC records: COMPOUND calls and replies, RPCSEC_GSS
// integrity and privacy bodies, NULL, and the malformed cases that must be DecodeError.
import { describe, expect, it } from 'vitest';
import { describeNfs4 } from '../../../src/nfs4/describe.js';
import { Op } from '../../../src/nfs4/constants.js';
import { encodeGetAttr, encodeAccess } from '../../../src/nfs4/ops/attr.js';
import { encodeGetFh, encodeLookup, encodePutRootFh } from '../../../src/nfs4/ops/fh.js';
import { encodeSequence } from '../../../src/nfs4/ops/client.js';
import { describeRpc } from '../../../src/rpc/describe.js';
import { writeCallHeader, writeReply, AcceptStat, ReplyStat, type OpaqueAuth } from '../../../src/rpc/message.js';
import { XdrWriter } from '../../../src/rpc/xdr.js';
import { DecodeError } from '../../../src/wire/errors.js';

const NONE: OpaqueAuth = { flavor: 0, body: Buffer.alloc(0) };

function gssCred(service: number): OpaqueAuth {
  // rpc_gss_cred_vers_1_t: version 1, gss_proc DATA, seq_num, service, handle.
  return { flavor: 6, body: new XdrWriter().uint(1).uint(0).uint(5).uint(service).opaque(Buffer.from('ctx')).finish() };
}

function call(body: (w: XdrWriter) => void, proc = 1, cred: OpaqueAuth = NONE): Buffer {
  const w = new XdrWriter();
  writeCallHeader(w, { xid: 0x1234, prog: 100003, vers: 4, proc, cred, verf: NONE });
  body(w);
  return w.finish();
}

function reply(body: (w: XdrWriter) => void, acceptStat: 0 | 1 = AcceptStat.SUCCESS): Buffer {
  const w = new XdrWriter();
  writeReply(w, { xid: 0x1234, replyStat: ReplyStat.MSG_ACCEPTED, verf: NONE, acceptStat });
  body(w);
  return w.finish();
}

function compoundArgs(w: XdrWriter): void {
  w.string('stat').uint(1).uint(5);
  encodeSequence(w, { sessionid: Buffer.alloc(16, 1), sequenceid: 1, slotid: 0, highestSlotid: 0, cacheThis: false });
  encodePutRootFh(w);
  encodeLookup(w, 'export');
  encodeGetFh(w);
  encodeGetAttr(w, [0x10, 0]);
}

function compoundRes(w: XdrWriter): void {
  // PUTROOTFH ok, LOOKUP fails with NFS4ERR_NOENT: the reply stops there.
  w.uint(2).string('stat').uint(2);
  w.uint(Op.PUTROOTFH).uint(0);
  w.uint(Op.LOOKUP).uint(2);
}

describe('describeNfs4', () => {
  it('a COMPOUND call: tag, minorversion and the operations in order', () => {
    expect(describeNfs4(describeRpc(call(compoundArgs)))).toEqual({
      minorversion: 1,
      ops: ['SEQUENCE', 'PUTROOTFH', 'LOOKUP', 'GETFH', 'GETATTR'],
      op_codes: [53, 24, 15, 10, 9],
      tag: 'stat',
    });
  });

  it('a COMPOUND reply: status, and the operations up to the failing one with their statuses', () => {
    expect(describeNfs4(describeRpc(reply(compoundRes)), { procedure: 1 })).toEqual({
      status: 2,
      ops: ['PUTROOTFH', 'LOOKUP'],
      op_codes: [24, 15],
      op_status: [0, 2],
      tag: 'stat',
    });
  });

  it('NULL, a reply whose call is not COMPOUND, and an unsuccessful RPC reply carry no nfs4 fields', () => {
    expect(describeNfs4(describeRpc(call(() => undefined, 0)))).toEqual({});
    expect(describeNfs4(describeRpc(reply(() => undefined)), { procedure: 0 })).toEqual({});
    expect(describeNfs4(describeRpc(reply(() => undefined)))).toEqual({});
    expect(describeNfs4(describeRpc(reply(() => undefined, AcceptStat.PROG_UNAVAIL)), { procedure: 1 })).toEqual({});
  });

  it('RPCSEC_GSS integrity: the COMPOUND inside databody_integ is decoded; privacy is not', () => {
    const inner = new XdrWriter().uint(77);
    compoundArgs(inner);
    const integ = call((w) => w.opaque(inner.finish()).opaque(Buffer.alloc(28, 9)), 1, gssCred(2));
    expect(describeNfs4(describeRpc(integ)).ops).toEqual(['SEQUENCE', 'PUTROOTFH', 'LOOKUP', 'GETFH', 'GETATTR']);
    const innerRes = new XdrWriter().uint(77);
    compoundRes(innerRes);
    const integReply = reply((w) => w.opaque(innerRes.finish()).opaque(Buffer.alloc(28, 9)));
    expect(describeNfs4(describeRpc(integReply), { procedure: 1, gssService: 2 }).op_status).toEqual([0, 2]);
    const priv = call((w) => w.opaque(Buffer.alloc(64, 3)), 1, gssCred(3));
    expect(describeNfs4(describeRpc(priv))).toEqual({});
  });

  it('an operation netfs cannot decode, bytes left over, a cut record and an absurd op count are DecodeError', () => {
    const unknown = call((w) => {
      w.string('').uint(0).uint(2);
      encodeAccess(w, 1);
      w.uint(9999);
    });
    expect(() => describeNfs4(describeRpc(unknown))).toThrow(DecodeError);
    const trailing = call((w) => {
      compoundArgs(w);
      w.uint(0);
    });
    expect(() => describeNfs4(describeRpc(trailing))).toThrow(/4 bytes after the COMPOUND/);
    const whole = call(compoundArgs);
    expect(() => describeNfs4(describeRpc(whole.subarray(0, whole.length - 4)))).toThrow(DecodeError);
    const huge = call((w) => w.string('').uint(0).uint(0x7fffffff));
    expect(() => describeNfs4(describeRpc(huge))).toThrow(DecodeError);
  });
});
