// What a failed ONC RPC reply becomes: an FsError naming the RPC status, with errno codes
// as Linux's sunrpc client gives them (net/sunrpc/clnt.c rpc_decode_header).
import { FsError, type ErrnoCode, type FsErrorInit } from '../errors.js';
import { AcceptStat, AuthStat, RejectStat, ReplyStat, rpcName, type RpcReply } from './message.js';

/** What the failed call asked for, to name it in the message. */
export interface RpcCallTarget {
  prog: number;
  vers: number;
  proc: number;
  /** host:port */
  where: string;
}

/** What each auth_stat means (RFC 5531 section 9, RFC 2203 5.3.3.3), for error messages. */
const AUTH_STAT_TEXT: Readonly<Record<number, string>> = {
  [AuthStat.AUTH_OK]: 'success',
  [AuthStat.AUTH_BADCRED]: 'bad credential (seal broken)',
  [AuthStat.AUTH_REJECTEDCRED]: 'client must begin a new session',
  [AuthStat.AUTH_BADVERF]: 'bad verifier (seal broken)',
  [AuthStat.AUTH_REJECTEDVERF]: 'verifier expired or replayed',
  [AuthStat.AUTH_TOOWEAK]: 'rejected for security reasons (the server wants a stronger flavor)',
  [AuthStat.AUTH_INVALIDRESP]: 'bogus response verifier',
  [AuthStat.AUTH_FAILED]: 'reason unknown',
  [AuthStat.AUTH_KERB_GENERIC]: 'Kerberos generic error',
  [AuthStat.AUTH_TIMEEXPIRE]: 'time of credential expired',
  [AuthStat.AUTH_TKT_FILE]: 'problem with ticket file',
  [AuthStat.AUTH_DECODE]: 'cannot decode authenticator',
  [AuthStat.AUTH_NET_ADDR]: 'wrong net address in ticket',
  [AuthStat.RPCSEC_GSS_CREDPROBLEM]: 'no credentials for user',
  [AuthStat.RPCSEC_GSS_CTXPROBLEM]: 'problem with context',
};

/** An RPC reply other than MSG_ACCEPTED/SUCCESS; `reply` holds what the server said (e.g. the supported versions). */
export class RpcReplyError extends FsError {
  override name = 'RpcReplyError';
  constructor(
    code: ErrnoCode,
    message: string,
    readonly reply: RpcReply,
    init: FsErrorInit,
  ) {
    super(code, message, init);
  }

  protected override rebuild(init: FsErrorInit): FsError {
    return new RpcReplyError(this.code, this.detail, this.reply, init);
  }
}

/** The error for a reply that is not SUCCESS, or undefined for a SUCCESS reply. */
export function rpcReplyError(reply: RpcReply, call: RpcCallTarget): RpcReplyError | undefined {
  const program = `program ${call.prog}`;
  const version = `${program} version ${call.vers}`;
  const fail = (code: ErrnoCode, message: string, status: string, statusCode: number) =>
    new RpcReplyError(code, message, reply, { protocol: 'rpc', status, statusCode });
  if (reply.replyStat === ReplyStat.MSG_ACCEPTED) {
    switch (reply.acceptStat) {
      case AcceptStat.SUCCESS:
        return undefined;
      case AcceptStat.PROG_UNAVAIL:
        return fail('EPROTONOSUPPORT', `${program} not available on ${call.where}`, 'PROG_UNAVAIL', reply.acceptStat);
      case AcceptStat.PROG_MISMATCH:
        return fail(
          'EPROTONOSUPPORT',
          `${version} not supported by ${call.where} (it supports versions ${reply.low} to ${reply.high})`,
          'PROG_MISMATCH',
          reply.acceptStat,
        );
      case AcceptStat.PROC_UNAVAIL:
        return fail('EOPNOTSUPP', `procedure ${call.proc} of ${version} not available on ${call.where}`, 'PROC_UNAVAIL', reply.acceptStat);
      case AcceptStat.GARBAGE_ARGS:
        return fail('EIO', `${call.where} could not decode the arguments of procedure ${call.proc} of ${version}`, 'GARBAGE_ARGS', reply.acceptStat);
      case AcceptStat.SYSTEM_ERR:
        return fail('EIO', `${call.where} failed procedure ${call.proc} of ${version} with a system error`, 'SYSTEM_ERR', reply.acceptStat);
    }
  }
  if (reply.rejectStat === RejectStat.RPC_MISMATCH) {
    return fail('EPROTONOSUPPORT', `RPC version 2 not supported by ${call.where} (it supports ${reply.low} to ${reply.high})`, 'RPC_MISMATCH', reply.rejectStat);
  }
  const name = rpcName(AuthStat, reply.authStat);
  return fail('EACCES', `${call.where} rejected the credentials of ${version}: ${name}, ${AUTH_STAT_TEXT[reply.authStat]}`, name, reply.authStat);
}
