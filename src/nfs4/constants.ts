// NFSv4 protocol numbers: the RPC program, COMPOUND operation codes (RFC 7530 16, RFC 8881
// 18, RFC 7862 15, RFC 8276 8.3 for the xattr operations) and the callback operations
// (RFC 8881 20, RFC 7862 16). Names are the specs' without the OP_ prefix, as netfs decode
// writes them ("PUTFH"); an unknown code is "OP_<n>".

export const NFS4_PROGRAM = 100003;
export const NFS4_VERSION = 4;
/** The callback program's number as Linux and tshark know it (RFC 8881 leaves it to the client). */
export const NFS4_CALLBACK_PROGRAM = 0x40000000;

export const Nfs4Proc = { NULL: 0, COMPOUND: 1 } as const;

/** nfs_opnum4 (RFC 8881 16.2.1 / RFC 7862 15 / RFC 8276). */
export const Op = {
  ACCESS: 3,
  CLOSE: 4,
  COMMIT: 5,
  CREATE: 6,
  DELEGPURGE: 7,
  DELEGRETURN: 8,
  GETATTR: 9,
  GETFH: 10,
  LINK: 11,
  LOCK: 12,
  LOCKT: 13,
  LOCKU: 14,
  LOOKUP: 15,
  LOOKUPP: 16,
  NVERIFY: 17,
  OPEN: 18,
  OPENATTR: 19,
  OPEN_CONFIRM: 20,
  OPEN_DOWNGRADE: 21,
  PUTFH: 22,
  PUTPUBFH: 23,
  PUTROOTFH: 24,
  READ: 25,
  READDIR: 26,
  READLINK: 27,
  REMOVE: 28,
  RENAME: 29,
  RENEW: 30,
  RESTOREFH: 31,
  SAVEFH: 32,
  SECINFO: 33,
  SETATTR: 34,
  SETCLIENTID: 35,
  SETCLIENTID_CONFIRM: 36,
  VERIFY: 37,
  WRITE: 38,
  RELEASE_LOCKOWNER: 39,
  BACKCHANNEL_CTL: 40,
  BIND_CONN_TO_SESSION: 41,
  EXCHANGE_ID: 42,
  CREATE_SESSION: 43,
  DESTROY_SESSION: 44,
  FREE_STATEID: 45,
  GET_DIR_DELEGATION: 46,
  GETDEVICEINFO: 47,
  GETDEVICELIST: 48,
  LAYOUTCOMMIT: 49,
  LAYOUTGET: 50,
  LAYOUTRETURN: 51,
  SECINFO_NO_NAME: 52,
  SEQUENCE: 53,
  SET_SSV: 54,
  TEST_STATEID: 55,
  WANT_DELEGATION: 56,
  DESTROY_CLIENTID: 57,
  RECLAIM_COMPLETE: 58,
  ALLOCATE: 59,
  COPY: 60,
  COPY_NOTIFY: 61,
  DEALLOCATE: 62,
  IO_ADVISE: 63,
  LAYOUTERROR: 64,
  LAYOUTSTATS: 65,
  OFFLOAD_CANCEL: 66,
  OFFLOAD_STATUS: 67,
  READ_PLUS: 68,
  SEEK: 69,
  WRITE_SAME: 70,
  CLONE: 71,
  GETXATTR: 72,
  SETXATTR: 73,
  LISTXATTRS: 74,
  REMOVEXATTR: 75,
  ILLEGAL: 10044,
} as const;
export type OpName = keyof typeof Op;
export type OpCode = (typeof Op)[OpName];

/** nfs_cb_opnum4 (RFC 8881 20 / RFC 7862 16). */
export const CbOp = {
  CB_GETATTR: 3,
  CB_RECALL: 4,
  CB_LAYOUTRECALL: 5,
  CB_NOTIFY: 6,
  CB_PUSH_DELEG: 7,
  CB_RECALL_ANY: 8,
  CB_RECALLABLE_OBJ_AVAIL: 9,
  CB_RECALL_SLOT: 10,
  CB_SEQUENCE: 11,
  CB_WANTS_CANCELLED: 12,
  CB_NOTIFY_LOCK: 13,
  CB_NOTIFY_DEVICEID: 14,
  CB_OFFLOAD: 15,
  CB_ILLEGAL: 10044,
} as const;

function invert(table: Readonly<Record<string, number>>): ReadonlyMap<number, string> {
  return new Map(Object.entries(table).map(([name, code]) => [code, name]));
}
const OP_NAMES = invert(Op);
const CB_OP_NAMES = invert(CbOp);

/** "PUTFH" for 22; "OP_<n>" for a number no spec defines. */
export function opName(code: number): string {
  return OP_NAMES.get(code) ?? `OP_${code}`;
}
/** "CB_RECALL" for 4; "OP_<n>" for a number no spec defines. */
export function cbOpName(code: number): string {
  return CB_OP_NAMES.get(code) ?? `OP_${code}`;
}
