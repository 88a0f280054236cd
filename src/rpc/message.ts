// ONC RPC messages (RFC 5531 section 9): the call header and the reply, in both directions.
import { XdrReader, type XdrWriter } from './xdr.js';

/** RFC 5531 section 9: the only RPC version. */
export const RPC_VERSION = 2;
/** opaque_auth.body<400> */
export const MAX_AUTH_BYTES = 400;

/** msg_type */
export const MsgType = { CALL: 0, REPLY: 1 } as const;
/** reply_stat */
export const ReplyStat = { MSG_ACCEPTED: 0, MSG_DENIED: 1 } as const;
/** accept_stat */
export const AcceptStat = { SUCCESS: 0, PROG_UNAVAIL: 1, PROG_MISMATCH: 2, PROC_UNAVAIL: 3, GARBAGE_ARGS: 4, SYSTEM_ERR: 5 } as const;
/** reject_stat */
export const RejectStat = { RPC_MISMATCH: 0, AUTH_ERROR: 1 } as const;
/** auth_stat (RFC 5531 section 9, with RPCSEC_GSS's 13 and 14 from RFC 2203 5.3.3.3) */
export const AuthStat = {
  AUTH_OK: 0,
  AUTH_BADCRED: 1,
  AUTH_REJECTEDCRED: 2,
  AUTH_BADVERF: 3,
  AUTH_REJECTEDVERF: 4,
  AUTH_TOOWEAK: 5,
  AUTH_INVALIDRESP: 6,
  AUTH_FAILED: 7,
  AUTH_KERB_GENERIC: 8,
  AUTH_TIMEEXPIRE: 9,
  AUTH_TKT_FILE: 10,
  AUTH_DECODE: 11,
  AUTH_NET_ADDR: 12,
  RPCSEC_GSS_CREDPROBLEM: 13,
  RPCSEC_GSS_CTXPROBLEM: 14,
} as const;
/** auth_flavor (RFC 5531 section 8.2; AUTH_TLS from RFC 9289) */
export const AuthFlavor = { AUTH_NONE: 0, AUTH_SYS: 1, AUTH_SHORT: 2, AUTH_DH: 3, RPCSEC_GSS: 6, AUTH_TLS: 7 } as const;

type ValueOf<T> = T[keyof T];
export type AcceptStatValue = ValueOf<typeof AcceptStat>;
export type AuthStatValue = ValueOf<typeof AuthStat>;

/** The name of a value in one of the tables above, or its number when the table has none. */
export function rpcName(table: Readonly<Record<string, number>>, value: number): string {
  for (const [name, v] of Object.entries(table)) if (v === value) return name;
  return String(value);
}

function values(table: Readonly<Record<string, number>>): ReadonlySet<number> {
  return new Set(Object.values(table));
}
const MSG_TYPES = values(MsgType);
const REPLY_STATS = values(ReplyStat);
const ACCEPT_STATS = values(AcceptStat);
const REJECT_STATS = values(RejectStat);
const AUTH_STATS = values(AuthStat);

/** opaque_auth: a flavor and up to 400 bytes whose meaning the flavor defines. */
export interface OpaqueAuth {
  flavor: number;
  body: Buffer;
}

/** call_body with the xid of its rpc_msg. */
export interface CallHeader {
  xid: number;
  /** Always 2 when encoded; as received when decoded (a server answers others with RPC_MISMATCH). */
  rpcvers: number;
  prog: number;
  vers: number;
  proc: number;
  cred: OpaqueAuth;
  verf: OpaqueAuth;
}

/** accepted_reply whose reply_data is not a version mismatch. */
export interface AcceptedReply {
  xid: number;
  replyStat: typeof ReplyStat.MSG_ACCEPTED;
  verf: OpaqueAuth;
  acceptStat: Exclude<AcceptStatValue, typeof AcceptStat.PROG_MISMATCH>;
}
/** accepted_reply with PROG_MISMATCH: the versions the server supports. */
export interface ProgMismatchReply {
  xid: number;
  replyStat: typeof ReplyStat.MSG_ACCEPTED;
  verf: OpaqueAuth;
  acceptStat: typeof AcceptStat.PROG_MISMATCH;
  low: number;
  high: number;
}
/** rejected_reply RPC_MISMATCH: the RPC versions the server supports. */
export interface RpcMismatchReply {
  xid: number;
  replyStat: typeof ReplyStat.MSG_DENIED;
  rejectStat: typeof RejectStat.RPC_MISMATCH;
  low: number;
  high: number;
}
/** rejected_reply AUTH_ERROR */
export interface AuthErrorReply {
  xid: number;
  replyStat: typeof ReplyStat.MSG_DENIED;
  rejectStat: typeof RejectStat.AUTH_ERROR;
  authStat: AuthStatValue;
}
export type RpcReply = AcceptedReply | ProgMismatchReply | RpcMismatchReply | AuthErrorReply;

/** One decoded rpc_msg; `body` is positioned at the procedure's arguments or results. */
export type RpcMessage = { msg: 'call'; call: CallHeader; body: XdrReader } | { msg: 'reply'; reply: RpcReply; body: XdrReader };

export function writeOpaqueAuth(w: XdrWriter, auth: OpaqueAuth): void {
  w.uint(auth.flavor);
  w.opaque(auth.body, MAX_AUTH_BYTES);
}

export function readOpaqueAuth(x: XdrReader): OpaqueAuth {
  const flavor = x.uint();
  return { flavor, body: x.opaque(MAX_AUTH_BYTES, 'opaque_auth body') };
}

/** rpc_msg with a CALL body, up to where the procedure's arguments start. */
export function writeCallHeader(w: XdrWriter, call: Omit<CallHeader, 'rpcvers'>): void {
  w.uint(call.xid);
  w.enum(MsgType.CALL);
  w.uint(RPC_VERSION);
  w.uint(call.prog);
  w.uint(call.vers);
  w.uint(call.proc);
  writeOpaqueAuth(w, call.cred);
  writeOpaqueAuth(w, call.verf);
}

/** rpc_msg with a REPLY body, up to where a SUCCESS reply's results start. */
export function writeReply(w: XdrWriter, reply: RpcReply): void {
  w.uint(reply.xid);
  w.enum(MsgType.REPLY);
  w.enum(reply.replyStat);
  if (reply.replyStat === ReplyStat.MSG_ACCEPTED) {
    writeOpaqueAuth(w, reply.verf);
    w.enum(reply.acceptStat);
    if (reply.acceptStat === AcceptStat.PROG_MISMATCH) w.uint(reply.low).uint(reply.high);
    return;
  }
  w.enum(reply.rejectStat);
  if (reply.rejectStat === RejectStat.RPC_MISMATCH) w.uint(reply.low).uint(reply.high);
  else w.enum(reply.authStat);
}

/** call_body after the xid and msg_type. */
function readCallBody(x: XdrReader, xid: number): CallHeader {
  const rpcvers = x.uint();
  const prog = x.uint();
  const vers = x.uint();
  const proc = x.uint();
  const cred = readOpaqueAuth(x);
  const verf = readOpaqueAuth(x);
  return { xid, rpcvers, prog, vers, proc, cred, verf };
}

/** reply_body after the xid and msg_type. */
function readReplyBody(x: XdrReader, xid: number): RpcReply {
  const replyStat = x.enum(REPLY_STATS, 'reply_stat');
  if (replyStat === ReplyStat.MSG_ACCEPTED) {
    const verf = readOpaqueAuth(x);
    const acceptStat = x.enum(ACCEPT_STATS, 'accept_stat') as AcceptStatValue;
    if (acceptStat === AcceptStat.PROG_MISMATCH) return { xid, replyStat, verf, acceptStat, low: x.uint(), high: x.uint() };
    return { xid, replyStat, verf, acceptStat };
  }
  const rejectStat = x.enum(REJECT_STATS, 'reject_stat');
  if (rejectStat === RejectStat.RPC_MISMATCH) return { xid, replyStat: ReplyStat.MSG_DENIED, rejectStat, low: x.uint(), high: x.uint() };
  return { xid, replyStat: ReplyStat.MSG_DENIED, rejectStat: RejectStat.AUTH_ERROR, authStat: x.enum(AUTH_STATS, 'auth_stat') as AuthStatValue };
}

/**
 * Decodes one rpc_msg (a whole record): the call header or the reply, leaving `body` at
 * the arguments (calls) or results (SUCCESS replies; nothing is expected after the
 * others). Throws only DecodeError.
 */
export function readRpcMessage(source: XdrReader | Buffer): RpcMessage {
  const x = source instanceof XdrReader ? source : new XdrReader(source);
  const xid = x.uint();
  const msgType = x.enum(MSG_TYPES, 'msg_type');
  if (msgType === MsgType.CALL) return { msg: 'call', call: readCallBody(x, xid), body: x };
  return { msg: 'reply', reply: readReplyBody(x, xid), body: x };
}
