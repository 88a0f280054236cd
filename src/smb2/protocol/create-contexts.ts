import { Reader, Writer } from '../../wire/index.js';
import { guidField, readerAt, u16Field } from './body.js';
import { readFileId, writeFileId, type FileId } from './fileid.js';
import { SMB3_POSIX_GUID } from './negotiate-contexts.js';
import { decodeSid, encodeSid, type Sid } from '../../smb-common/security/index.js';

// MS-SMB2 2.2.13.2 SMB2_CREATE_CONTEXT: Next, NameOffset, NameLength, Reserved, DataOffset,
// DataLength, then Name and Data (each 8-byte aligned from the context's start).

const CONTEXT_HEADER_SIZE = 16;

/** MS-SMB2 2.2.13.2 / 2.2.14.2 four-character names, and the 16-byte POSIX tag. */
export const CreateContextName = {
  SMB2_CREATE_EA_BUFFER: 'ExtA',
  SMB2_CREATE_SD_BUFFER: 'SecD',
  SMB2_CREATE_DURABLE_HANDLE_REQUEST: 'DHnQ',
  SMB2_CREATE_DURABLE_HANDLE_RECONNECT: 'DHnC',
  SMB2_CREATE_ALLOCATION_SIZE: 'AlSi',
  SMB2_CREATE_QUERY_MAXIMAL_ACCESS_REQUEST: 'MxAc',
  SMB2_CREATE_TIMEWARP_TOKEN: 'TWrp',
  SMB2_CREATE_QUERY_ON_DISK_ID: 'QFid',
  SMB2_CREATE_REQUEST_LEASE: 'RqLs',
  SMB2_CREATE_DURABLE_HANDLE_REQUEST_V2: 'DH2Q',
  SMB2_CREATE_DURABLE_HANDLE_RECONNECT_V2: 'DH2C',
} as const;

/** MS-SMB2 2.2.13.2.8 / 2.2.13.2.10 lease Flags (v2 adds the parent key flag). */
export const LeaseFlags = {
  SMB2_LEASE_FLAG_BREAK_IN_PROGRESS: 0x00000002,
  SMB2_LEASE_FLAG_PARENT_LEASE_KEY_SET: 0x00000004,
} as const;

/** MS-SMB2 2.2.13.2.11 DH2Q Flags. */
export const DurableHandleV2Flags = { SMB2_DHANDLE_FLAG_PERSISTENT: 0x00000002 } as const;

/** One context as it is on the wire: a name (4 ASCII bytes or a 16-byte GUID) and its data. */
export interface RawCreateContext {
  name: Buffer;
  data: Buffer;
}

/** MS-SMB2 2.2.13.2.8 (v1, 32 bytes) and 2.2.13.2.10 (v2, 52 bytes) SMB2_CREATE_REQUEST_LEASE(_V2); responses 2.2.14.2.10/11 are the same shape. */
export type Lease =
  | { version: 1; leaseKey: Buffer; leaseState: number; leaseFlags: number; leaseDuration: bigint }
  | { version: 2; leaseKey: Buffer; leaseState: number; leaseFlags: number; leaseDuration: bigint; parentLeaseKey: Buffer; epoch: number };

/** Create contexts a client sends (MS-SMB2 2.2.13.2.x); anything else is kept raw. */
export type CreateRequestContext =
  | { type: 'ExtA'; eaBuffer: Buffer } // 2.2.13.2.1 FILE_FULL_EA_INFORMATION list (MS-FSCC 2.4.15)
  | { type: 'SecD'; securityDescriptor: Buffer } // 2.2.13.2.2 (MS-DTYP 2.4.6, self-relative)
  | { type: 'DHnQ' } // 2.2.13.2.3 (16 reserved bytes)
  | { type: 'DHnC'; fileId: FileId } // 2.2.13.2.4
  | { type: 'MxAc'; timestamp?: bigint } // 2.2.13.2.5
  | { type: 'AlSi'; allocationSize: bigint } // 2.2.13.2.6
  | { type: 'TWrp'; timestamp: bigint } // 2.2.13.2.7
  | { type: 'RqLs'; lease: Lease } // 2.2.13.2.8 / 2.2.13.2.10
  | { type: 'QFid' } // 2.2.13.2.9
  | { type: 'DH2Q'; timeout: number; flags: number; createGuid: Buffer } // 2.2.13.2.11
  | { type: 'DH2C'; fileId: FileId; createGuid: Buffer; flags: number } // 2.2.13.2.12
  | { type: 'POSIX'; mode: number } // SMB3 POSIX extensions: the requested mode
  | { type: 'UNKNOWN'; name: Buffer; data: Buffer };

/** Create contexts a server returns (MS-SMB2 2.2.14.2.x). */
export type CreateResponseContext =
  | { type: 'DHnQ' } // 2.2.14.2.3 (8 reserved bytes)
  | { type: 'MxAc'; queryStatus: number; maximalAccess: number } // 2.2.14.2.5
  | { type: 'QFid'; diskFileId: bigint; volumeId: bigint } // 2.2.14.2.9
  | { type: 'RqLs'; lease: Lease } // 2.2.14.2.10 / 2.2.14.2.11
  | { type: 'DH2Q'; timeout: number; flags: number } // 2.2.14.2.12
  | { type: 'POSIX'; nlink: number; reparseTag: number; posixPerms: number; owner: Sid; group: Sid } // SMB3 POSIX create context response (Samba smb2_posix_cc_info)
  | { type: 'UNKNOWN'; name: Buffer; data: Buffer };

/** The context's name as its type when it is a known 4-character tag or the POSIX GUID; otherwise undefined. */
function knownName(name: Buffer): string | undefined {
  if (name.length === 16 && name.equals(SMB3_POSIX_GUID)) return 'POSIX';
  if (name.length !== 4) return undefined;
  const s = name.toString('latin1');
  return (Object.values(CreateContextName) as string[]).includes(s) ? s : undefined;
}

function nameBytes(type: string): Buffer {
  return type === 'POSIX' ? SMB3_POSIX_GUID : Buffer.from(type, 'latin1');
}

function writeLease(w: Writer, l: Lease): void {
  w.bytes(guidField(l.leaseKey, 'LeaseKey')).u32le(l.leaseState).u32le(l.leaseFlags).u64le(l.leaseDuration);
  if (l.version === 2) w.bytes(guidField(l.parentLeaseKey, 'ParentLeaseKey')).u16le(l.epoch).u16le(0);
}

const LEASE_V2_SIZE = 52;

function readLease(r: Reader): Lease {
  const v2 = r.length >= LEASE_V2_SIZE;
  const leaseKey = r.bytes(16);
  const leaseState = r.u32le();
  const leaseFlags = r.u32le();
  const leaseDuration = r.u64le();
  if (!v2) return { version: 1, leaseKey, leaseState, leaseFlags, leaseDuration };
  const parentLeaseKey = r.bytes(16);
  const epoch = r.u16le();
  return { version: 2, leaseKey, leaseState, leaseFlags, leaseDuration, parentLeaseKey, epoch };
}

/** Fixed-size context data is at most 52 bytes (a v2 lease); a POSIX response adds two SIDs of at most 68. */
const MAX_FIXED_DATA = 160;

function build(variableLength: number, fill: (w: Writer) => void): Buffer {
  const w = new Writer(MAX_FIXED_DATA + variableLength);
  fill(w);
  return w.finish();
}

/** A request context as its name and data bytes. */
export function encodeCreateRequestContext(c: CreateRequestContext): RawCreateContext {
  if (c.type === 'UNKNOWN') return { name: c.name, data: c.data };
  const variable = c.type === 'ExtA' ? c.eaBuffer.length : c.type === 'SecD' ? c.securityDescriptor.length : 0;
  const data = build(variable, (w) => {
    switch (c.type) {
      case 'ExtA':
        w.bytes(c.eaBuffer);
        return;
      case 'SecD':
        w.bytes(c.securityDescriptor);
        return;
      case 'DHnQ':
        w.zeros(16);
        return;
      case 'DHnC':
        writeFileId(w, c.fileId);
        return;
      case 'MxAc':
        if (c.timestamp !== undefined) w.u64le(c.timestamp);
        return;
      case 'AlSi':
        w.u64le(c.allocationSize);
        return;
      case 'TWrp':
        w.u64le(c.timestamp);
        return;
      case 'RqLs':
        writeLease(w, c.lease);
        return;
      case 'QFid':
        return;
      case 'DH2Q':
        w.u32le(c.timeout).u32le(c.flags).zeros(8).bytes(guidField(c.createGuid, 'CreateGuid'));
        return;
      case 'DH2C':
        writeFileId(w, c.fileId);
        w.bytes(guidField(c.createGuid, 'CreateGuid')).u32le(c.flags);
        return;
      case 'POSIX':
        w.u32le(c.mode);
        return;
    }
  });
  return { name: nameBytes(c.type), data };
}

/** Decodes a request context's data by its name; unknown names stay raw. */
export function decodeCreateRequestContext(raw: RawCreateContext): CreateRequestContext {
  const r = new Reader(raw.data);
  switch (knownName(raw.name)) {
    case 'ExtA':
      return { type: 'ExtA', eaBuffer: raw.data };
    case 'SecD':
      return { type: 'SecD', securityDescriptor: raw.data };
    case 'DHnQ':
      return { type: 'DHnQ' };
    case 'DHnC':
      return { type: 'DHnC', fileId: readFileId(r) };
    case 'MxAc':
      return raw.data.length >= 8 ? { type: 'MxAc', timestamp: r.u64le() } : { type: 'MxAc' };
    case 'AlSi':
      return { type: 'AlSi', allocationSize: r.u64le() };
    case 'TWrp':
      return { type: 'TWrp', timestamp: r.u64le() };
    case 'RqLs':
      return { type: 'RqLs', lease: readLease(r) };
    case 'QFid':
      return { type: 'QFid' };
    case 'DH2Q': {
      const timeout = r.u32le();
      const flags = r.u32le();
      r.skip(8);
      return { type: 'DH2Q', timeout, flags, createGuid: r.bytes(16) };
    }
    case 'DH2C': {
      const fileId = readFileId(r);
      const createGuid = r.bytes(16);
      return { type: 'DH2C', fileId, createGuid, flags: r.u32le() };
    }
    case 'POSIX':
      return { type: 'POSIX', mode: r.u32le() };
    default:
      return { type: 'UNKNOWN', name: raw.name, data: raw.data };
  }
}

/** A response context as its name and data bytes. */
export function encodeCreateResponseContext(c: CreateResponseContext): RawCreateContext {
  if (c.type === 'UNKNOWN') return { name: c.name, data: c.data };
  const data = build(0, (w) => {
    switch (c.type) {
      case 'DHnQ':
        w.zeros(8);
        return;
      case 'MxAc':
        w.u32le(c.queryStatus).u32le(c.maximalAccess);
        return;
      case 'QFid':
        w.u64le(c.diskFileId).u64le(c.volumeId).zeros(16);
        return;
      case 'RqLs':
        writeLease(w, c.lease);
        return;
      case 'DH2Q':
        w.u32le(c.timeout).u32le(c.flags);
        return;
      case 'POSIX':
        w.u32le(c.nlink).u32le(c.reparseTag).u32le(c.posixPerms);
        encodeSid(w, c.owner);
        encodeSid(w, c.group);
        return;
    }
  });
  return { name: nameBytes(c.type), data };
}

/** Decodes a response context's data by its name; unknown names (and request-only names) stay raw. */
export function decodeCreateResponseContext(raw: RawCreateContext): CreateResponseContext {
  const r = new Reader(raw.data);
  switch (knownName(raw.name)) {
    case 'DHnQ':
      return { type: 'DHnQ' };
    case 'MxAc': {
      const queryStatus = r.u32le();
      return { type: 'MxAc', queryStatus, maximalAccess: r.u32le() };
    }
    case 'QFid': {
      const diskFileId = r.u64le();
      return { type: 'QFid', diskFileId, volumeId: r.u64le() };
    }
    case 'RqLs':
      return { type: 'RqLs', lease: readLease(r) };
    case 'DH2Q': {
      const timeout = r.u32le();
      return { type: 'DH2Q', timeout, flags: r.u32le() };
    }
    case 'POSIX': {
      const nlink = r.u32le();
      const reparseTag = r.u32le();
      const posixPerms = r.u32le();
      const owner = decodeSid(r);
      return { type: 'POSIX', nlink, reparseTag, posixPerms, owner, group: decodeSid(r) };
    }
    default:
      return { type: 'UNKNOWN', name: raw.name, data: raw.data };
  }
}

/**
 * Writes a context list at the Writer's position (which must be 8-aligned from the
 * header). Returns the list's length, which excludes the last context's padding.
 */
export function writeCreateContexts(w: Writer, contexts: readonly RawCreateContext[]): number {
  const listStart = w.length;
  let end = listStart;
  let prevNextAt = -1;
  let prevStart = 0;
  for (const c of contexts) {
    w.align(8);
    const start = w.length;
    if (prevNextAt >= 0) w.patchU32le(prevNextAt, start - prevStart);
    prevNextAt = w.reserveU32le();
    prevStart = start;
    w.u16le(CONTEXT_HEADER_SIZE).u16le(u16Field(c.name.length, 'create context NameLength')).u16le(0);
    const dataOffsetAt = w.reserveU16le();
    w.u32le(c.data.length).bytes(c.name);
    if (c.data.length > 0) {
      w.align(8);
      w.patchU16le(dataOffsetAt, w.length - start);
      w.bytes(c.data);
    }
    end = w.length;
  }
  return end - listStart;
}

/** Reads the context list at [offset, offset+length) counted from the header of `r`'s element. */
export function readCreateContexts(r: Reader, offset: number, length: number): RawCreateContext[] {
  const list = readerAt(r, offset, length, 'create contexts');
  const contexts: RawCreateContext[] = [];
  let pos = 0;
  for (;;) {
    const head = list.at(pos, CONTEXT_HEADER_SIZE);
    const next = head.u32le();
    const nameOffset = head.u16le();
    const nameLength = head.u16le();
    head.skip(2);
    const dataOffset = head.u16le();
    const dataLength = head.u32le();
    const extent = next === 0 ? list.length - pos : next;
    const ctx = list.at(pos, Math.min(extent, list.length - pos));
    const name = ctx.slice(nameOffset, nameLength);
    const data = dataLength === 0 ? ctx.buf.subarray(0, 0) : ctx.slice(dataOffset, dataLength);
    contexts.push({ name, data });
    if (next === 0) return contexts;
    if (next < CONTEXT_HEADER_SIZE || next % 8 !== 0) head.fail(`create context Next ${next} is not an 8-aligned offset past the context header`);
    pos += next;
  }
}
