// Attribute operations: GETATTR (RFC 8881 18.7), SETATTR (18.30), ACCESS (18.1),
// VERIFY (18.31), NVERIFY (18.15).
import type { XdrWriter } from '../../rpc/xdr.js';
import { Op } from '../constants.js';
import { okOnly, readBitmap, readFattr, readStateId, statusOnly, writeBitmap, writeFattr, writeStateId, type Fattr, type OpCodec, type StateId } from './common.js';

export const ATTR_CODECS: ReadonlyArray<readonly [number, OpCodec]> = [
  [Op.GETATTR, { args: (x) => ({ attrRequest: readBitmap(x) }), res: okOnly((x) => ({ objAttributes: readFattr(x) })) }],
  // SETATTR4res carries attrsset whatever the status.
  [Op.SETATTR, { args: (x) => ({ stateid: readStateId(x), objAttributes: readFattr(x) }), res: (x) => ({ attrsset: readBitmap(x) }) }],
  [Op.ACCESS, { args: (x) => ({ access: x.uint() }), res: okOnly((x) => ({ supported: x.uint(), access: x.uint() })) }],
  [Op.VERIFY, { args: (x) => ({ objAttributes: readFattr(x) }), res: statusOnly }],
  [Op.NVERIFY, { args: (x) => ({ objAttributes: readFattr(x) }), res: statusOnly }],
];

export function encodeGetAttr(w: XdrWriter, mask: readonly number[]): void {
  w.uint(Op.GETATTR);
  writeBitmap(w, mask);
}
export function encodeSetAttr(w: XdrWriter, stateid: StateId, attrs: Fattr): void {
  w.uint(Op.SETATTR);
  writeStateId(w, stateid);
  writeFattr(w, attrs);
}
export function encodeAccess(w: XdrWriter, access: number): void {
  w.uint(Op.ACCESS).uint(access);
}
/** VERIFY or NVERIFY: the op number chooses. */
export function encodeVerify(w: XdrWriter, op: typeof Op.VERIFY | typeof Op.NVERIFY, attrs: Fattr): void {
  w.uint(op);
  writeFattr(w, attrs);
}
