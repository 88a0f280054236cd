// NFSv4.2 operations (RFC 7862): ALLOCATE (15.1), COPY (15.2), DEALLOCATE (15.4), SEEK (15.11),
// OFFLOAD_CANCEL (15.8), OFFLOAD_STATUS (15.9), and CLONE (op 71, from draft-ietf-nfsv4-clone as Linux and Ganesha speak it).
import type { XdrReader, XdrWriter } from '../../rpc/xdr.js';
import { Op } from '../constants.js';
import { NFS4_OPAQUE_LIMIT, okOnly, readStateId, readUtf8, readVerifier, statusOnly, writeStateId, type OpCodec, type StateId } from './common.js';

/** data_content4 (RFC 7862 15.11.1) */
export const DataContent = { NFS4_CONTENT_DATA: 0, NFS4_CONTENT_HOLE: 1 } as const;
/** netloc_type4 (RFC 7862 4.10.1) */
const NetlocType = { NL4_NAME: 1, NL4_URL: 2, NL4_NETADDR: 3 } as const;
const NFS4ERR_OFFLOAD_NO_REQS = 10094;

/** netloc4 (RFC 7862 4.10.1) */
function readNetloc(x: XdrReader): unknown {
  const type = x.uint();
  if (type === NetlocType.NL4_NETADDR) return { type, netid: readUtf8(x, 'r_netid'), addr: readUtf8(x, 'r_addr') };
  return { type, name: readUtf8(x, 'netloc4') };
}

/** write_response4 (RFC 7862 15.2.2) */
function readWriteResponse(x: XdrReader): unknown {
  return { callbackId: x.array(1, readStateId, 16, 'wr_callback_id'), count: x.uhyper(), committed: x.uint(), writeverf: readVerifier(x) };
}

/** copy_requirements4 (RFC 7862 15.2.2) */
function readCopyRequirements(x: XdrReader): unknown {
  return { consecutive: x.bool(), synchronous: x.bool() };
}

/** The arguments of ALLOCATE and DEALLOCATE: a stateid and a range. */
function readRangeArgs(x: XdrReader): unknown {
  return { stateid: readStateId(x), offset: x.uhyper(), length: x.uhyper() };
}

export const V42_CODECS: ReadonlyArray<readonly [number, OpCodec]> = [
  [Op.ALLOCATE, { args: readRangeArgs, res: statusOnly }],
  [Op.DEALLOCATE, { args: readRangeArgs, res: statusOnly }],
  [
    Op.COPY,
    {
      args: (x) => ({
        srcStateid: readStateId(x),
        dstStateid: readStateId(x),
        srcOffset: x.uhyper(),
        dstOffset: x.uhyper(),
        count: x.uhyper(),
        consecutive: x.bool(),
        synchronous: x.bool(),
        sourceServer: x.array(NFS4_OPAQUE_LIMIT, readNetloc, 8, 'ca_source_server'),
      }),
      res: (x, status) => {
        if (status === 0) return { response: readWriteResponse(x), requirements: readCopyRequirements(x) };
        if (status === NFS4ERR_OFFLOAD_NO_REQS) return { requirements: readCopyRequirements(x) };
        return undefined;
      },
    },
  ],
  [Op.SEEK, { args: (x) => ({ stateid: readStateId(x), offset: x.uhyper(), what: x.uint() }), res: okOnly((x) => ({ eof: x.bool(), offset: x.uhyper() })) }],
  [
    Op.CLONE,
    { args: (x) => ({ srcStateid: readStateId(x), dstStateid: readStateId(x), srcOffset: x.uhyper(), dstOffset: x.uhyper(), count: x.uhyper() }), res: statusOnly },
  ],
  [Op.OFFLOAD_CANCEL, { args: (x) => ({ stateid: readStateId(x) }), res: statusOnly }],
  [Op.OFFLOAD_STATUS, { args: (x) => ({ stateid: readStateId(x) }), res: okOnly((x) => ({ count: x.uhyper(), complete: x.array(1, (r) => r.uint(), 4, 'osr_complete') })) }],
];

export function encodeAllocate(w: XdrWriter, op: typeof Op.ALLOCATE | typeof Op.DEALLOCATE, stateid: StateId, offset: bigint, length: bigint): void {
  w.uint(op);
  writeStateId(w, stateid);
  w.uhyper(offset).uhyper(length);
}
export function encodeSeek(w: XdrWriter, stateid: StateId, offset: bigint, what: number): void {
  w.uint(Op.SEEK);
  writeStateId(w, stateid);
  w.uhyper(offset).uint(what);
}
/** An intra-server, synchronous COPY (no source servers). */
export function encodeCopy(w: XdrWriter, a: { src: StateId; dst: StateId; srcOffset: bigint; dstOffset: bigint; count: bigint }): void {
  w.uint(Op.COPY);
  writeStateId(w, a.src);
  writeStateId(w, a.dst);
  w.uhyper(a.srcOffset).uhyper(a.dstOffset).uhyper(a.count).bool(true).bool(true).uint(0);
}
export function encodeClone(w: XdrWriter, a: { src: StateId; dst: StateId; srcOffset: bigint; dstOffset: bigint; count: bigint }): void {
  w.uint(Op.CLONE);
  writeStateId(w, a.src);
  writeStateId(w, a.dst);
  w.uhyper(a.srcOffset).uhyper(a.dstOffset).uhyper(a.count);
}
