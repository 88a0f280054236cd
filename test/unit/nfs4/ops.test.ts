// Every encoder's bytes read back through the decoder of its operation (OP_CODECS), to the
// last byte; and result decoders over hand-built results, including the error arms.
import { describe, expect, it } from 'vitest';
import { XdrReader, XdrWriter } from '../../../src/rpc/xdr.js';
import { Op, opName, cbOpName } from '../../../src/nfs4/constants.js';
import { OP_CODECS } from '../../../src/nfs4/ops/index.js';
import { encodeAccess, encodeGetAttr, encodeSetAttr } from '../../../src/nfs4/ops/attr.js';
import {
  encodeCreateSession,
  encodeDestroyClientId,
  encodeDestroySession,
  encodeExchangeId,
  encodeReclaimComplete,
  encodeRenew,
  encodeSequence,
  encodeSetClientId,
  encodeSetClientIdConfirm,
} from '../../../src/nfs4/ops/client.js';
import { encodeCreate, encodeLink, encodeReadDir, encodeReadLink, encodeRemove, encodeRename, FType } from '../../../src/nfs4/ops/dir.js';
import { encodeGetFh, encodeLookup, encodePutFh, encodePutRootFh, encodeRestoreFh, encodeSaveFh } from '../../../src/nfs4/ops/fh.js';
import { encodeCommit, encodeRead, encodeWrite, StableHow } from '../../../src/nfs4/ops/io.js';
import { encodeLock, encodeLockT, encodeLockU, LockType } from '../../../src/nfs4/ops/lock.js';
import { encodeClose, encodeOpen, encodeOpenConfirm } from '../../../src/nfs4/ops/open.js';
import { DecodeError } from '../../../src/wire/errors.js';

const stateid = { seqid: 7, other: Buffer.from('0123456789ab') };
const owner = { clientid: 0x1122334455667788n, owner: Buffer.from('open-owner-1') };
const attrs = { mask: [0x10, 0x2], vals: Buffer.from([0, 0, 1, 0xa4, 0, 0, 0, 1]) };
const verf = Buffer.from('verifier');
const sessionid = Buffer.alloc(16, 0x5a);
const chan = { headerPadSize: 0, maxRequestSize: 1049620, maxResponseSize: 1049480, maxResponseSizeCached: 7584, maxOperations: 8, maxRequests: 64 };

/** Decodes one encoded op's arguments: [op number, decoded args], all bytes read. */
function roundTrip(encode: (w: XdrWriter) => void): [number, unknown] {
  const w = new XdrWriter();
  encode(w);
  const x = new XdrReader(w.finish());
  const op = x.uint();
  const codec = OP_CODECS.get(op);
  if (!codec) throw new Error(`no codec for ${op}`);
  const args = codec.args(x);
  expect(x.remaining, `${opName(op)}: bytes left`).toBe(0);
  return [op, args];
}

describe('NFSv4 operation encoders read back by the decoders', () => {
  it.each<[string, (w: XdrWriter) => void, number, unknown]>([
    ['PUTFH', (w) => encodePutFh(w, Buffer.from('fh-bytes')), Op.PUTFH, { object: Buffer.from('fh-bytes') }],
    ['PUTROOTFH', encodePutRootFh, Op.PUTROOTFH, undefined],
    ['GETFH', encodeGetFh, Op.GETFH, undefined],
    ['SAVEFH', encodeSaveFh, Op.SAVEFH, undefined],
    ['RESTOREFH', encodeRestoreFh, Op.RESTOREFH, undefined],
    ['LOOKUP', (w) => encodeLookup(w, 'dír'), Op.LOOKUP, { objname: 'dír' }],
    ['GETATTR', (w) => encodeGetAttr(w, [0x0010011a, 0x00b0a23a]), Op.GETATTR, { attrRequest: [0x0010011a, 0x00b0a23a] }],
    ['SETATTR', (w) => encodeSetAttr(w, stateid, attrs), Op.SETATTR, { stateid, objAttributes: attrs }],
    ['ACCESS', (w) => encodeAccess(w, 0x3f), Op.ACCESS, { access: 0x3f }],
    [
      'READDIR',
      (w) => encodeReadDir(w, { cookie: 5n, cookieverf: verf, dircount: 8192, maxcount: 32768, attrRequest: [0x18] }),
      Op.READDIR,
      { cookie: 5n, cookieverf: verf, dircount: 8192, maxcount: 32768, attrRequest: [0x18] },
    ],
    ['CREATE dir', (w) => encodeCreate(w, { type: FType.NF4DIR, name: 'd', attrs }), Op.CREATE, { objtype: { type: 2 }, objname: 'd', createattrs: attrs }],
    [
      'CREATE symlink',
      (w) => encodeCreate(w, { type: FType.NF4LNK, linkdata: '../t', name: 'l', attrs }),
      Op.CREATE,
      { objtype: { type: 5, linkdata: '../t' }, objname: 'l', createattrs: attrs },
    ],
    ['REMOVE', (w) => encodeRemove(w, 'f'), Op.REMOVE, { target: 'f' }],
    ['RENAME', (w) => encodeRename(w, 'a', 'b'), Op.RENAME, { oldname: 'a', newname: 'b' }],
    ['LINK', (w) => encodeLink(w, 'hard'), Op.LINK, { newname: 'hard' }],
    ['READLINK', encodeReadLink, Op.READLINK, undefined],
    ['READ', (w) => encodeRead(w, stateid, 4096n, 65536), Op.READ, { stateid, offset: 4096n, count: 65536 }],
    ['WRITE', (w) => encodeWrite(w, stateid, 1n, StableHow.FILE_SYNC4, Buffer.from('hello')), Op.WRITE, { stateid, offset: 1n, stable: 2, data: Buffer.from('hello') }],
    ['COMMIT', (w) => encodeCommit(w, 0n, 0), Op.COMMIT, { offset: 0n, count: 0 }],
    [
      'OPEN create unchecked',
      (w) => encodeOpen(w, { seqid: 1, shareAccess: 3, shareDeny: 0, owner, how: { opentype: 1, mode: 0, createattrs: attrs }, name: 'new' }),
      Op.OPEN,
      { seqid: 1, shareAccess: 3, shareDeny: 0, owner, openhow: { opentype: 1, mode: 0, createattrs: attrs }, claim: { claim: 0, file: 'new' } },
    ],
    [
      'OPEN exclusive4_1 by filehandle',
      (w) => encodeOpen(w, { seqid: 0, shareAccess: 1, shareDeny: 0, owner, how: { opentype: 1, mode: 3, createverf: verf, createattrs: attrs } }),
      Op.OPEN,
      { seqid: 0, shareAccess: 1, shareDeny: 0, owner, openhow: { opentype: 1, mode: 3, createverf: verf, createattrs: attrs }, claim: { claim: 4 } },
    ],
    ['OPEN_CONFIRM', (w) => encodeOpenConfirm(w, stateid, 2), Op.OPEN_CONFIRM, { openStateid: stateid, seqid: 2 }],
    ['CLOSE', (w) => encodeClose(w, 3, stateid), Op.CLOSE, { seqid: 3, openStateid: stateid }],
    [
      'LOCK new owner',
      (w) =>
        encodeLock(w, {
          locktype: LockType.WRITE_LT,
          reclaim: false,
          offset: 0n,
          length: 0xffffffffffffffffn,
          locker: { newLockOwner: true, openSeqid: 4, openStateid: stateid, lockSeqid: 0, lockOwner: owner },
        }),
      Op.LOCK,
      { locktype: 2, reclaim: false, offset: 0n, length: 0xffffffffffffffffn, locker: { openSeqid: 4, openStateid: stateid, lockSeqid: 0, lockOwner: owner } },
    ],
    [
      'LOCK existing owner',
      (w) => encodeLock(w, { locktype: LockType.READ_LT, reclaim: true, offset: 10n, length: 5n, locker: { newLockOwner: false, lockStateid: stateid, lockSeqid: 9 } }),
      Op.LOCK,
      { locktype: 1, reclaim: true, offset: 10n, length: 5n, locker: { lockStateid: stateid, lockSeqid: 9 } },
    ],
    ['LOCKT', (w) => encodeLockT(w, { locktype: 2, offset: 1n, length: 2n, owner }), Op.LOCKT, { locktype: 2, offset: 1n, length: 2n, owner }],
    [
      'LOCKU',
      (w) => encodeLockU(w, { locktype: 2, seqid: 5, stateid, offset: 1n, length: 2n }),
      Op.LOCKU,
      { locktype: 2, seqid: 5, lockStateid: stateid, offset: 1n, length: 2n },
    ],
    [
      'SETCLIENTID',
      (w) => encodeSetClientId(w, { verifier: verf, id: Buffer.from('netfs/host'), cbProgram: 0x40000000, netid: 'tcp', addr: '127.0.0.1.0.0', callbackIdent: 1 }),
      Op.SETCLIENTID,
      { client: { verifier: verf, id: Buffer.from('netfs/host') }, callback: { program: 0x40000000, location: { netid: 'tcp', addr: '127.0.0.1.0.0' } }, callbackIdent: 1 },
    ],
    ['SETCLIENTID_CONFIRM', (w) => encodeSetClientIdConfirm(w, 42n, verf), Op.SETCLIENTID_CONFIRM, { clientid: 42n, confirm: verf }],
    ['RENEW', (w) => encodeRenew(w, 42n), Op.RENEW, { clientid: 42n }],
    [
      'EXCHANGE_ID',
      (w) => encodeExchangeId(w, { verifier: verf, ownerid: Buffer.from('netfs'), flags: 0x10001, impl: { domain: 'netfs.dev', name: 'netfs 1' } }),
      Op.EXCHANGE_ID,
      {
        clientOwner: { verifier: verf, ownerid: Buffer.from('netfs') },
        flags: 0x10001,
        stateProtect: { how: 0 },
        clientImplId: [{ domain: 'netfs.dev', name: 'netfs 1', date: { seconds: 0n, nseconds: 0 } }],
      },
    ],
    [
      'CREATE_SESSION',
      (w) => encodeCreateSession(w, { clientid: 9n, sequence: 1, flags: 0, fore: chan, back: chan, cbProgram: 0x40000000, cbAuthSys: { stamp: 1, machinename: 'h', uid: 0, gid: 0 } }),
      Op.CREATE_SESSION,
      {
        clientid: 9n,
        sequence: 1,
        flags: 0,
        foreChanAttrs: { ...chan, rdmaIrd: [] },
        backChanAttrs: { ...chan, rdmaIrd: [] },
        cbProgram: 0x40000000,
        secParms: [{ flavor: 1, stamp: 1, machinename: 'h', uid: 0, gid: 0, gids: [] }],
      },
    ],
    ['DESTROY_SESSION', (w) => encodeDestroySession(w, sessionid), Op.DESTROY_SESSION, { sessionid }],
    ['DESTROY_CLIENTID', (w) => encodeDestroyClientId(w, 9n), Op.DESTROY_CLIENTID, { clientid: 9n }],
    ['RECLAIM_COMPLETE', (w) => encodeReclaimComplete(w, false), Op.RECLAIM_COMPLETE, { oneFs: false }],
    [
      'SEQUENCE',
      (w) => encodeSequence(w, { sessionid, sequenceid: 3, slotid: 0, highestSlotid: 63, cacheThis: true }),
      Op.SEQUENCE,
      { sessionid, sequenceid: 3, slotid: 0, highestSlotid: 63, cacheThis: true },
    ],
  ])('%s', (_name, encode, op, args) => {
    expect(roundTrip(encode)).toEqual([op, args]);
  });

  it('encoders refuse values XDR or the spec cannot carry', () => {
    const w = new XdrWriter();
    expect(() => encodeRead(w, { seqid: 1, other: Buffer.alloc(11) }, 0n, 1)).toThrow(RangeError);
    expect(() => encodeSequence(w, { sessionid: Buffer.alloc(15), sequenceid: 1, slotid: 0, highestSlotid: 0, cacheThis: false })).toThrow(RangeError);
    expect(() => encodePutFh(w, Buffer.alloc(129))).toThrow(RangeError);
  });
});

function res(op: number, status: number, body: (w: XdrWriter) => void): unknown {
  const w = new XdrWriter();
  body(w);
  const x = new XdrReader(w.finish());
  const out = OP_CODECS.get(op)?.res(x, status);
  expect(x.remaining).toBe(0);
  return out;
}

describe('NFSv4 result decoders', () => {
  it('READDIR: the entry list and eof', () => {
    const out = res(Op.READDIR, 0, (w) => {
      w.opaqueFixed(verf);
      w.bool(true).uhyper(3n).string('a').uint(1).uint(0x10).opaque(Buffer.alloc(8));
      w.bool(true).uhyper(4n).string('b').uint(0).opaque(Buffer.alloc(0));
      w.bool(false).bool(true);
    });
    expect(out).toEqual({
      cookieverf: verf,
      entries: [
        { cookie: 3n, name: 'a', attrs: { mask: [0x10], vals: Buffer.alloc(8) } },
        { cookie: 4n, name: 'b', attrs: { mask: [], vals: Buffer.alloc(0) } },
      ],
      eof: true,
    });
  });

  it('LOCK and LOCKT: NFS4ERR_DENIED carries the conflicting lock', () => {
    const denied = (w: XdrWriter): void => {
      w.uhyper(0n).uhyper(10n).uint(2).uhyper(1n).opaque(Buffer.from('x'));
    };
    const expected = { denied: { offset: 0n, length: 10n, locktype: 2, owner: { clientid: 1n, owner: Buffer.from('x') } } };
    expect(res(Op.LOCK, 10010, denied)).toEqual(expected);
    expect(res(Op.LOCKT, 10010, denied)).toEqual(expected);
    expect(res(Op.LOCK, 10025, () => undefined)).toBeUndefined();
  });

  it('SETATTR: attrsset follows every status', () => {
    expect(res(Op.SETATTR, 13, (w) => w.uint(1).uint(0x2))).toEqual({ attrsset: [0x2] });
  });

  it('OPEN: a write delegation with its space limit', () => {
    const out = res(Op.OPEN, 0, (w) => {
      w.uint(1).opaqueFixed(stateid.other);
      w.bool(true).uhyper(1n).uhyper(2n);
      w.uint(4).uint(0);
      w.uint(2).uint(2).opaqueFixed(stateid.other).bool(false).uint(1).uhyper(1000n).uint(0).uint(0).uint(6).string('OWNER@');
    });
    expect(out).toEqual({
      stateid: { seqid: 1, other: stateid.other },
      cinfo: { atomic: true, before: 1n, after: 2n },
      rflags: 4,
      attrset: [],
      delegation: { type: 2, stateid: { seqid: 2, other: stateid.other }, recall: false, limitBy: 1, spaceLimit: { filesize: 1000n }, permissions: { type: 0, flag: 0, mask: 6, who: 'OWNER@' } },
    });
  });

  it('a malformed argument throws DecodeError', () => {
    const x = new XdrReader(Buffer.from([0, 0, 0, 1, 0, 0, 0, 9]));
    expect(() => OP_CODECS.get(Op.OPEN)?.args(x)).toThrow(DecodeError);
    const fh = new XdrReader(Buffer.from([0, 0, 0, 200]));
    expect(() => OP_CODECS.get(Op.PUTFH)?.args(fh)).toThrow(DecodeError);
  });
});

describe('NFSv4 operation names', () => {
  it('names every operation of RFC 7530, 8881, 7862 and 8276, without the OP_ prefix', () => {
    for (let code = 3; code <= 75; code++) expect(opName(code)).toMatch(/^[A-Z_]+$/);
    expect([opName(22), opName(53), opName(75), opName(10044)]).toEqual(['PUTFH', 'SEQUENCE', 'REMOVEXATTR', 'ILLEGAL']);
    expect([opName(2), opName(76)]).toEqual(['OP_2', 'OP_76']);
    expect([cbOpName(4), cbOpName(11), cbOpName(99)]).toEqual(['CB_RECALL', 'CB_SEQUENCE', 'OP_99']);
  });
});
