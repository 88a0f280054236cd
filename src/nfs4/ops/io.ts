// Data operations: READ (RFC 8881 18.22), WRITE (18.32), COMMIT (18.3).
import type { XdrWriter } from '../../rpc/xdr.js';
import { Op } from '../constants.js';
import { okOnly, readStateId, readVerifier, writeStateId, type OpCodec, type StateId } from './common.js';

/** stable_how4 (18.32.1) */
export const StableHow = { UNSTABLE4: 0, DATA_SYNC4: 1, FILE_SYNC4: 2 } as const;

export const IO_CODECS: ReadonlyArray<readonly [number, OpCodec]> = [
  [Op.READ, { args: (x) => ({ stateid: readStateId(x), offset: x.uhyper(), count: x.uint() }), res: okOnly((x) => ({ eof: x.bool(), data: x.opaque() })) }],
  [
    Op.WRITE,
    {
      args: (x) => ({ stateid: readStateId(x), offset: x.uhyper(), stable: x.uint(), data: x.opaque() }),
      res: okOnly((x) => ({ count: x.uint(), committed: x.uint(), writeverf: readVerifier(x) })),
    },
  ],
  [Op.COMMIT, { args: (x) => ({ offset: x.uhyper(), count: x.uint() }), res: okOnly((x) => ({ writeverf: readVerifier(x) })) }],
];

export function encodeRead(w: XdrWriter, stateid: StateId, offset: bigint, count: number): void {
  w.uint(Op.READ);
  writeStateId(w, stateid);
  w.uhyper(offset).uint(count);
}
/** The data is added by reference (no copy). */
export function encodeWrite(w: XdrWriter, stateid: StateId, offset: bigint, stable: number, data: Buffer): void {
  w.uint(Op.WRITE);
  writeStateId(w, stateid);
  w.uhyper(offset).uint(stable).opaqueRef(data);
}
export function encodeCommit(w: XdrWriter, offset: bigint, count: number): void {
  w.uint(Op.COMMIT).uhyper(offset).uint(count);
}
