// Open state: OPEN (RFC 8881 18.16), OPEN_CONFIRM (RFC 7530 16.18), OPEN_DOWNGRADE
// (RFC 8881 18.18), CLOSE (18.2), DELEGRETURN (18.6).
import type { XdrReader, XdrWriter } from '../../rpc/xdr.js';
import { DecodeError } from '../../wire/errors.js';
import { Op } from '../constants.js';
import { okOnly, readAce, readBitmap, readChangeInfo, readFattr, readStateId, readStateOwner, readUtf8, readVerifier, statusOnly, writeFattr, writeStateId, writeStateOwner, writeVerifier, type Fattr, type OpCodec, type StateId, type StateOwner } from './common.js';

export const OpenType = { OPEN4_NOCREATE: 0, OPEN4_CREATE: 1 } as const;
export const CreateMode = { UNCHECKED4: 0, GUARDED4: 1, EXCLUSIVE4: 2, EXCLUSIVE4_1: 3 } as const;
export const OpenClaim = { CLAIM_NULL: 0, CLAIM_PREVIOUS: 1, CLAIM_DELEGATE_CUR: 2, CLAIM_DELEGATE_PREV: 3, CLAIM_FH: 4, CLAIM_DELEG_CUR_FH: 5, CLAIM_DELEG_PREV_FH: 6 } as const;
export const DelegationType = { OPEN_DELEGATE_NONE: 0, OPEN_DELEGATE_READ: 1, OPEN_DELEGATE_WRITE: 2, OPEN_DELEGATE_NONE_EXT: 3 } as const;

/** openflag4 / createhow4 (18.16.1) */
function readOpenHow(x: XdrReader): unknown {
  const opentype = x.uint();
  if (opentype !== OpenType.OPEN4_CREATE) return { opentype };
  const mode = x.uint();
  switch (mode) {
    case CreateMode.UNCHECKED4:
    case CreateMode.GUARDED4:
      return { opentype, mode, createattrs: readFattr(x) };
    case CreateMode.EXCLUSIVE4:
      return { opentype, mode, createverf: readVerifier(x) };
    case CreateMode.EXCLUSIVE4_1:
      return { opentype, mode, createverf: readVerifier(x), createattrs: readFattr(x) };
    default:
      // createmode4 has no default arm: what follows cannot be found.
      throw new DecodeError(`createmode4 ${mode} is not a defined value`, x.reader.absolute - 4);
  }
}

/** open_claim4 (18.16.1) */
function readClaim(x: XdrReader): unknown {
  const claim = x.uint();
  switch (claim) {
    case OpenClaim.CLAIM_NULL:
    case OpenClaim.CLAIM_DELEGATE_PREV:
      return { claim, file: readUtf8(x, 'component4') };
    case OpenClaim.CLAIM_PREVIOUS:
      return { claim, delegateType: x.uint() };
    case OpenClaim.CLAIM_DELEGATE_CUR:
      return { claim, delegateStateid: readStateId(x), file: readUtf8(x, 'component4') };
    case OpenClaim.CLAIM_DELEG_CUR_FH:
      return { claim, delegStateid: readStateId(x) };
    default:
      // CLAIM_FH and CLAIM_DELEG_PREV_FH are void; any other value is outside the union.
      return { claim };
  }
}

/** open_delegation4 (18.16.2) */
function readDelegation(x: XdrReader): unknown {
  const type = x.uint();
  switch (type) {
    case DelegationType.OPEN_DELEGATE_READ:
      return { type, stateid: readStateId(x), recall: x.bool(), permissions: readAce(x) };
    case DelegationType.OPEN_DELEGATE_WRITE: {
      const stateid = readStateId(x);
      const recall = x.bool();
      const limitBy = x.uint();
      const spaceLimit = limitBy === 1 ? { filesize: x.uhyper() } : { numBlocks: x.uint(), bytesPerBlock: x.uint() };
      return { type, stateid, recall, limitBy, spaceLimit, permissions: readAce(x) };
    }
    case DelegationType.OPEN_DELEGATE_NONE_EXT: {
      const why = x.uint();
      // WND4_CONTENTION (7) and WND4_RESOURCE (8) carry a bool.
      return why === 7 || why === 8 ? { type, why, will: x.bool() } : { type, why };
    }
    default:
      return { type };
  }
}

export const OPEN_CODECS: ReadonlyArray<readonly [number, OpCodec]> = [
  [
    Op.OPEN,
    {
      args: (x) => ({ seqid: x.uint(), shareAccess: x.uint(), shareDeny: x.uint(), owner: readStateOwner(x), openhow: readOpenHow(x), claim: readClaim(x) }),
      res: okOnly((x) => ({ stateid: readStateId(x), cinfo: readChangeInfo(x), rflags: x.uint(), attrset: readBitmap(x), delegation: readDelegation(x) })),
    },
  ],
  [Op.OPEN_CONFIRM, { args: (x) => ({ openStateid: readStateId(x), seqid: x.uint() }), res: okOnly((x) => ({ openStateid: readStateId(x) })) }],
  [
    Op.OPEN_DOWNGRADE,
    { args: (x) => ({ openStateid: readStateId(x), seqid: x.uint(), shareAccess: x.uint(), shareDeny: x.uint() }), res: okOnly((x) => ({ openStateid: readStateId(x) })) },
  ],
  [Op.CLOSE, { args: (x) => ({ seqid: x.uint(), openStateid: readStateId(x) }), res: okOnly((x) => ({ openStateid: readStateId(x) })) }],
  [Op.DELEGRETURN, { args: (x) => ({ delegStateid: readStateId(x) }), res: statusOnly }],
];

/** What OPEN creates, if anything (createhow4). */
export type OpenHow =
  | { opentype: 0 }
  | { opentype: 1; mode: 0 | 1; createattrs: Fattr }
  | { opentype: 1; mode: 2; createverf: Buffer }
  | { opentype: 1; mode: 3; createverf: Buffer; createattrs: Fattr };

/** OPEN by name (CLAIM_NULL), of the current filehandle (CLAIM_FH, NFSv4.1), or its reclaim after a server restart (CLAIM_PREVIOUS). */
export function encodeOpen(w: XdrWriter, a: { seqid: number; shareAccess: number; shareDeny: number; owner: StateOwner; how: OpenHow; name?: string; previous?: boolean }): void {
  w.uint(Op.OPEN).uint(a.seqid).uint(a.shareAccess).uint(a.shareDeny);
  writeStateOwner(w, a.owner);
  const how = a.how;
  w.uint(how.opentype);
  if (how.opentype === OpenType.OPEN4_CREATE) {
    w.uint(how.mode);
    if (how.mode === CreateMode.EXCLUSIVE4 || how.mode === CreateMode.EXCLUSIVE4_1) writeVerifier(w, how.createverf);
    if (how.mode !== CreateMode.EXCLUSIVE4) writeFattr(w, how.createattrs);
  }
  if (a.previous) w.uint(OpenClaim.CLAIM_PREVIOUS).uint(DelegationType.OPEN_DELEGATE_NONE);
  else if (a.name === undefined) w.uint(OpenClaim.CLAIM_FH);
  else w.uint(OpenClaim.CLAIM_NULL).string(a.name);
}
export function encodeOpenConfirm(w: XdrWriter, stateid: StateId, seqid: number): void {
  w.uint(Op.OPEN_CONFIRM);
  writeStateId(w, stateid);
  w.uint(seqid);
}
export function encodeClose(w: XdrWriter, seqid: number, stateid: StateId): void {
  w.uint(Op.CLOSE).uint(seqid);
  writeStateId(w, stateid);
}
