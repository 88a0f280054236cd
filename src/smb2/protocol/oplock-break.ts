import type { Reader, Writer } from '../../wire/index.js';
import { guidField, peekStructureSize } from './body.js';
import { readFileId, writeFileId, type FileId } from './fileid.js';

// MS-SMB2 2.2.23 / 2.2.24 / 2.2.25 OPLOCK_BREAK: one command, told apart by StructureSize.
export const OPLOCK_BREAK_STRUCTURE_SIZE = 24;
export const LEASE_BREAK_NOTIFICATION_STRUCTURE_SIZE = 44;
export const LEASE_BREAK_ACK_STRUCTURE_SIZE = 36;

/** MS-SMB2 2.2.23.2 Flags. */
export const LeaseBreakNotificationFlags = { SMB2_NOTIFY_BREAK_LEASE_FLAG_ACK_REQUIRED: 0x00000001 } as const;

/** MS-SMB2 2.2.23.1 Oplock Break Notification, 2.2.24.1 Acknowledgment, 2.2.25.1 Response: one shape. */
export interface OplockBreak {
  type: 'OPLOCK_BREAK';
  oplockLevel: number;
  fileId: FileId;
}

// MS-SMB2 2.2.23.2 Lease Break Notification.
export interface LeaseBreakNotification {
  type: 'LEASE_BREAK_NOTIFICATION';
  newEpoch: number;
  flags: number;
  leaseKey: Buffer;
  currentLeaseState: number;
  newLeaseState: number;
  breakReason: number;
  accessMaskHint: number;
  shareMaskHint: number;
}

/** MS-SMB2 2.2.24.2 Lease Break Acknowledgment and 2.2.25.2 Lease Break Response: one shape. */
export interface LeaseBreakAck {
  type: 'LEASE_BREAK_ACK';
  flags: number;
  leaseKey: Buffer;
  leaseState: number;
  leaseDuration: bigint;
}

/** What the client sends (2.2.24). */
export type OplockBreakRequest = OplockBreak | LeaseBreakAck;
/** What the server sends (2.2.23 notifications and 2.2.25 responses). */
export type OplockBreakResponse = OplockBreak | LeaseBreakNotification | LeaseBreakAck;

function encodeOplockBreak(w: Writer, b: OplockBreak): void {
  w.u16le(OPLOCK_BREAK_STRUCTURE_SIZE).u8(b.oplockLevel).u8(0).u32le(0);
  writeFileId(w, b.fileId);
}

function decodeOplockBreak(r: Reader): OplockBreak {
  r.skip(2);
  const oplockLevel = r.u8();
  r.skip(5);
  return { type: 'OPLOCK_BREAK', oplockLevel, fileId: readFileId(r) };
}

function encodeLeaseBreakAck(w: Writer, a: LeaseBreakAck): void {
  w.u16le(LEASE_BREAK_ACK_STRUCTURE_SIZE).u16le(0).u32le(a.flags).bytes(guidField(a.leaseKey, 'LeaseKey')).u32le(a.leaseState).u64le(a.leaseDuration);
}

function decodeLeaseBreakAck(r: Reader): LeaseBreakAck {
  r.skip(4);
  const flags = r.u32le();
  const leaseKey = r.bytes(16);
  const leaseState = r.u32le();
  return { type: 'LEASE_BREAK_ACK', flags, leaseKey, leaseState, leaseDuration: r.u64le() };
}

function encodeLeaseBreakNotification(w: Writer, n: LeaseBreakNotification): void {
  w.u16le(LEASE_BREAK_NOTIFICATION_STRUCTURE_SIZE).u16le(n.newEpoch).u32le(n.flags).bytes(guidField(n.leaseKey, 'LeaseKey'));
  w.u32le(n.currentLeaseState).u32le(n.newLeaseState).u32le(n.breakReason).u32le(n.accessMaskHint).u32le(n.shareMaskHint);
}

function decodeLeaseBreakNotification(r: Reader): LeaseBreakNotification {
  r.skip(2);
  const newEpoch = r.u16le();
  const flags = r.u32le();
  const leaseKey = r.bytes(16);
  const currentLeaseState = r.u32le();
  const newLeaseState = r.u32le();
  const breakReason = r.u32le();
  const accessMaskHint = r.u32le();
  const shareMaskHint = r.u32le();
  return { type: 'LEASE_BREAK_NOTIFICATION', newEpoch, flags, leaseKey, currentLeaseState, newLeaseState, breakReason, accessMaskHint, shareMaskHint };
}

export function encodeOplockBreakRequest(w: Writer, req: OplockBreakRequest): void {
  if (req.type === 'OPLOCK_BREAK') encodeOplockBreak(w, req);
  else encodeLeaseBreakAck(w, req);
}

export function decodeOplockBreakRequest(r: Reader): OplockBreakRequest {
  const size = peekStructureSize(r);
  if (size === OPLOCK_BREAK_STRUCTURE_SIZE) return decodeOplockBreak(r);
  if (size === LEASE_BREAK_ACK_STRUCTURE_SIZE) return decodeLeaseBreakAck(r);
  return r.fail(`OPLOCK_BREAK acknowledgment StructureSize ${size}, expected 24 or 36`);
}

export function encodeOplockBreakResponse(w: Writer, res: OplockBreakResponse): void {
  if (res.type === 'OPLOCK_BREAK') encodeOplockBreak(w, res);
  else if (res.type === 'LEASE_BREAK_ACK') encodeLeaseBreakAck(w, res);
  else encodeLeaseBreakNotification(w, res);
}

export function decodeOplockBreakResponse(r: Reader): OplockBreakResponse {
  const size = peekStructureSize(r);
  if (size === OPLOCK_BREAK_STRUCTURE_SIZE) return decodeOplockBreak(r);
  if (size === LEASE_BREAK_NOTIFICATION_STRUCTURE_SIZE) return decodeLeaseBreakNotification(r);
  if (size === LEASE_BREAK_ACK_STRUCTURE_SIZE) return decodeLeaseBreakAck(r);
  return r.fail(`OPLOCK_BREAK StructureSize ${size}, expected 24, 36 or 44`);
}
