import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../../src/wire/index.js';
import {
  decodeCreateRequest,
  decodeCreateResponse,
  encodeCreateRequest,
  encodeCreateResponse,
  Smb2AccessMask,
  Smb2CreateDisposition,
  Smb2ImpersonationLevel,
  Smb2OplockLevel,
  type CreateRequest,
  type CreateResponse,
} from '../../../../src/smb2/protocol/index.js';
import { unixIdToSid } from '../../../../src/smb-common/security/index.js';
import { bodyOf, elementOf } from './element.js';
import { hex, zeros } from './hex.js';

// Windows 10 CREATE request body, zeek smb2-multiple-pdus.pcap frame 1, first compound element.
const WINDOWS_CREATE_REQUEST = hex(
  '3900', // StructureSize 57
  '00', // SecurityFlags
  'ff', // RequestedOplockLevel LEASE
  '02000000', // ImpersonationLevel Impersonation
  '0000000000000000', // SmbCreateFlags
  '0000000000000000', // Reserved
  '80001100', // DesiredAccess FILE_READ_ATTRIBUTES | DELETE | SYNCHRONIZE
  '80000000', // FileAttributes NORMAL
  '00000000', // ShareAccess none
  '01000000', // CreateDisposition FILE_OPEN
  '00000000', // CreateOptions
  '7800', // NameOffset 0x78
  '1800', // NameLength 24
  '90000000', // CreateContextsOffset 0x90
  '68000000', // CreateContextsLength 104 (Windows counts the last context's padding)
  '7400650073007400660069006c0065002e00740078007400', // Name "testfile.txt"
  '18000000', // [MxAc] Next 24
  '1000', // NameOffset 16
  '0400', // NameLength 4
  '0000', // Reserved
  '0000', // DataOffset 0
  '00000000', // DataLength 0
  '4d784163', // Name "MxAc"
  '00000000', // Padding
  '00000000', // [RqLs] Next 0
  '1000', // NameOffset 16
  '0400', // NameLength 4
  '0000', // Reserved
  '1800', // DataOffset 24
  '34000000', // DataLength 52 (lease v2)
  '52714c73', // Name "RqLs"
  '00000000', // Padding
  'aa380037c6de80a30ba559d4e8af6dc5', // LeaseKey
  '00000000', // LeaseState NONE
  '04000000', // Flags PARENT_LEASE_KEY_SET
  '0000000000000000', // LeaseDuration
  'ddcaa13c97574b0189d461e272e0e4d1', // ParentLeaseKey
  '0000', // Epoch
  '0000', // Reserved
  '00000000', // Padding
);

// Windows Server's CREATE response body, frame 2, first compound element (before the compound padding).
const WINDOWS_CREATE_RESPONSE = hex(
  '5900', // StructureSize 89
  'ff', // OplockLevel LEASE
  '00', // Flags
  '01000000', // CreateAction FILE_OPENED
  'f00e7cb67554da01', // CreationTime
  'eaef46d87854da01', // LastAccessTime
  '1b187cb67554da01', // LastWriteTime
  '1b187cb67554da01', // ChangeTime
  '0010000000000000', // AllocationSize 4096
  '0c00000000000000', // EndofFile 12
  '20000000', // FileAttributes ARCHIVE
  '00000000', // Reserved2
  'b3ab5b6400000000', // FileId.Persistent
  'bd96b75100000000', // FileId.Volatile
  '98000000', // CreateContextsOffset 0x98
  '6c000000', // CreateContextsLength 108
  '20000000', // [MxAc] Next 32
  '1000', // NameOffset
  '0400', // NameLength
  '0000', // Reserved
  '1800', // DataOffset 24
  '08000000', // DataLength 8
  '4d784163', // "MxAc"
  '00000000', // Padding
  '00000000', // QueryStatus STATUS_SUCCESS
  'ff011f00', // MaximalAccess 0x001f01ff
  '00000000', // [RqLs] Next 0
  '1000', // NameOffset
  '0400', // NameLength
  '0000', // Reserved
  '1800', // DataOffset 24
  '34000000', // DataLength 52
  '52714c73', // "RqLs"
  '00000000', // Padding
  'aa380037c6de80a30ba559d4e8af6dc5', // LeaseKey
  '00000000', // LeaseState
  '00000000', // Flags
  '0000000000000000', // LeaseDuration
  zeros(16), // ParentLeaseKey
  '0100', // Epoch 1
  '0000', // Reserved
);

// What netfs sends to stat a file on a POSIX-extensions share.
const NETFS_CREATE: CreateRequest = {
  securityFlags: 0,
  requestedOplockLevel: Smb2OplockLevel.NONE,
  impersonationLevel: Smb2ImpersonationLevel.Impersonation,
  smbCreateFlags: 0n,
  desiredAccess: Smb2AccessMask.FILE_READ_ATTRIBUTES | Smb2AccessMask.SYNCHRONIZE,
  fileAttributes: 0,
  shareAccess: 7,
  createDisposition: Smb2CreateDisposition.FILE_OPEN,
  createOptions: 0,
  name: 'dir\\f',
  createContexts: [{ type: 'MxAc' }, { type: 'QFid' }, { type: 'POSIX', mode: 0o644 }],
};

const NETFS_CREATE_BODY = hex(
  '3900', // StructureSize 57
  '00', // SecurityFlags
  '00', // RequestedOplockLevel NONE
  '02000000', // ImpersonationLevel Impersonation
  '0000000000000000', // SmbCreateFlags
  '0000000000000000', // Reserved
  '80001000', // DesiredAccess FILE_READ_ATTRIBUTES | SYNCHRONIZE
  '00000000', // FileAttributes
  '07000000', // ShareAccess READ | WRITE | DELETE
  '01000000', // CreateDisposition FILE_OPEN
  '00000000', // CreateOptions
  '7800', // NameOffset 0x78
  '0a00', // NameLength 10
  '88000000', // CreateContextsOffset 0x88
  '54000000', // CreateContextsLength 84
  '6400690072005c006600', // Name "dir\f"
  zeros(6), // Padding to 8
  '18000000', // [MxAc] Next 24
  '1000', // NameOffset 16
  '0400', // NameLength 4
  '0000', // Reserved
  '0000', // DataOffset (no data)
  '00000000', // DataLength 0
  '4d784163', // "MxAc"
  '00000000', // Padding
  '18000000', // [QFid] Next 24
  '1000', // NameOffset 16
  '0400', // NameLength 4
  '0000', // Reserved
  '0000', // DataOffset
  '00000000', // DataLength 0
  '51466964', // "QFid"
  '00000000', // Padding
  '00000000', // [POSIX] Next 0
  '1000', // NameOffset 16
  '1000', // NameLength 16
  '0000', // Reserved
  '2000', // DataOffset 32
  '04000000', // DataLength 4
  '93ad25509cb411e7b42383de968bcd7c', // Name: the POSIX GUID
  'a4010000', // Mode 0644
);

const POSIX_RESPONSE: CreateResponse = {
  oplockLevel: 0,
  flags: 0,
  createAction: 1,
  creationTime: 1n,
  lastAccessTime: 2n,
  lastWriteTime: 3n,
  changeTime: 4n,
  allocationSize: 4096n,
  endOfFile: 5n,
  fileAttributes: 0x80,
  fileId: { persistent: 0x10n, volatile: 0x20n },
  createContexts: [
    { type: 'MxAc', queryStatus: 0, maximalAccess: 0x001f01ff },
    { type: 'QFid', diskFileId: 0x1234n, volumeId: 0xfd00n },
    { type: 'POSIX', nlink: 1, reparseTag: 0, posixPerms: 0o644, owner: unixIdToSid({ kind: 'uid', id: 1000 }), group: unixIdToSid({ kind: 'gid', id: 1000 }) },
  ],
};

// The POSIX create context's response data (Samba smb2_posix_cc_info).
const POSIX_RESPONSE_DATA = hex(
  '01000000', // NumberOfLinks 1
  '00000000', // ReparseTag
  'a4010000', // POSIX permissions 0644
  '01', // Owner SID revision 1
  '02', // SubAuthorityCount 2
  '000000000016', // IdentifierAuthority 22 (Unix users)
  '01000000', // SubAuthority 1
  'e8030000', // SubAuthority 1000
  '01', // Group SID revision 1
  '02', // SubAuthorityCount 2
  '000000000016', // IdentifierAuthority 22
  '02000000', // SubAuthority 2 (Unix groups)
  'e8030000', // SubAuthority 1000
);

describe('CREATE (MS-SMB2 2.2.13, 2.2.14) and create contexts (2.2.13.2)', () => {
  it('decodes a Windows request with MxAc and a v2 lease', () => {
    const req = decodeCreateRequest(elementOf(WINDOWS_CREATE_REQUEST));
    expect(req.name).toBe('testfile.txt');
    expect(req.requestedOplockLevel).toBe(Smb2OplockLevel.LEASE);
    expect(req.desiredAccess).toBe(0x00110080);
    expect(req.createDisposition).toBe(Smb2CreateDisposition.FILE_OPEN);
    expect(req.createContexts).toEqual([
      { type: 'MxAc' },
      {
        type: 'RqLs',
        lease: {
          version: 2,
          leaseKey: Buffer.from('aa380037c6de80a30ba559d4e8af6dc5', 'hex'),
          leaseState: 0,
          leaseFlags: 4,
          leaseDuration: 0n,
          parentLeaseKey: Buffer.from('ddcaa13c97574b0189d461e272e0e4d1', 'hex'),
          epoch: 0,
        },
      },
    ]);
  });

  it('decodes the Windows response and re-encodes it byte for byte', () => {
    const res = decodeCreateResponse(elementOf(WINDOWS_CREATE_RESPONSE));
    expect(res.fileId).toEqual({ persistent: 0x645babb3n, volatile: 0x51b796bdn });
    expect(res.endOfFile).toBe(12n);
    expect(res.createContexts[0]).toEqual({ type: 'MxAc', queryStatus: 0, maximalAccess: 0x001f01ff });
    expect(res.createContexts[1]).toMatchObject({ type: 'RqLs', lease: { version: 2, epoch: 1 } });
    expect(bodyOf((w) => encodeCreateResponse(w, res)).toString('hex')).toBe(WINDOWS_CREATE_RESPONSE.toString('hex'));
  });

  it('encodes netfs request with MxAc, QFid and POSIX contexts to the laid-out bytes', () => {
    expect(bodyOf((w) => encodeCreateRequest(w, NETFS_CREATE)).toString('hex')).toBe(NETFS_CREATE_BODY.toString('hex'));
    expect(decodeCreateRequest(elementOf(NETFS_CREATE_BODY))).toEqual(NETFS_CREATE);
  });

  it('encodes and decodes the POSIX create context response with owner and group SIDs', () => {
    const body = bodyOf((w) => encodeCreateResponse(w, POSIX_RESPONSE));
    expect(body.subarray(-POSIX_RESPONSE_DATA.length).toString('hex')).toBe(POSIX_RESPONSE_DATA.toString('hex'));
    expect(decodeCreateResponse(elementOf(body))).toEqual(POSIX_RESPONSE);
  });

  it('writes one byte of Buffer for an empty name without contexts (as smbclient does)', () => {
    const body = bodyOf((w) => encodeCreateRequest(w, { ...NETFS_CREATE, name: '', createContexts: [] }));
    expect(body.length).toBe(57);
    expect(body.readUInt16LE(44)).toBe(0x78); // NameOffset
    expect(body.readUInt32LE(48)).toBe(0); // CreateContextsOffset
  });

  it('round-trips every request context type', () => {
    const req: CreateRequest = {
      ...NETFS_CREATE,
      createContexts: [
        { type: 'ExtA', eaBuffer: Buffer.from('0000000000040300757365720061626300', 'hex') },
        { type: 'SecD', securityDescriptor: Buffer.from('0100048000000000000000000000000014000000', 'hex') },
        { type: 'DHnQ' },
        { type: 'DHnC', fileId: { persistent: 1n, volatile: 2n } },
        { type: 'MxAc', timestamp: 0x01d9000000000000n },
        { type: 'AlSi', allocationSize: 1048576n },
        { type: 'TWrp', timestamp: 0x01d8000000000000n },
        { type: 'RqLs', lease: { version: 1, leaseKey: Buffer.alloc(16, 7), leaseState: 7, leaseFlags: 0, leaseDuration: 0n } },
        { type: 'QFid' },
        { type: 'DH2Q', timeout: 60000, flags: 2, createGuid: Buffer.alloc(16, 9) },
        { type: 'DH2C', fileId: { persistent: 3n, volatile: 4n }, createGuid: Buffer.alloc(16, 8), flags: 2 },
        { type: 'POSIX', mode: 0o755 },
        { type: 'UNKNOWN', name: Buffer.from('AAPL'), data: Buffer.from('0100000000000000', 'hex') },
      ],
    };
    expect(decodeCreateRequest(elementOf(bodyOf((w) => encodeCreateRequest(w, req))))).toEqual(req);
  });

  it('round-trips every response context type', () => {
    const res: CreateResponse = {
      ...POSIX_RESPONSE,
      createContexts: [
        { type: 'DHnQ' },
        { type: 'MxAc', queryStatus: 0xc0000022, maximalAccess: 0 },
        { type: 'QFid', diskFileId: 7n, volumeId: 8n },
        { type: 'RqLs', lease: { version: 2, leaseKey: Buffer.alloc(16, 1), leaseState: 5, leaseFlags: 2, leaseDuration: 0n, parentLeaseKey: Buffer.alloc(16, 2), epoch: 3 } },
        { type: 'DH2Q', timeout: 1000, flags: 0 },
        { type: 'UNKNOWN', name: Buffer.from('SecD'), data: Buffer.from('01', 'hex') },
      ],
    };
    expect(decodeCreateResponse(elementOf(bodyOf((w) => encodeCreateResponse(w, res))))).toEqual(res);
  });

  it('rejects a context whose Next loops back or whose data runs outside the list', () => {
    const loop = Buffer.from(NETFS_CREATE_BODY);
    loop.writeUInt32LE(8, 0x88 - 64); // MxAc Next 24 -> 8
    expect(() => decodeCreateRequest(elementOf(loop))).toThrow(DecodeError);
    const long = Buffer.from(NETFS_CREATE_BODY);
    long.writeUInt32LE(5, 0x88 - 64 + 48 + 12); // POSIX DataLength 4 -> 5
    expect(() => decodeCreateRequest(elementOf(long))).toThrow(DecodeError);
    const outside = Buffer.from(NETFS_CREATE_BODY);
    outside.writeUInt32LE(0x1000, 48); // CreateContextsOffset past the message
    expect(() => decodeCreateRequest(elementOf(outside))).toThrow(DecodeError);
  });
});
