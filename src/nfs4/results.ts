// The resok parts the client keeps, typed, with every byte it keeps copied out of the reply
// record (the record's buffer is reused once the compound is decoded).
import type { XdrReader } from '../rpc/xdr.js';
import { decodeAttrs, type Nfs4Attrs } from './attrs.js';
import { NFS4_FHSIZE, readBitmap, readFattr, readVerifier, type StateId } from './ops/common.js';
import { DelegationType } from './ops/open.js';

export function copyStateId(x: XdrReader): StateId {
  return { seqid: x.uint(), other: Buffer.from(x.opaqueFixed(12)) };
}

/** GETFH4resok (RFC 8881 18.8) */
export function readFhRes(x: XdrReader): Buffer {
  return Buffer.from(x.opaque(NFS4_FHSIZE, 'nfs_fh4'));
}

/** GETATTR4resok / fattr4 (3.3.9), decoded where it lies in the reply (decodeAttrs copies what it keeps). */
export function readAttrsRes(x: XdrReader): Nfs4Attrs {
  return decodeAttrs(readFattr(x));
}

/** change_info4 (3.3.11), skipped: the client re-reads what it needs. */
function skipChangeInfo(x: XdrReader): void {
  x.bool();
  x.uhyper();
  x.uhyper();
}

/** nfsace4 (6.2.1), skipped. */
function skipAce(x: XdrReader): void {
  x.uint();
  x.uint();
  x.uint();
  x.opaque(undefined, 'nfsace4 who');
}

export interface OpenRes {
  stateid: StateId;
  rflags: number;
  /** A delegation's stateid, to return at close (netfs asks for none, a server may grant one). */
  delegation?: StateId;
}

/** OPEN4resok (RFC 8881 18.16.2) */
export function readOpenRes(x: XdrReader): OpenRes {
  const stateid = copyStateId(x);
  skipChangeInfo(x);
  const rflags = x.uint();
  readBitmap(x);
  const type = x.uint();
  let delegation: StateId | undefined;
  if (type === DelegationType.OPEN_DELEGATE_READ) {
    delegation = copyStateId(x);
    x.bool();
    skipAce(x);
  } else if (type === DelegationType.OPEN_DELEGATE_WRITE) {
    delegation = copyStateId(x);
    x.bool();
    if (x.uint() === 1) x.uhyper();
    else {
      x.uint();
      x.uint();
    }
    skipAce(x);
  } else if (type === DelegationType.OPEN_DELEGATE_NONE_EXT) {
    const why = x.uint();
    if (why === 7 || why === 8) x.bool();
  }
  return { stateid, rflags, delegation };
}

/** OPEN_CONFIRM4resok, CLOSE4res, LOCKU4res, OPEN_DOWNGRADE4resok: a stateid. */
export const readStateIdRes = copyStateId;

/** READ4resok (18.22): copies the data into target at offset; the count copied. */
export function readReadRes(x: XdrReader, target: Buffer, offset: number, max: number): { count: number; eof: boolean } {
  const eof = x.bool();
  const data = x.opaque(undefined, 'READ data');
  const count = Math.min(data.length, max);
  data.copy(target, offset, 0, count);
  return { count, eof };
}

export interface WriteRes {
  count: number;
  committed: number;
  verf: Buffer;
}
/** WRITE4resok (18.32) */
export function readWriteRes(x: XdrReader): WriteRes {
  return { count: x.uint(), committed: x.uint(), verf: Buffer.from(readVerifier(x)) };
}

/** COMMIT4resok (18.3) */
export function readCommitRes(x: XdrReader): Buffer {
  return Buffer.from(readVerifier(x));
}

/** READLINK4resok (18.24) */
export function readReadLinkRes(x: XdrReader): string {
  return x.string(undefined, 'linktext4');
}

export interface ReadDirEntry {
  cookie: bigint;
  name: string;
  attrs: Nfs4Attrs;
}
export interface ReadDirRes {
  cookieverf: Buffer;
  entries: ReadDirEntry[];
  eof: boolean;
}
/** READDIR4resok (18.23): the verifier, the entries (a linked list in XDR), eof. */
export function readReadDirRes(x: XdrReader): ReadDirRes {
  const cookieverf = Buffer.from(readVerifier(x));
  const entries: ReadDirEntry[] = [];
  while (x.bool()) entries.push({ cookie: x.uhyper(), name: x.string(undefined, 'component4'), attrs: readAttrsRes(x) });
  return { cookieverf, entries, eof: x.bool() };
}

/** LOCK4resok (18.10): the lock stateid. */
export const readLockRes = copyStateId;

export interface ExchangeIdRes {
  clientid: bigint;
  sequenceid: number;
  flags: number;
}
/** EXCHANGE_ID4resok (18.35): what the client needs; the rest is read past. */
export function readExchangeIdRes(x: XdrReader): ExchangeIdRes {
  const clientid = x.uhyper();
  const sequenceid = x.uint();
  const flags = x.uint();
  return { clientid, sequenceid, flags };
}

export interface CreateSessionRes {
  sessionid: Buffer;
  sequence: number;
  flags: number;
  /** ca_maxrequestsize, ca_maxresponsesize, ca_maxoperations, ca_maxrequests of the fore channel. */
  maxRequestSize: number;
  maxResponseSize: number;
  maxOperations: number;
  maxRequests: number;
}
/** CREATE_SESSION4resok (18.36) */
export function readCreateSessionRes(x: XdrReader): CreateSessionRes {
  const sessionid = Buffer.from(x.opaqueFixed(16));
  const sequence = x.uint();
  const flags = x.uint();
  x.uint(); // ca_headerpadsize
  const maxRequestSize = x.uint();
  const maxResponseSize = x.uint();
  x.uint(); // ca_maxresponsesize_cached
  const maxOperations = x.uint();
  const maxRequests = x.uint();
  return { sessionid, sequence, flags, maxRequestSize, maxResponseSize, maxOperations, maxRequests };
}

export interface SequenceRes {
  highestSlotid: number;
  targetHighestSlotid: number;
  statusFlags: number;
}
/** SEQUENCE4resok (18.46) */
export function readSequenceRes(x: XdrReader): SequenceRes {
  x.opaqueFixed(16);
  x.uint();
  x.uint();
  return { highestSlotid: x.uint(), targetHighestSlotid: x.uint(), statusFlags: x.uint() };
}

/** SETCLIENTID4resok (RFC 7530 16.33) */
export function readSetClientIdRes(x: XdrReader): { clientid: bigint; confirm: Buffer } {
  return { clientid: x.uhyper(), confirm: Buffer.from(readVerifier(x)) };
}

/** ACCESS4resok (18.1) */
export function readAccessRes(x: XdrReader): { supported: number; access: number } {
  return { supported: x.uint(), access: x.uint() };
}

/** SEEK4resok (RFC 7862 15.11) */
export function readSeekRes(x: XdrReader): { eof: boolean; offset: bigint } {
  return { eof: x.bool(), offset: x.uhyper() };
}


/** COPY4resok (RFC 7862 15.2.2): write_response4 and copy_requirements4; the bytes copied. */
export function readCopyRes(x: XdrReader): bigint {
  x.array(1, copyStateId, 16, 'wr_callback_id');
  const count = x.uhyper();
  x.uint();
  readVerifier(x);
  x.bool();
  x.bool();
  return count;
}
