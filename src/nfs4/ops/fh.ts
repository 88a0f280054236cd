// Filehandle operations: PUTFH (RFC 8881 18.19), PUTPUBFH (18.20), PUTROOTFH (18.21),
// GETFH (18.8), SAVEFH (18.28), RESTOREFH (18.27), LOOKUP (18.13), LOOKUPP (18.14).
import type { XdrWriter } from '../../rpc/xdr.js';
import { Op } from '../constants.js';
import { NFS4_FHSIZE, noArgs, okOnly, readFh, readUtf8, statusOnly, type OpCodec } from './common.js';

export const FH_CODECS: ReadonlyArray<readonly [number, OpCodec]> = [
  [Op.PUTFH, { args: (x) => ({ object: readFh(x) }), res: statusOnly }],
  [Op.PUTPUBFH, { args: noArgs, res: statusOnly }],
  [Op.PUTROOTFH, { args: noArgs, res: statusOnly }],
  [Op.GETFH, { args: noArgs, res: okOnly((x) => ({ object: readFh(x) })) }],
  [Op.SAVEFH, { args: noArgs, res: statusOnly }],
  [Op.RESTOREFH, { args: noArgs, res: statusOnly }],
  [Op.LOOKUP, { args: (x) => ({ objname: readUtf8(x, 'component4') }), res: statusOnly }],
  [Op.LOOKUPP, { args: noArgs, res: statusOnly }],
];

export function encodePutFh(w: XdrWriter, fh: Buffer): void {
  w.uint(Op.PUTFH).opaque(fh, NFS4_FHSIZE);
}
export function encodePutRootFh(w: XdrWriter): void {
  w.uint(Op.PUTROOTFH);
}
export function encodeGetFh(w: XdrWriter): void {
  w.uint(Op.GETFH);
}
export function encodeSaveFh(w: XdrWriter): void {
  w.uint(Op.SAVEFH);
}
export function encodeRestoreFh(w: XdrWriter): void {
  w.uint(Op.RESTOREFH);
}
export function encodeLookup(w: XdrWriter, name: string): void {
  w.uint(Op.LOOKUP).string(name);
}
