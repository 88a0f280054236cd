// Byte-range locks: LOCK (RFC 8881 18.10), LOCKT (18.11), LOCKU (18.12).
import type { XdrReader, XdrWriter } from '../../rpc/xdr.js';
import { Op } from '../constants.js';
import { okOnly, readStateId, readStateOwner, writeStateId, writeStateOwner, type OpCodec, type ResDecoder, type StateId, type StateOwner } from './common.js';

const NFS4ERR_DENIED = 10010;

/** LOCK4denied (18.10.2) */
function readDenied(x: XdrReader): unknown {
  return { offset: x.uhyper(), length: x.uhyper(), locktype: x.uint(), owner: readStateOwner(x) };
}

/** locker4 (18.10.1): a new lock owner (from an open) or an existing one. */
function readLocker(x: XdrReader): unknown {
  if (x.bool()) return { openSeqid: x.uint(), openStateid: readStateId(x), lockSeqid: x.uint(), lockOwner: readStateOwner(x) };
  return { lockStateid: readStateId(x), lockSeqid: x.uint() };
}

const lockRes: ResDecoder = (x, status) => {
  if (status === 0) return { lockStateid: readStateId(x) };
  if (status === NFS4ERR_DENIED) return { denied: readDenied(x) };
  return undefined;
};

export const LOCK_CODECS: ReadonlyArray<readonly [number, OpCodec]> = [
  [Op.LOCK, { args: (x) => ({ locktype: x.uint(), reclaim: x.bool(), offset: x.uhyper(), length: x.uhyper(), locker: readLocker(x) }), res: lockRes }],
  [
    Op.LOCKT,
    {
      args: (x) => ({ locktype: x.uint(), offset: x.uhyper(), length: x.uhyper(), owner: readStateOwner(x) }),
      res: (x, status) => (status === NFS4ERR_DENIED ? { denied: readDenied(x) } : undefined),
    },
  ],
  [
    Op.LOCKU,
    { args: (x) => ({ locktype: x.uint(), seqid: x.uint(), lockStateid: readStateId(x), offset: x.uhyper(), length: x.uhyper() }), res: okOnly((x) => ({ lockStateid: readStateId(x) })) },
  ],
];

/** nfs_lock_type4 (RFC 8881 18.10.1) */
export const LockType = { READ_LT: 1, WRITE_LT: 2, READW_LT: 3, WRITEW_LT: 4 } as const;

export type Locker =
  | { newLockOwner: true; openSeqid: number; openStateid: StateId; lockSeqid: number; lockOwner: StateOwner }
  | { newLockOwner: false; lockStateid: StateId; lockSeqid: number };

export function encodeLock(w: XdrWriter, a: { locktype: number; reclaim: boolean; offset: bigint; length: bigint; locker: Locker }): void {
  w.uint(Op.LOCK).uint(a.locktype).bool(a.reclaim).uhyper(a.offset).uhyper(a.length).bool(a.locker.newLockOwner);
  const l = a.locker;
  if (l.newLockOwner) {
    w.uint(l.openSeqid);
    writeStateId(w, l.openStateid);
    w.uint(l.lockSeqid);
    writeStateOwner(w, l.lockOwner);
  } else {
    writeStateId(w, l.lockStateid);
    w.uint(l.lockSeqid);
  }
}
export function encodeLockT(w: XdrWriter, a: { locktype: number; offset: bigint; length: bigint; owner: StateOwner }): void {
  w.uint(Op.LOCKT).uint(a.locktype).uhyper(a.offset).uhyper(a.length);
  writeStateOwner(w, a.owner);
}
export function encodeLockU(w: XdrWriter, a: { locktype: number; seqid: number; stateid: StateId; offset: bigint; length: bigint }): void {
  w.uint(Op.LOCKU).uint(a.locktype).uint(a.seqid);
  writeStateId(w, a.stateid);
  w.uhyper(a.offset).uhyper(a.length);
}
