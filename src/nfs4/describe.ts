// One NFSv4 RPC record described for `netfs decode` (DECODE-SCHEMA.md, "nfs4 and rpc"):
// COMPOUND4args (RFC 8881 16.2.1) and COMPOUND4res (16.2.2). Every operation's arguments
// and results are decoded by ops/, since XDR has no lengths to skip by; an operation netfs
// cannot decode ends the description with a DecodeError. Throws only DecodeError.
import { RpcGssProc, RpcGssService } from '../rpc/auth.js';
import type { RpcDescription } from '../rpc/describe.js';
import { AcceptStat, ReplyStat } from '../rpc/message.js';
import { XdrReader } from '../rpc/xdr.js';
import { DecodeError } from '../wire/errors.js';
import { Nfs4Proc, opName } from './constants.js';
import { OP_CODECS } from './ops/index.js';

/** NFS4_OPAQUE_LIMIT-style bound on a COMPOUND's op count (servers cap it far lower). */
const MAX_OPS = 1024;
const MAX_TAG = 1024;

export interface Nfs4Fields {
  minorversion?: number;
  ops?: string[];
  op_codes?: number[];
  status?: number;
  op_status?: number[];
  tag?: string;
}

export interface Nfs4Context {
  /** The procedure (calls carry it; a reply's comes from its call). */
  procedure: number;
  /** The RPCSEC_GSS service of the call (1 none, 2 integrity, 3 privacy), when it used RPCSEC_GSS DATA. */
  gssService?: number;
}

/**
 * The nfs4 fields of a record describeRpc classified as program 100003 version 4. For a
 * reply, `context` gives what its call said (procedure, RPCSEC_GSS service).
 */
export function describeNfs4(d: RpcDescription, context?: Nfs4Context): Nfs4Fields {
  const call = d.fields.msg === 'call';
  const procedure = call ? d.fields.procedure : context?.procedure;
  if (procedure !== Nfs4Proc.COMPOUND) return {};
  if (!call && (d.fields.reply_stat !== ReplyStat.MSG_ACCEPTED || d.fields.accept_stat !== AcceptStat.SUCCESS)) return {};
  const gssService = call ? (d.fields.gss_proc === RpcGssProc.RPCSEC_GSS_DATA ? d.fields.gss_service : undefined) : context?.gssService;
  if (gssService === RpcGssService.rpc_gss_svc_privacy) return {};
  let x = new XdrReader(d.body);
  if (gssService === RpcGssService.rpc_gss_svc_integrity) {
    // rpc_gss_integ_data (RFC 2203 5.3.2.2): databody_integ { seq_num; the arguments/results }, then checksum.
    const body = x.opaque(XDR_MAX, 'databody_integ');
    x.opaque(XDR_MAX, 'checksum');
    x = new XdrReader(body);
    x.uint();
  }
  const fields = call ? readCompoundArgs(x) : readCompoundRes(x);
  // XDR has no lengths: bytes left over mean some operation was read with the wrong shape.
  if (x.remaining !== 0) throw new DecodeError(`${x.remaining} bytes after the COMPOUND`, x.reader.absolute);
  return fields;
}

const XDR_MAX = 0xffffffff;

function readCompoundArgs(x: XdrReader): Nfs4Fields {
  const tag = x.string(MAX_TAG, 'COMPOUND tag');
  const minorversion = x.uint();
  const count = opCount(x);
  const codes: number[] = [];
  for (let i = 0; i < count; i++) {
    const at = x.reader.absolute;
    const op = x.uint();
    const codec = OP_CODECS.get(op);
    if (!codec) throw new DecodeError(`NFSv4 operation ${opName(op)} cannot be decoded`, at);
    codec.args(x);
    codes.push(op);
  }
  return { minorversion, ops: codes.map(opName), op_codes: codes, tag };
}

function readCompoundRes(x: XdrReader): Nfs4Fields {
  const status = x.uint();
  const tag = x.string(MAX_TAG, 'COMPOUND tag');
  const count = opCount(x);
  const codes: number[] = [];
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const at = x.reader.absolute;
    const op = x.uint();
    const codec = OP_CODECS.get(op);
    if (!codec) throw new DecodeError(`NFSv4 operation ${opName(op)} cannot be decoded`, at);
    const opStatus = x.uint();
    codec.res(x, opStatus);
    codes.push(op);
    statuses.push(opStatus);
  }
  return { status, ops: codes.map(opName), op_codes: codes, op_status: statuses, tag };
}

function opCount(x: XdrReader): number {
  const at = x.reader.absolute;
  const count = x.uint();
  // Each operation takes at least its 4-byte number.
  if (count > MAX_OPS || count * 4 > x.remaining) throw new DecodeError(`COMPOUND of ${count} operations cannot fit in ${x.remaining} bytes`, at);
  return count;
}
