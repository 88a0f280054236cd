// XDR types shared by the NFSv4 operations (RFC 8881 3.3, RFC 7530 2.2). Decoders read
// exactly the spec's XDR and throw only DecodeError (through XdrReader).
import type { XdrReader, XdrWriter } from '../../rpc/xdr.js';

/** NFS4_FHSIZE (RFC 8881 3.2). */
export const NFS4_FHSIZE = 128;
/** NFS4_VERIFIER_SIZE (RFC 8881 3.2). */
export const NFS4_VERIFIER_SIZE = 8;
/** NFS4_OPAQUE_LIMIT (RFC 8881 3.2). */
export const NFS4_OPAQUE_LIMIT = 1024;
/** NFS4_SESSIONID_SIZE (RFC 8881 3.2). */
export const NFS4_SESSIONID_SIZE = 16;
/** NFS4_DEVICEID4_SIZE (RFC 8881 3.3.14). */
export const NFS4_DEVICEID4_SIZE = 16;

/** The decoder of one operation's arguments or of its result past the nfsstat4. */
export type ArgsDecoder = (x: XdrReader) => unknown;
export type ResDecoder = (x: XdrReader, status: number) => unknown;
export interface OpCodec {
  args: ArgsDecoder;
  res: ResDecoder;
}

/** 3.3.5 stateid4 */
export interface StateId {
  seqid: number;
  other: Buffer;
}
export function readStateId(x: XdrReader): StateId {
  return { seqid: x.uint(), other: x.opaqueFixed(12) };
}
export function writeStateId(w: XdrWriter, s: StateId): void {
  if (s.other.length !== 12) throw new RangeError(`stateid4 other is ${s.other.length} bytes, not 12`);
  w.uint(s.seqid).opaqueFixed(s.other);
}

/** 3.3.1 bitmap4 */
export function readBitmap(x: XdrReader): number[] {
  return x.array(NFS4_OPAQUE_LIMIT, (r) => r.uint(), 4, 'bitmap4');
}
export function writeBitmap(w: XdrWriter, words: readonly number[]): void {
  w.uint(words.length);
  for (const word of words) w.uint(word);
}

/** 3.3.9 fattr4: the mask and the packed attribute values (decoded by the attribute layer). */
export interface Fattr {
  mask: number[];
  vals: Buffer;
}
export function readFattr(x: XdrReader): Fattr {
  return { mask: readBitmap(x), vals: x.opaque(XDR_MAX, 'fattr4 attr_vals') };
}
export function writeFattr(w: XdrWriter, f: Fattr): void {
  writeBitmap(w, f.mask);
  w.opaque(f.vals);
}

const XDR_MAX = 0xffffffff;

/** nfs_fh4 (3.3.4) */
export function readFh(x: XdrReader): Buffer {
  return x.opaque(NFS4_FHSIZE, 'nfs_fh4');
}
/** verifier4 */
export function readVerifier(x: XdrReader): Buffer {
  return x.opaqueFixed(NFS4_VERIFIER_SIZE);
}
/** component4 / utf8str_*: bytes on the wire, UTF-8 by convention (servers may send other bytes). */
export function readUtf8(x: XdrReader, what = 'utf8str'): string {
  return x.string(XDR_MAX, what);
}
/** sessionid4 */
export function readSessionId(x: XdrReader): Buffer {
  return x.opaqueFixed(NFS4_SESSIONID_SIZE);
}

/** 3.3.11 change_info4 */
export interface ChangeInfo {
  atomic: boolean;
  before: bigint;
  after: bigint;
}
export function readChangeInfo(x: XdrReader): ChangeInfo {
  return { atomic: x.bool(), before: x.uhyper(), after: x.uhyper() };
}

/** 3.3.13 state_owner4 (open_owner4, lock_owner4) */
export interface StateOwner {
  clientid: bigint;
  owner: Buffer;
}
export function readStateOwner(x: XdrReader): StateOwner {
  return { clientid: x.uhyper(), owner: x.opaque(NFS4_OPAQUE_LIMIT, 'state_owner4 owner') };
}

export function writeStateOwner(w: XdrWriter, o: StateOwner): void {
  w.uhyper(o.clientid).opaque(o.owner, NFS4_OPAQUE_LIMIT);
}
export function writeVerifier(w: XdrWriter, v: Buffer): void {
  if (v.length !== NFS4_VERIFIER_SIZE) throw new RangeError(`verifier4 is ${v.length} bytes, not ${NFS4_VERIFIER_SIZE}`);
  w.opaqueFixed(v);
}
export function writeSessionId(w: XdrWriter, id: Buffer): void {
  if (id.length !== NFS4_SESSIONID_SIZE) throw new RangeError(`sessionid4 is ${id.length} bytes, not ${NFS4_SESSIONID_SIZE}`);
  w.opaqueFixed(id);
}

/** 3.3.1 nfstime4 */
export function readTime(x: XdrReader): { seconds: bigint; nseconds: number } {
  return { seconds: x.hyper(), nseconds: x.uint() };
}

/** 3.3.9 netaddr4 */
export function readNetAddr(x: XdrReader): { netid: string; addr: string } {
  return { netid: x.string(XDR_MAX, 'r_netid'), addr: x.string(XDR_MAX, 'r_addr') };
}

/** 6.2.1 nfsace4 */
export function readAce(x: XdrReader): { type: number; flag: number; mask: number; who: string } {
  return { type: x.uint(), flag: x.uint(), mask: x.uint(), who: readUtf8(x, 'nfsace4 who') };
}

/** A result that is only its nfsstat4 (PUTFH4res, SAVEFH4res, ...). */
export const statusOnly: ResDecoder = () => undefined;
/** Arguments that are void (PUTROOTFH, GETFH, ...). */
export const noArgs: ArgsDecoder = () => undefined;

/** `union switch (nfsstat4 status) { case NFS4_OK: T resok4; default: void; }` */
export function okOnly(resok: (x: XdrReader) => unknown): ResDecoder {
  return (x, status) => (status === 0 ? resok(x) : undefined);
}
