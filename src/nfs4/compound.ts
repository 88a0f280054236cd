// COMPOUND4args / COMPOUND4res (RFC 8881 16.2, RFC 7530 15.2): a list of operations sent
// as one RPC; the server runs them in order and stops at the first that fails.
import { ProtocolError } from '../errors.js';
import type { XdrReader, XdrWriter } from '../rpc/xdr.js';
import { opName } from './constants.js';
import { NFS4_OK } from './status.js';

/** A result slot filled when the reply is decoded (the op's NFS4_OK result). */
export class Out<T> {
  value: T | undefined;
  constructor(readonly what: string) {}
  /** The decoded value; throws if its op did not run or failed. */
  get(): T {
    if (this.value === undefined) throw new ProtocolError(`no ${this.what} result in the NFSv4 reply`, undefined, { protocol: 'nfs4' });
    return this.value;
  }
}

/** One operation of a compound: its encoder (op number included) and its resok decoder. */
export interface PlannedOp {
  readonly op: number;
  encode(w: XdrWriter): void;
  /** Reads the op's result after an NFS4_OK status (undefined: the result is the status alone). */
  decode?(x: XdrReader): void;
}

/** What a COMPOUND's reply said: its status, and which op failed (index into the ops sent). */
export interface CompoundStatus {
  status: number;
  /** Results the server returned (ops run, the failing one included). */
  count: number;
  /** Index of the failing op, or -1 when all succeeded. */
  failedAt: number;
  /** nfs_opnum4 of the failing op, or -1. */
  failedOp: number;
}

/** The operations of one COMPOUND, in order; built once, sent (perhaps again on a retry), decoded. */
export class Compound {
  readonly ops: PlannedOp[] = [];

  /** tag: free text echoed by the server (we put the VFS operation's name there, for traces). */
  constructor(readonly tag = '') {}

  /** An op whose result is its status only (PUTFH, SAVEFH, ...). */
  add(op: number, encode: (w: XdrWriter) => void): void {
    this.ops.push({ op, encode });
  }

  /** An op whose NFS4_OK result decode() reads into the returned Out. */
  res<T>(op: number, encode: (w: XdrWriter) => void, decode: (x: XdrReader) => T): Out<T> {
    const out = new Out<T>(opName(op));
    this.ops.push({
      op,
      encode,
      decode: (x) => {
        out.value = decode(x);
      },
    });
    return out;
  }

  get length(): number {
    return this.ops.length;
  }
}

/** Writes COMPOUND4args: the tag, the minor version, then head (SEQUENCE on 4.1) and the ops. */
export function encodeCompound(w: XdrWriter, minorVersion: number, c: Compound, head?: PlannedOp): void {
  w.string(c.tag).uint(minorVersion).uint(c.ops.length + (head ? 1 : 0));
  head?.encode(w);
  for (const op of c.ops) op.encode(w);
}

/**
 * Reads COMPOUND4res: every result's op number must be the one sent at its place, and each
 * NFS4_OK result is decoded by its op. Decoding stops at the first failing op (the server
 * stops there too; what follows its status is ignored).
 */
export function decodeCompound(x: XdrReader, c: Compound, head?: PlannedOp): CompoundStatus {
  const status = x.uint();
  x.opaque(undefined, 'COMPOUND4res tag');
  const count = x.uint();
  const sent = c.ops.length + (head ? 1 : 0);
  if (count > sent) throw new ProtocolError(`the NFSv4 reply has ${count} results for ${sent} operations`, undefined, { protocol: 'nfs4' });
  for (let i = 0; i < count; i++) {
    const planned = head ? (i === 0 ? head : c.ops[i - 1]) : c.ops[i];
    const op = x.uint();
    if (op !== planned.op) throw new ProtocolError(`the NFSv4 reply's result ${i} is for ${opName(op)}, not ${opName(planned.op)}`, undefined, { protocol: 'nfs4' });
    const st = x.uint();
    if (st !== NFS4_OK) {
      const failedAt = head ? i - 1 : i;
      return { status: st, count, failedAt, failedOp: op };
    }
    planned.decode?.(x);
  }
  if (status !== NFS4_OK) {
    // A server that fails the compound before running any op (e.g. NFS4ERR_MINOR_VERS_MISMATCH) returns no results.
    return { status, count, failedAt: count === 0 ? 0 : count - (head ? 1 : 0), failedOp: -1 };
  }
  if (count < sent) throw new ProtocolError(`the NFSv4 reply has ${count} results for ${sent} operations, all NFS4_OK`, undefined, { protocol: 'nfs4' });
  return { status, count, failedAt: -1, failedOp: -1 };
}
