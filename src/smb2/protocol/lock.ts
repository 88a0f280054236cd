import type { Reader, Writer } from '../../wire/index.js';
import { expectStructureSize, u16Field } from './body.js';
import { readFileId, writeFileId, type FileId } from './fileid.js';
import { decodeEmptyBody, encodeEmptyBody, type EmptyBody } from './simple.js';

export const LOCK_REQUEST_STRUCTURE_SIZE = 48;
const LOCK_ELEMENT_SIZE = 24;

/** MS-SMB2 2.2.26.1 SMB2_LOCK_ELEMENT Flags. */
export const LockFlags = {
  SMB2_LOCKFLAG_SHARED_LOCK: 0x00000001,
  SMB2_LOCKFLAG_EXCLUSIVE_LOCK: 0x00000002,
  SMB2_LOCKFLAG_UNLOCK: 0x00000004,
  SMB2_LOCKFLAG_FAIL_IMMEDIATELY: 0x00000010,
} as const;

// MS-SMB2 2.2.26.1 SMB2_LOCK_ELEMENT.
export interface LockElement {
  offset: bigint;
  length: bigint;
  flags: number;
}

// MS-SMB2 2.2.26 SMB2 LOCK Request.
export interface LockRequest {
  /** LockSequenceNumber (4 bits, SMB 2.1+ with resilient handles). */
  lockSequenceNumber: number;
  /** LockSequenceIndex (28 bits). */
  lockSequenceIndex: number;
  fileId: FileId;
  locks: LockElement[];
}

// MS-SMB2 2.2.27 SMB2 LOCK Response.
export type LockResponse = EmptyBody;

export function encodeLockRequest(w: Writer, req: LockRequest): void {
  if (req.locks.length === 0) throw new RangeError('a LOCK request needs at least one lock element');
  w.u16le(LOCK_REQUEST_STRUCTURE_SIZE).u16le(u16Field(req.locks.length, 'LockCount'));
  w.u32le(((req.lockSequenceIndex & 0x0fffffff) << 4) | (req.lockSequenceNumber & 0x0f));
  writeFileId(w, req.fileId);
  for (const l of req.locks) w.u64le(l.offset).u64le(l.length).u32le(l.flags).u32le(0);
}

export function decodeLockRequest(r: Reader): LockRequest {
  expectStructureSize(r, LOCK_REQUEST_STRUCTURE_SIZE, 'LOCK request');
  const lockCount = r.u16le();
  const sequence = r.u32le();
  const fileId = readFileId(r);
  const elements = r.sub(lockCount * LOCK_ELEMENT_SIZE);
  const locks: LockElement[] = [];
  for (let i = 0; i < lockCount; i++) {
    const offset = elements.u64le();
    const length = elements.u64le();
    const flags = elements.u32le();
    elements.skip(4);
    locks.push({ offset, length, flags });
  }
  return { lockSequenceNumber: sequence & 0x0f, lockSequenceIndex: sequence >>> 4, fileId, locks };
}

export function encodeLockResponse(w: Writer, _res: LockResponse = {}): void {
  encodeEmptyBody(w);
}

export function decodeLockResponse(r: Reader): LockResponse {
  return decodeEmptyBody(r, 'LOCK response');
}
