// One ONC RPC record described for `netfs decode` (DECODE-SCHEMA.md, "nfs4 and rpc").
import type { Reader } from '../wire/reader.js';
import { decodeRpcGssCred } from './auth.js';
import { AuthFlavor, ReplyStat, readRpcMessage, type RpcMessage } from './message.js';

/** The schema's rpc fields, under the schema's names and in its value formats. */
export interface RpcFields {
  /** "0x%08x" */
  xid: string;
  msg: 'call' | 'reply';
  /** Calls only: a reply's come from its call, which this one message cannot know. */
  program?: number;
  version?: number;
  procedure?: number;
  /** Calls: the credential's flavor. */
  auth?: number;
  /** RPCSEC_GSS credentials: rpc_gss_proc_t and rpc_gss_service_t. */
  gss_proc?: number;
  gss_service?: number;
  reply_stat?: number;
  accept_stat?: number;
  reject_stat?: number;
}

export interface RpcDescription {
  fields: RpcFields;
  message: RpcMessage;
  /**
   * The procedure's arguments (calls) or results (replies): a reader whose position 0 is
   * their first byte. Empty for a reply that carries none (anything but SUCCESS).
   */
  body: Reader;
}

export function formatXid(xid: number): string {
  return `0x${xid.toString(16).padStart(8, '0')}`;
}

/** Describes one whole RPC record (after record marking). Throws only DecodeError. */
export function describeRpc(record: Buffer): RpcDescription {
  const message = readRpcMessage(record);
  const body = message.body.reader.sub(message.body.remaining);
  if (message.msg === 'call') {
    const { call } = message;
    const fields: RpcFields = { xid: formatXid(call.xid), msg: 'call', program: call.prog, version: call.vers, procedure: call.proc, auth: call.cred.flavor };
    if (call.cred.flavor === AuthFlavor.RPCSEC_GSS) {
      const gss = decodeRpcGssCred(call.cred.body);
      fields.gss_proc = gss.gssProc;
      fields.gss_service = gss.service;
    }
    return { fields, message, body };
  }
  const { reply } = message;
  const fields: RpcFields = { xid: formatXid(reply.xid), msg: 'reply', reply_stat: reply.replyStat };
  if (reply.replyStat === ReplyStat.MSG_ACCEPTED) fields.accept_stat = reply.acceptStat;
  else fields.reject_stat = reply.rejectStat;
  return { fields, message, body };
}
