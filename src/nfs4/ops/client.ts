// Client ID and session operations: SETCLIENTID (RFC 7530 16.33), SETCLIENTID_CONFIRM
// (RFC 7530 16.34), RENEW (RFC 7530 16.29), EXCHANGE_ID (RFC 8881 18.35), CREATE_SESSION
// (18.36), DESTROY_SESSION (18.37), DESTROY_CLIENTID (18.50), RECLAIM_COMPLETE (18.51),
// SEQUENCE (18.46), SECINFO (18.29), SECINFO_NO_NAME (18.45).
import type { XdrReader, XdrWriter } from '../../rpc/xdr.js';
import { Op } from '../constants.js';
import { NFS4_OPAQUE_LIMIT, okOnly, readBitmap, readNetAddr, readSessionId, readTime, readUtf8, readVerifier, statusOnly, writeSessionId, writeVerifier, type OpCodec } from './common.js';

const NFS4ERR_CLID_INUSE = 10017;
const RPCSEC_GSS = 6;
const AUTH_SYS = 1;

/** state_protect_ops4 */
function readProtectOps(x: XdrReader): unknown {
  return { mustEnforce: readBitmap(x), mustAllow: readBitmap(x) };
}

/** state_protect4_a (18.35.1) */
function readStateProtectA(x: XdrReader): unknown {
  const how = x.uint();
  if (how === 1) return { how, machOps: readProtectOps(x) };
  if (how === 2) {
    return {
      how,
      ssvOps: readProtectOps(x),
      hashAlgs: x.array(NFS4_OPAQUE_LIMIT, (r) => r.opaque(), 4, 'ssp_hash_algs'),
      encrAlgs: x.array(NFS4_OPAQUE_LIMIT, (r) => r.opaque(), 4, 'ssp_encr_algs'),
      window: x.uint(),
      numGssHandles: x.uint(),
    };
  }
  return { how };
}

/** state_protect4_r (18.35.2) */
function readStateProtectR(x: XdrReader): unknown {
  const how = x.uint();
  if (how === 1) return { how, machOps: readProtectOps(x) };
  if (how === 2) {
    return {
      how,
      ops: readProtectOps(x),
      hashAlg: x.uint(),
      encrAlg: x.uint(),
      ssvLen: x.uint(),
      window: x.uint(),
      handles: x.array(NFS4_OPAQUE_LIMIT, (r) => r.opaque(), 4, 'spi_handles'),
    };
  }
  return { how };
}

/** nfs_impl_id4 <1> */
function readImplId(x: XdrReader): unknown {
  return x.array(1, (r) => ({ domain: readUtf8(r), name: readUtf8(r), date: readTime(r) }), 20, 'nfs_impl_id4');
}

/** channel_attrs4 (18.36.1) */
function readChannelAttrs(x: XdrReader): unknown {
  return {
    headerPadSize: x.uint(),
    maxRequestSize: x.uint(),
    maxResponseSize: x.uint(),
    maxResponseSizeCached: x.uint(),
    maxOperations: x.uint(),
    maxRequests: x.uint(),
    rdmaIrd: x.array(1, (r) => r.uint(), 4, 'ca_rdma_ird'),
  };
}

/** callback_sec_parms4 (18.36.1) */
function readCbSecParms(x: XdrReader): unknown {
  const flavor = x.uint();
  if (flavor === AUTH_SYS) {
    return { flavor, stamp: x.uint(), machinename: x.string(255, 'machinename'), uid: x.uint(), gid: x.uint(), gids: x.array(16, (r) => r.uint(), 4, 'gids') };
  }
  if (flavor === RPCSEC_GSS) return { flavor, service: x.uint(), handleFromServer: x.opaque(), handleFromClient: x.opaque() };
  return { flavor };
}

/** SECINFO4resok: secinfo4<> */
function readSecInfo(x: XdrReader): unknown {
  return x.array(
    NFS4_OPAQUE_LIMIT,
    (r) => {
      const flavor = r.uint();
      return flavor === RPCSEC_GSS ? { flavor, oid: r.opaque(), qop: r.uint(), service: r.uint() } : { flavor };
    },
    4,
    'secinfo4',
  );
}

export const CLIENT_CODECS: ReadonlyArray<readonly [number, OpCodec]> = [
  [
    Op.SETCLIENTID,
    {
      args: (x) => ({
        client: { verifier: readVerifier(x), id: x.opaque(NFS4_OPAQUE_LIMIT, 'nfs_client_id4 id') },
        callback: { program: x.uint(), location: readNetAddr(x) },
        callbackIdent: x.uint(),
      }),
      res: (x, status) => {
        if (status === 0) return { clientid: x.uhyper(), confirm: readVerifier(x) };
        if (status === NFS4ERR_CLID_INUSE) return { clientUsing: readNetAddr(x) };
        return undefined;
      },
    },
  ],
  [Op.SETCLIENTID_CONFIRM, { args: (x) => ({ clientid: x.uhyper(), confirm: readVerifier(x) }), res: statusOnly }],
  [Op.RENEW, { args: (x) => ({ clientid: x.uhyper() }), res: statusOnly }],
  [
    Op.EXCHANGE_ID,
    {
      args: (x) => ({
        clientOwner: { verifier: readVerifier(x), ownerid: x.opaque(NFS4_OPAQUE_LIMIT, 'co_ownerid') },
        flags: x.uint(),
        stateProtect: readStateProtectA(x),
        clientImplId: readImplId(x),
      }),
      res: okOnly((x) => ({
        clientid: x.uhyper(),
        sequenceid: x.uint(),
        flags: x.uint(),
        stateProtect: readStateProtectR(x),
        serverOwner: { minorId: x.uhyper(), majorId: x.opaque(NFS4_OPAQUE_LIMIT, 'so_major_id') },
        serverScope: x.opaque(NFS4_OPAQUE_LIMIT, 'eir_server_scope'),
        serverImplId: readImplId(x),
      })),
    },
  ],
  [
    Op.CREATE_SESSION,
    {
      args: (x) => ({
        clientid: x.uhyper(),
        sequence: x.uint(),
        flags: x.uint(),
        foreChanAttrs: readChannelAttrs(x),
        backChanAttrs: readChannelAttrs(x),
        cbProgram: x.uint(),
        secParms: x.array(NFS4_OPAQUE_LIMIT, readCbSecParms, 4, 'callback_sec_parms4'),
      }),
      res: okOnly((x) => ({ sessionid: readSessionId(x), sequence: x.uint(), flags: x.uint(), foreChanAttrs: readChannelAttrs(x), backChanAttrs: readChannelAttrs(x) })),
    },
  ],
  [Op.DESTROY_SESSION, { args: (x) => ({ sessionid: readSessionId(x) }), res: statusOnly }],
  [Op.DESTROY_CLIENTID, { args: (x) => ({ clientid: x.uhyper() }), res: statusOnly }],
  [Op.RECLAIM_COMPLETE, { args: (x) => ({ oneFs: x.bool() }), res: statusOnly }],
  [
    Op.SEQUENCE,
    {
      args: (x) => ({ sessionid: readSessionId(x), sequenceid: x.uint(), slotid: x.uint(), highestSlotid: x.uint(), cacheThis: x.bool() }),
      res: okOnly((x) => ({ sessionid: readSessionId(x), sequenceid: x.uint(), slotid: x.uint(), highestSlotid: x.uint(), targetHighestSlotid: x.uint(), statusFlags: x.uint() })),
    },
  ],
  [Op.SECINFO, { args: (x) => ({ name: readUtf8(x, 'component4') }), res: okOnly(readSecInfo) }],
  [Op.SECINFO_NO_NAME, { args: (x) => ({ style: x.uint() }), res: okOnly(readSecInfo) }],
];

/** channel_attrs4 as the client asks for it (no RDMA). */
export interface ChannelAttrs {
  headerPadSize: number;
  maxRequestSize: number;
  maxResponseSize: number;
  maxResponseSizeCached: number;
  maxOperations: number;
  maxRequests: number;
}
function writeChannelAttrs(w: XdrWriter, c: ChannelAttrs): void {
  w.uint(c.headerPadSize).uint(c.maxRequestSize).uint(c.maxResponseSize).uint(c.maxResponseSizeCached).uint(c.maxOperations).uint(c.maxRequests).uint(0);
}

export function encodeSetClientId(w: XdrWriter, a: { verifier: Buffer; id: Buffer; cbProgram: number; netid: string; addr: string; callbackIdent: number }): void {
  w.uint(Op.SETCLIENTID);
  writeVerifier(w, a.verifier);
  w.opaque(a.id, NFS4_OPAQUE_LIMIT).uint(a.cbProgram).string(a.netid).string(a.addr).uint(a.callbackIdent);
}
export function encodeSetClientIdConfirm(w: XdrWriter, clientid: bigint, confirm: Buffer): void {
  w.uint(Op.SETCLIENTID_CONFIRM).uhyper(clientid);
  writeVerifier(w, confirm);
}
export function encodeRenew(w: XdrWriter, clientid: bigint): void {
  w.uint(Op.RENEW).uhyper(clientid);
}
/** EXCHANGE_ID with SP4_NONE and the client's implementation id. */
export function encodeExchangeId(w: XdrWriter, a: { verifier: Buffer; ownerid: Buffer; flags: number; impl?: { domain: string; name: string } }): void {
  w.uint(Op.EXCHANGE_ID);
  writeVerifier(w, a.verifier);
  w.opaque(a.ownerid, NFS4_OPAQUE_LIMIT).uint(a.flags).uint(0);
  if (a.impl) w.uint(1).string(a.impl.domain).string(a.impl.name).hyper(0n).uint(0);
  else w.uint(0);
}
/** CREATE_SESSION with AUTH_NONE or AUTH_SYS callback security. */
export function encodeCreateSession(
  w: XdrWriter,
  a: { clientid: bigint; sequence: number; flags: number; fore: ChannelAttrs; back: ChannelAttrs; cbProgram: number; cbAuthSys?: { stamp: number; machinename: string; uid: number; gid: number } },
): void {
  w.uint(Op.CREATE_SESSION).uhyper(a.clientid).uint(a.sequence).uint(a.flags);
  writeChannelAttrs(w, a.fore);
  writeChannelAttrs(w, a.back);
  w.uint(a.cbProgram).uint(1);
  const sys = a.cbAuthSys;
  if (sys) w.uint(AUTH_SYS).uint(sys.stamp).string(sys.machinename, 255).uint(sys.uid).uint(sys.gid).uint(0);
  else w.uint(0);
}
export function encodeDestroySession(w: XdrWriter, sessionid: Buffer): void {
  w.uint(Op.DESTROY_SESSION);
  writeSessionId(w, sessionid);
}
export function encodeDestroyClientId(w: XdrWriter, clientid: bigint): void {
  w.uint(Op.DESTROY_CLIENTID).uhyper(clientid);
}
export function encodeReclaimComplete(w: XdrWriter, oneFs: boolean): void {
  w.uint(Op.RECLAIM_COMPLETE).bool(oneFs);
}
export function encodeSequence(w: XdrWriter, a: { sessionid: Buffer; sequenceid: number; slotid: number; highestSlotid: number; cacheThis: boolean }): void {
  w.uint(Op.SEQUENCE);
  writeSessionId(w, a.sessionid);
  w.uint(a.sequenceid).uint(a.slotid).uint(a.highestSlotid).bool(a.cacheThis);
}
