export { XdrReader, XdrWriter, XDR_UNBOUNDED } from './xdr.js';
export {
  RPC_VERSION,
  MAX_AUTH_BYTES,
  MsgType,
  ReplyStat,
  AcceptStat,
  RejectStat,
  AuthStat,
  AuthFlavor,
  rpcName,
  readRpcMessage,
  readOpaqueAuth,
  writeOpaqueAuth,
  writeCallHeader,
  writeReply,
  type OpaqueAuth,
  type CallHeader,
  type RpcReply,
  type AcceptedReply,
  type ProgMismatchReply,
  type RpcMismatchReply,
  type AuthErrorReply,
  type RpcMessage,
  type AcceptStatValue,
  type AuthStatValue,
} from './message.js';
export {
  AUTH_NONE,
  AUTH_SYS_MAX_GIDS,
  AUTH_SYS_MAX_MACHINENAME,
  encodeAuthSys,
  decodeAuthSys,
  decodeRpcGssCred,
  RpcGssProc,
  RpcGssService,
  RPCSEC_GSS_VERS_1,
  type AuthSysParams,
  type RpcGssCred,
} from './auth.js';
export { RpcReplyError, rpcReplyError, type RpcCallTarget } from './errors.js';
export { RpcClient, type RpcClientOptions, type CallOptions, type RpcResult, type ArgsEncoder } from './client.js';
export { pmapGetPort, decodeGetPortResult, PMAP_PROGRAM, PMAP_VERSION, PMAP_PORT, PmapProc, IPPROTO } from './portmap.js';
export { describeRpc, formatXid, type RpcDescription, type RpcFields } from './describe.js';
