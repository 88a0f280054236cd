import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../../src/wire/index.js';
import {
  decodeIoctlRequest,
  decodeIoctlResponse,
  decodeLockRequest,
  decodeOplockBreakRequest,
  decodeQueryQuotaInfo,
  decodeTreeConnectRequest,
  decodeValidateNegotiateInfoRequest,
  decodeValidateNegotiateInfoResponse,
  encodeIoctlRequest,
  encodeIoctlResponse,
  encodeLockRequest,
  encodeOplockBreakRequest,
  encodeQueryQuotaInfo,
  encodeTreeConnectRequest,
  encodeValidateNegotiateInfoRequest,
  encodeValidateNegotiateInfoResponse,
  FsctlCode,
  LockFlags,
  TreeConnectFlags,
} from '../../../../src/smb2/protocol/index.js';
import { bodyOf, elementOf } from './element.js';
import { hex, zeros } from './hex.js';

// smbclient -m SMB3_02, smb302-smbclient-signed.pcapng frames 14 and 15 (bodies).
const VALIDATE_NEGOTIATE_REQUEST = hex(
  '3900', // StructureSize 57
  '0000', // Reserved
  '04021400', // CtlCode FSCTL_VALIDATE_NEGOTIATE_INFO
  'ffffffffffffffff', // FileId.Persistent
  'ffffffffffffffff', // FileId.Volatile
  '78000000', // InputOffset 0x78
  '20000000', // InputCount 32
  '00000000', // MaxInputResponse
  '78000000', // OutputOffset 0x78 (empty)
  '00000000', // OutputCount
  '18000000', // MaxOutputResponse 24
  '01000000', // Flags SMB2_0_IOCTL_IS_FSCTL
  '00000000', // Reserved2
  '7f000000', // VALIDATE_NEGOTIATE_INFO Capabilities
  'be74387dfba7c94fae9e96571d7c7e6c', // Guid
  '0300', // SecurityMode SIGNING_ENABLED | SIGNING_REQUIRED
  '0400', // DialectCount 4
  '0202', // 2.0.2
  '1002', // 2.1
  '0003', // 3.0
  '0203', // 3.0.2
);

const VALIDATE_NEGOTIATE_RESPONSE = hex(
  '3100', // StructureSize 49
  '0000', // Reserved
  '04021400', // CtlCode FSCTL_VALIDATE_NEGOTIATE_INFO
  'ffffffffffffffff', // FileId.Persistent
  'ffffffffffffffff', // FileId.Volatile
  '70000000', // InputOffset 0x70
  '00000000', // InputCount 0
  '70000000', // OutputOffset 0x70
  '18000000', // OutputCount 24
  '00000000', // Flags
  '00000000', // Reserved2
  '6f000000', // Capabilities
  '766d0000000000000000000000000000', // Guid
  '0100', // SecurityMode
  '0203', // Dialect 3.0.2
);

// Windows 7, zeek smb_many_open_files_500.pcap frame 269 (body).
const LOCK_REQUEST = hex(
  '3000', // StructureSize 48
  '0100', // LockCount 1
  '00000000', // LockSequenceNumber / LockSequenceIndex
  '0dbb61f000000000', // FileId.Persistent
  'cf48ba4a00000000', // FileId.Volatile
  '0000000000000000', // Locks[0].Offset
  'ffffffffffffffff', // Locks[0].Length
  '12000000', // Locks[0].Flags EXCLUSIVE_LOCK | FAIL_IMMEDIATELY
  '00000000', // Locks[0].Reserved
);

// macOS, nDPI smb_deletefile.pcap frame 15 (body): a lease break acknowledgment.
const LEASE_BREAK_ACK = hex(
  '2400', // StructureSize 36
  '0000', // Reserved
  '00000000', // Flags
  'cdb5eb149c804989a772ef91300b74bb', // LeaseKey
  '00000000', // LeaseState NONE
  '0000000000000000', // LeaseDuration
);

// MS-SMB2 2.2.9 with the 2.2.9.1 extension (3.1.1).
const TREE_CONNECT_EXTENDED = hex(
  '0900', // StructureSize 9
  '0400', // Flags EXTENSION_PRESENT
  '5800', // PathOffset 0x58 (after the 16-byte extension header)
  '0a00', // PathLength 10
  '28000000', // TreeConnectContextOffset 40, counted from the start of the request body
  '0100', // TreeConnectContextCount 1
  zeros(10), // Reserved
  '5c005c0073005c007300', // PathName "\\s\s"
  zeros(6), // Padding to 8
  '0100', // ContextType REMOTED_IDENTITY
  '0200', // DataLength 2
  '00000000', // Reserved
  'abcd', // Data
);

describe('IOCTL (MS-SMB2 2.2.31, 2.2.32) and VALIDATE_NEGOTIATE_INFO (2.2.31.4, 2.2.32.6)', () => {
  it('decodes and re-encodes smbclient request byte for byte', () => {
    const req = decodeIoctlRequest(elementOf(VALIDATE_NEGOTIATE_REQUEST));
    expect(req.ctlCode).toBe(FsctlCode.FSCTL_VALIDATE_NEGOTIATE_INFO);
    expect(decodeValidateNegotiateInfoRequest(req.input)).toEqual({
      capabilities: 0x7f,
      guid: Buffer.from('be74387dfba7c94fae9e96571d7c7e6c', 'hex'),
      securityMode: 3,
      dialects: [0x0202, 0x0210, 0x0300, 0x0302],
    });
    expect(encodeValidateNegotiateInfoRequest(decodeValidateNegotiateInfoRequest(req.input)).equals(req.input)).toBe(true);
    expect(bodyOf((w) => encodeIoctlRequest(w, req)).toString('hex')).toBe(VALIDATE_NEGOTIATE_REQUEST.toString('hex'));
  });

  it('decodes and re-encodes Samba response byte for byte', () => {
    const res = decodeIoctlResponse(elementOf(VALIDATE_NEGOTIATE_RESPONSE));
    const info = decodeValidateNegotiateInfoResponse(res.output);
    expect(info).toEqual({ capabilities: 0x6f, guid: Buffer.from('766d0000000000000000000000000000', 'hex'), securityMode: 1, dialect: 0x0302 });
    expect(encodeValidateNegotiateInfoResponse(info).equals(res.output)).toBe(true);
    expect(bodyOf((w) => encodeIoctlResponse(w, res)).toString('hex')).toBe(VALIDATE_NEGOTIATE_RESPONSE.toString('hex'));
  });

  it('rejects a short VALIDATE_NEGOTIATE_INFO', () => {
    expect(() => decodeValidateNegotiateInfoResponse(Buffer.alloc(23))).toThrow(DecodeError);
  });
});

describe('LOCK (MS-SMB2 2.2.26)', () => {
  it('decodes and re-encodes a Windows request byte for byte', () => {
    const req = decodeLockRequest(elementOf(LOCK_REQUEST));
    expect(req.locks).toEqual([{ offset: 0n, length: 0xffffffffffffffffn, flags: LockFlags.SMB2_LOCKFLAG_EXCLUSIVE_LOCK | LockFlags.SMB2_LOCKFLAG_FAIL_IMMEDIATELY }]);
    expect(bodyOf((w) => encodeLockRequest(w, req)).toString('hex')).toBe(LOCK_REQUEST.toString('hex'));
  });

  it('packs LockSequenceNumber into the low 4 bits and LockSequenceIndex above', () => {
    const body = bodyOf((w) => encodeLockRequest(w, { lockSequenceNumber: 0xa, lockSequenceIndex: 0x1234567, fileId: { persistent: 0n, volatile: 0n }, locks: [{ offset: 0n, length: 1n, flags: 4 }] }));
    expect(body.readUInt32LE(4)).toBe(0x1234567a);
  });

  it('rejects a LockCount larger than the elements present', () => {
    const bad = Buffer.from(LOCK_REQUEST);
    bad.writeUInt16LE(2, 2);
    expect(() => decodeLockRequest(elementOf(bad))).toThrow(DecodeError);
  });
});

describe('OPLOCK_BREAK acknowledgments (MS-SMB2 2.2.24)', () => {
  it('decodes and re-encodes a macOS lease break acknowledgment', () => {
    const ack = decodeOplockBreakRequest(elementOf(LEASE_BREAK_ACK));
    expect(ack).toEqual({ type: 'LEASE_BREAK_ACK', flags: 0, leaseKey: Buffer.from('cdb5eb149c804989a772ef91300b74bb', 'hex'), leaseState: 0, leaseDuration: 0n });
    expect(bodyOf((w) => encodeOplockBreakRequest(w, ack)).toString('hex')).toBe(LEASE_BREAK_ACK.toString('hex'));
  });

  it('rejects a StructureSize that is neither form', () => {
    const bad = Buffer.from(LEASE_BREAK_ACK);
    bad.writeUInt16LE(44, 0);
    expect(() => decodeOplockBreakRequest(elementOf(bad))).toThrow(/24 or 36/);
  });
});

describe('TREE_CONNECT request extension (MS-SMB2 2.2.9.1)', () => {
  const req = { flags: TreeConnectFlags.SMB2_TREE_CONNECT_FLAG_EXTENSION_PRESENT, path: '\\\\s\\s', treeConnectContexts: [{ contextType: 1, data: Buffer.from('abcd', 'hex') }] };

  it('encodes the laid-out bytes and decodes them back', () => {
    expect(bodyOf((w) => encodeTreeConnectRequest(w, req)).toString('hex')).toBe(TREE_CONNECT_EXTENDED.toString('hex'));
    expect(decodeTreeConnectRequest(elementOf(TREE_CONNECT_EXTENDED))).toEqual(req);
  });

  it('without the flag, the Buffer is the path alone', () => {
    const body = bodyOf((w) => encodeTreeConnectRequest(w, { flags: 0, path: '\\\\s\\s' }));
    expect(body.toString('hex')).toBe(hex('0900', '0000', '4800', '0a00', '5c005c0073005c007300').toString('hex'));
  });
});

describe('QUERY_INFO quota input buffer', () => {
  it('SMB2_QUERY_QUOTA_INFO (MS-SMB2 2.2.37.1) round-trips', () => {
    const q = { returnSingle: true, restartScan: false, sidList: Buffer.alloc(0), startSid: Buffer.from('010100000000000512000000', 'hex') };
    const enc = encodeQueryQuotaInfo(q);
    expect(enc.subarray(0, 16).toString('hex')).toBe(hex('01', '00', '0000', '00000000', '0c000000', '00000000').toString('hex'));
    expect(decodeQueryQuotaInfo(enc)).toEqual(q);
  });
});
