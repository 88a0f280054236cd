// Credentials: AUTH_NONE and AUTH_SYS (RFC 5531 appendix A); the RPCSEC_GSS credential
// (RFC 2203 5) decoded for describing captures, never built.
import { DecodeError } from '../wire/errors.js';
import { AuthFlavor, type OpaqueAuth } from './message.js';
import { XdrReader, XdrWriter } from './xdr.js';

/** authsys_parms.machinename<255> */
export const AUTH_SYS_MAX_MACHINENAME = 255;
/** authsys_parms.gids<16> */
export const AUTH_SYS_MAX_GIDS = 16;

/** AUTH_NONE: no credential, and the verifier of every AUTH_SYS call. */
export const AUTH_NONE: OpaqueAuth = Object.freeze({ flavor: AuthFlavor.AUTH_NONE, body: Buffer.alloc(0) });

/** authsys_parms (RFC 5531 appendix A) */
export interface AuthSysParams {
  /** An arbitrary id the caller picks (Linux sends 0, libnfs the time). */
  stamp: number;
  machineName: string;
  uid: number;
  gid: number;
  /** Auxiliary groups, at most 16. */
  gids: number[];
}

export function encodeAuthSys(p: AuthSysParams): OpaqueAuth {
  const name = Buffer.from(p.machineName, 'utf8');
  if (name.length > AUTH_SYS_MAX_MACHINENAME) throw new RangeError(`AUTH_SYS machine name of ${name.length} bytes exceeds ${AUTH_SYS_MAX_MACHINENAME}`);
  if (p.gids.length > AUTH_SYS_MAX_GIDS) throw new RangeError(`AUTH_SYS carries at most ${AUTH_SYS_MAX_GIDS} auxiliary gids, given ${p.gids.length}`);
  const w = new XdrWriter(32 + name.length + 4 * p.gids.length);
  w.uint(p.stamp).opaque(name, AUTH_SYS_MAX_MACHINENAME).uint(p.uid).uint(p.gid);
  w.array(p.gids, (x, g) => x.uint(g), AUTH_SYS_MAX_GIDS);
  return { flavor: AuthFlavor.AUTH_SYS, body: w.finish() };
}

/** The authsys_parms of an AUTH_SYS credential's body; the body must hold nothing else. */
export function decodeAuthSys(body: Buffer | XdrReader): AuthSysParams {
  const x = Buffer.isBuffer(body) ? new XdrReader(body) : body;
  const stamp = x.uint();
  const machineName = x.string(AUTH_SYS_MAX_MACHINENAME, 'AUTH_SYS machinename');
  const uid = x.uint();
  const gid = x.uint();
  const gids = x.array(AUTH_SYS_MAX_GIDS, (r) => r.uint(), 4, 'AUTH_SYS gids');
  if (x.remaining !== 0) throw new DecodeError(`${x.remaining} bytes after the AUTH_SYS credential`, x.reader.absolute);
  return { stamp, machineName, uid, gid, gids };
}

/** rpc_gss_proc_t (RFC 2203 5) */
export const RpcGssProc = { RPCSEC_GSS_DATA: 0, RPCSEC_GSS_INIT: 1, RPCSEC_GSS_CONTINUE_INIT: 2, RPCSEC_GSS_DESTROY: 3 } as const;
/** rpc_gss_service_t (RFC 2203 5) */
export const RpcGssService = { rpc_gss_svc_none: 1, rpc_gss_svc_integrity: 2, rpc_gss_svc_privacy: 3 } as const;
/** rpc_gss_cred_t's version */
export const RPCSEC_GSS_VERS_1 = 1;

/** rpc_gss_cred_vers_1_t: the header fields of an RPCSEC_GSS credential. */
export interface RpcGssCred {
  version: number;
  gssProc: number;
  seqNum: number;
  service: number;
  handle: Buffer;
}

/** The body of an RPCSEC_GSS credential. Values outside the tables are kept (a capture may hold them). */
export function decodeRpcGssCred(body: Buffer | XdrReader): RpcGssCred {
  const x = Buffer.isBuffer(body) ? new XdrReader(body) : body;
  const at = x.reader.absolute;
  const version = x.uint();
  if (version !== RPCSEC_GSS_VERS_1) throw new DecodeError(`RPCSEC_GSS credential version ${version}`, at);
  return { version, gssProc: x.uint(), seqNum: x.uint(), service: x.uint(), handle: x.opaque(undefined, 'RPCSEC_GSS handle') };
}
