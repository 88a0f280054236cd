// nfsstat4 (RFC 8881 15.1, RFC 7862 15.1, RFC 8276 8.4) as data: every status with its
// name, the errno the VFS surfaces for it and whether the client retries it. The errno
// choices follow Linux (fs/nfs/nfs4proc.c nfs4_map_errors and the errno each NFS4ERR_
// shares a number with in include/linux/nfs4.h); statuses Linux handles inside the client
// (state recovery, sessions) surface as EIO here only if that recovery fails.
// NFS4ERR_DELAY and NFS4ERR_GRACE are retried with backoff and, should the retries run
// out, surface as EAGAIN, never EIO.
import { FsError, type ErrnoCode, type FsErrorInit } from '../errors.js';

/** How the client retries a status: after a backoff ('delay'), while the server's grace period lasts ('grace'), or not at all. */
export type RetryClass = 'delay' | 'grace' | 'none';

export interface Nfs4StatusRow {
  code: number;
  /** The spec's name, NFS4_OK or NFS4ERR_... */
  name: string;
  errno: ErrnoCode;
  retry: RetryClass;
}

type Row = readonly [code: number, name: string, errno: ErrnoCode, retry?: RetryClass];

// prettier-ignore
const ROWS: readonly Row[] = [
  [0, 'NFS4_OK', 'EIO'],
  [1, 'NFS4ERR_PERM', 'EPERM'],
  [2, 'NFS4ERR_NOENT', 'ENOENT'],
  [5, 'NFS4ERR_IO', 'EIO'],
  [6, 'NFS4ERR_NXIO', 'ENXIO'],
  [13, 'NFS4ERR_ACCESS', 'EACCES'],
  [17, 'NFS4ERR_EXIST', 'EEXIST'],
  [18, 'NFS4ERR_XDEV', 'EXDEV'],
  [20, 'NFS4ERR_NOTDIR', 'ENOTDIR'],
  [21, 'NFS4ERR_ISDIR', 'EISDIR'],
  [22, 'NFS4ERR_INVAL', 'EINVAL'],
  [27, 'NFS4ERR_FBIG', 'EFBIG'],
  [28, 'NFS4ERR_NOSPC', 'ENOSPC'],
  [30, 'NFS4ERR_ROFS', 'EROFS'],
  [31, 'NFS4ERR_MLINK', 'EMLINK'],
  [63, 'NFS4ERR_NAMETOOLONG', 'ENAMETOOLONG'],
  [66, 'NFS4ERR_NOTEMPTY', 'ENOTEMPTY'],
  [69, 'NFS4ERR_DQUOT', 'EDQUOT'],
  [70, 'NFS4ERR_STALE', 'ESTALE'],
  [10001, 'NFS4ERR_BADHANDLE', 'ESTALE'],
  [10003, 'NFS4ERR_BAD_COOKIE', 'EIO'],
  [10004, 'NFS4ERR_NOTSUPP', 'EOPNOTSUPP'],
  [10005, 'NFS4ERR_TOOSMALL', 'EINVAL'],
  [10006, 'NFS4ERR_SERVERFAULT', 'EIO'],
  [10007, 'NFS4ERR_BADTYPE', 'EINVAL'],
  [10008, 'NFS4ERR_DELAY', 'EAGAIN', 'delay'],
  [10009, 'NFS4ERR_SAME', 'EIO'],
  [10010, 'NFS4ERR_DENIED', 'EAGAIN'],
  [10011, 'NFS4ERR_EXPIRED', 'EIO'],
  [10012, 'NFS4ERR_LOCKED', 'EAGAIN'],
  [10013, 'NFS4ERR_GRACE', 'EAGAIN', 'grace'],
  [10014, 'NFS4ERR_FHEXPIRED', 'ESTALE'],
  [10015, 'NFS4ERR_SHARE_DENIED', 'EACCES'],
  [10016, 'NFS4ERR_WRONGSEC', 'EPERM'],
  [10017, 'NFS4ERR_CLID_INUSE', 'EIO'],
  [10018, 'NFS4ERR_RESOURCE', 'EIO'],
  [10019, 'NFS4ERR_MOVED', 'EIO'],
  [10020, 'NFS4ERR_NOFILEHANDLE', 'EIO'],
  [10021, 'NFS4ERR_MINOR_VERS_MISMATCH', 'EPROTONOSUPPORT'],
  [10022, 'NFS4ERR_STALE_CLIENTID', 'EIO'],
  [10023, 'NFS4ERR_STALE_STATEID', 'EIO'],
  [10024, 'NFS4ERR_OLD_STATEID', 'EIO'],
  [10025, 'NFS4ERR_BAD_STATEID', 'EIO'],
  [10026, 'NFS4ERR_BAD_SEQID', 'EIO'],
  [10027, 'NFS4ERR_NOT_SAME', 'EIO'],
  [10028, 'NFS4ERR_LOCK_RANGE', 'EINVAL'],
  [10029, 'NFS4ERR_SYMLINK', 'ELOOP'],
  [10030, 'NFS4ERR_RESTOREFH', 'EIO'],
  [10031, 'NFS4ERR_LEASE_MOVED', 'EIO'],
  [10032, 'NFS4ERR_ATTRNOTSUPP', 'EOPNOTSUPP'],
  [10033, 'NFS4ERR_NO_GRACE', 'EIO'],
  [10034, 'NFS4ERR_RECLAIM_BAD', 'EIO'],
  [10035, 'NFS4ERR_RECLAIM_CONFLICT', 'EIO'],
  [10036, 'NFS4ERR_BADXDR', 'EPROTO'],
  [10037, 'NFS4ERR_LOCKS_HELD', 'EBUSY'],
  [10038, 'NFS4ERR_OPENMODE', 'EBADF'],
  [10039, 'NFS4ERR_BADOWNER', 'EINVAL'],
  [10040, 'NFS4ERR_BADCHAR', 'EINVAL'],
  [10041, 'NFS4ERR_BADNAME', 'EINVAL'],
  [10042, 'NFS4ERR_BAD_RANGE', 'EINVAL'],
  [10043, 'NFS4ERR_LOCK_NOTSUPP', 'EOPNOTSUPP'],
  [10044, 'NFS4ERR_OP_ILLEGAL', 'EPROTO'],
  [10045, 'NFS4ERR_DEADLOCK', 'EDEADLK'],
  [10046, 'NFS4ERR_FILE_OPEN', 'EBUSY'],
  [10047, 'NFS4ERR_ADMIN_REVOKED', 'EIO'],
  [10048, 'NFS4ERR_CB_PATH_DOWN', 'EIO'],
  // NFSv4.1 (RFC 8881 15.1)
  [10049, 'NFS4ERR_BADIOMODE', 'EINVAL'],
  [10050, 'NFS4ERR_BADLAYOUT', 'EINVAL'],
  [10051, 'NFS4ERR_BAD_SESSION_DIGEST', 'EIO'],
  [10052, 'NFS4ERR_BADSESSION', 'EIO'],
  [10053, 'NFS4ERR_BADSLOT', 'EIO'],
  [10054, 'NFS4ERR_COMPLETE_ALREADY', 'EIO'],
  [10055, 'NFS4ERR_CONN_NOT_BOUND_TO_SESSION', 'EIO'],
  [10056, 'NFS4ERR_DELEG_ALREADY_WANTED', 'EIO'],
  [10057, 'NFS4ERR_BACK_CHAN_BUSY', 'EIO'],
  [10058, 'NFS4ERR_LAYOUTTRYLATER', 'EIO'],
  [10059, 'NFS4ERR_LAYOUTUNAVAILABLE', 'EIO'],
  [10060, 'NFS4ERR_NOMATCHING_LAYOUT', 'EIO'],
  [10061, 'NFS4ERR_RECALLCONFLICT', 'EIO'],
  [10062, 'NFS4ERR_UNKNOWN_LAYOUTTYPE', 'EIO'],
  [10063, 'NFS4ERR_SEQ_MISORDERED', 'EIO'],
  [10064, 'NFS4ERR_SEQUENCE_POS', 'EIO'],
  [10065, 'NFS4ERR_REQ_TOO_BIG', 'EIO'],
  [10066, 'NFS4ERR_REP_TOO_BIG', 'EIO'],
  [10067, 'NFS4ERR_REP_TOO_BIG_TO_CACHE', 'EIO'],
  [10068, 'NFS4ERR_RETRY_UNCACHED_REP', 'EIO'],
  [10069, 'NFS4ERR_UNSAFE_COMPOUND', 'EIO'],
  [10070, 'NFS4ERR_TOO_MANY_OPS', 'EIO'],
  [10071, 'NFS4ERR_OP_NOT_IN_SESSION', 'EIO'],
  [10072, 'NFS4ERR_HASH_ALG_UNSUPP', 'EIO'],
  // 10073 is unused (RFC 8881 15.1).
  [10074, 'NFS4ERR_CLIENTID_BUSY', 'EIO'],
  [10075, 'NFS4ERR_PNFS_IO_HOLE', 'EIO'],
  [10076, 'NFS4ERR_SEQ_FALSE_RETRY', 'EIO'],
  [10077, 'NFS4ERR_BAD_HIGH_SLOT', 'EIO'],
  [10078, 'NFS4ERR_DEADSESSION', 'EIO'],
  [10079, 'NFS4ERR_ENCR_ALG_UNSUPP', 'EIO'],
  [10080, 'NFS4ERR_PNFS_NO_LAYOUT', 'EIO'],
  [10081, 'NFS4ERR_NOT_ONLY_OP', 'EIO'],
  [10082, 'NFS4ERR_WRONG_CRED', 'EPERM'],
  [10083, 'NFS4ERR_WRONG_TYPE', 'EINVAL'],
  [10084, 'NFS4ERR_DIRDELEG_UNAVAIL', 'EIO'],
  [10085, 'NFS4ERR_REJECT_DELEG', 'EIO'],
  [10086, 'NFS4ERR_RETURNCONFLICT', 'EIO'],
  [10087, 'NFS4ERR_DELEG_REVOKED', 'EIO'],
  // NFSv4.2 (RFC 7862 15.1)
  [10088, 'NFS4ERR_PARTNER_NOTSUPP', 'EOPNOTSUPP'],
  [10089, 'NFS4ERR_PARTNER_NO_AUTH', 'EACCES'],
  [10090, 'NFS4ERR_UNION_NOTSUPP', 'EOPNOTSUPP'],
  [10091, 'NFS4ERR_OFFLOAD_DENIED', 'EOPNOTSUPP'],
  [10092, 'NFS4ERR_WRONG_LFS', 'EINVAL'],
  [10093, 'NFS4ERR_BADLABEL', 'EINVAL'],
  [10094, 'NFS4ERR_OFFLOAD_NO_REQS', 'EIO'],
  // Extended attributes (RFC 8276 8.4)
  [10095, 'NFS4ERR_NOXATTR', 'ENODATA'],
  [10096, 'NFS4ERR_XATTR2BIG', 'E2BIG'],
];

/** Every nfsstat4, in code order. */
export const NFS4_STATUS: readonly Nfs4StatusRow[] = Object.freeze(
  ROWS.map(([code, name, errno, retry = 'none']) => Object.freeze({ code, name, errno, retry })),
);

const BY_CODE: ReadonlyMap<number, Nfs4StatusRow> = new Map(NFS4_STATUS.map((r) => [r.code, r]));

export const NFS4_OK = 0;

/** The row for a status code, or undefined for a code no spec defines. */
export function nfsStatus(code: number): Nfs4StatusRow | undefined {
  return BY_CODE.get(code);
}

/** "NFS4ERR_NOENT" for 2; "NFS4ERR_<n>" for an undefined code. */
export function nfsStatusName(code: number): string {
  return BY_CODE.get(code)?.name ?? `NFS4ERR_${code}`;
}

/** How the client retries this status ('none' for unknown codes). */
export function nfsRetryClass(code: number): RetryClass {
  return BY_CODE.get(code)?.retry ?? 'none';
}

/** The FsError for a failed NFSv4 operation (an unknown status is EIO). */
export function nfsStatusError(code: number, init: FsErrorInit = {}): FsError {
  const row = BY_CODE.get(code);
  const name = row?.name ?? `NFS4ERR_${code}`;
  if (code === NFS4_OK) throw new RangeError('NFS4_OK is not an error');
  return new FsError(row?.errno ?? 'EIO', `the NFSv4 server answered ${name}`, {
    ...init,
    protocol: 'nfs4',
    status: name,
    statusCode: code,
  });
}
