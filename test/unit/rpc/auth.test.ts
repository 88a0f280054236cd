import { describe, expect, it } from 'vitest';
import { AUTH_NONE, decodeAuthSys, decodeRpcGssCred, encodeAuthSys, RpcGssProc, RpcGssService } from '../../../src/rpc/auth.js';
import { describeRpc } from '../../../src/rpc/describe.js';
import { AuthFlavor, writeCallHeader } from '../../../src/rpc/message.js';
import { XdrWriter } from '../../../src/rpc/xdr.js';
import { DecodeError } from '../../../src/wire/errors.js';
import { ascii, bytes, thrown } from './golden.js';

/** authsys_parms (RFC 5531 appendix A) with a 1-byte machine name and no auxiliary gids. */
const AUTH_SYS_BODY = bytes(
  '00000000', // stamp
  '00000001', ascii('h'), '000000', // machinename<255> + padding
  '00000000', // uid 0
  '00000000', // gid 0
  '00000000', // gids<16>: none
);

/** rpc_gss_cred_t (RFC 2203 5): version 1, RPCSEC_GSS_DATA, seq_num 5, integrity, 4-byte handle. */
const GSS_BODY = bytes(
  '00000001', // version RPCSEC_GSS_VERS_1
  '00000000', // gss_proc RPCSEC_GSS_DATA
  '00000005', // seq_num
  '00000002', // service rpc_gss_svc_integrity
  '00000004', 'deadbeef', // handle<>
);

describe('AUTH_NONE', () => {
  it('is flavor 0 with an empty body', () => {
    expect(AUTH_NONE.flavor).toBe(0);
    expect(AUTH_NONE.body.length).toBe(0);
  });
});

describe('AUTH_SYS (RFC 5531 appendix A)', () => {
  it('encodes authsys_parms (golden bytes) and decodes them back', () => {
    const cred = encodeAuthSys({ stamp: 0, machineName: 'h', uid: 0, gid: 0, gids: [] });
    expect(cred.flavor).toBe(AuthFlavor.AUTH_SYS);
    expect(cred.body.toString('hex')).toBe(AUTH_SYS_BODY.toString('hex'));
    expect(decodeAuthSys(AUTH_SYS_BODY)).toEqual({ stamp: 0, machineName: 'h', uid: 0, gid: 0, gids: [] });
  });

  it('carries the largest uid, a 255-byte machine name and 16 groups', () => {
    const p = { stamp: 0xffffffff, machineName: 'm'.repeat(255), uid: 0xfffffffe, gid: 65534, gids: Array.from({ length: 16 }, (_, i) => i * 1000) };
    const cred = encodeAuthSys(p);
    expect(cred.body.length).toBe(4 + 4 + 256 + 4 + 4 + 4 + 64);
    expect(cred.body.length).toBeLessThanOrEqual(400);
    expect(decodeAuthSys(cred.body)).toEqual(p);
  });

  it('refuses to encode a machine name over 255 bytes or more than 16 groups', () => {
    expect(() => encodeAuthSys({ stamp: 0, machineName: 'é'.repeat(128), uid: 0, gid: 0, gids: [] })).toThrow(RangeError);
    expect(() => encodeAuthSys({ stamp: 0, machineName: 'h', uid: 0, gid: 0, gids: new Array<number>(17).fill(1) })).toThrow(RangeError);
    expect(() => encodeAuthSys({ stamp: 0, machineName: 'h', uid: -1, gid: 0, gids: [] })).toThrow(RangeError);
  });

  it('rejects a decoded machine name over 255 bytes, more than 16 groups, and trailing bytes', () => {
    const name = Buffer.from(AUTH_SYS_BODY);
    name.writeUInt32BE(256, 4);
    expect(thrown(() => decodeAuthSys(name))).toMatchObject({ name: 'DecodeError', message: 'AUTH_SYS machinename of 256 exceeds its maximum of 255 (at offset 4)' });
    const gids = Buffer.from(AUTH_SYS_BODY);
    gids.writeUInt32BE(17, 20);
    expect(thrown(() => decodeAuthSys(gids))).toMatchObject({ name: 'DecodeError', offset: 20 });
    expect(thrown(() => decodeAuthSys(Buffer.concat([AUTH_SYS_BODY, Buffer.alloc(4)])))).toMatchObject({ name: 'DecodeError', offset: 24 });
    for (let cut = 0; cut < AUTH_SYS_BODY.length; cut++) expect(thrown(() => decodeAuthSys(AUTH_SYS_BODY.subarray(0, cut)))).toBeInstanceOf(DecodeError);
  });
});

describe('RPCSEC_GSS credential (RFC 2203 5)', () => {
  it('decodes the header fields', () => {
    expect(decodeRpcGssCred(GSS_BODY)).toEqual({
      version: 1,
      gssProc: RpcGssProc.RPCSEC_GSS_DATA,
      seqNum: 5,
      service: RpcGssService.rpc_gss_svc_integrity,
      handle: Buffer.from('deadbeef', 'hex'),
    });
  });

  it('rejects another version and a truncated credential', () => {
    const v2 = Buffer.from(GSS_BODY);
    v2.writeUInt32BE(2, 0);
    expect(thrown(() => decodeRpcGssCred(v2))).toMatchObject({ name: 'DecodeError', offset: 0 });
    for (let cut = 0; cut < GSS_BODY.length; cut++) expect(thrown(() => decodeRpcGssCred(GSS_BODY.subarray(0, cut)))).toBeInstanceOf(DecodeError);
  });

  it('gives gss_proc and gss_service to describeRpc', () => {
    const w = new XdrWriter();
    writeCallHeader(w, { xid: 9, prog: 100003, vers: 4, proc: 1, cred: { flavor: AuthFlavor.RPCSEC_GSS, body: GSS_BODY }, verf: { flavor: AuthFlavor.RPCSEC_GSS, body: Buffer.alloc(28) } });
    expect(describeRpc(w.finish()).fields).toEqual({ xid: '0x00000009', msg: 'call', program: 100003, version: 4, procedure: 1, auth: 6, gss_proc: 0, gss_service: 2 });
  });
});
