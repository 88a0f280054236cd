import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../../src/wire/index.js';
import {
  decodeReadRequest,
  decodeReadResponse,
  decodeWriteRequest,
  decodeWriteResponse,
  encodeReadRequest,
  encodeReadResponse,
  encodeWriteRequest,
  encodeWriteRequestHeaderOnly,
  encodeWriteResponse,
  encodeMessage,
  Smb2Command,
  READ_RESPONSE_DATA_OFFSET,
  type ReadRequest,
  type WriteRequest,
} from '../../../../src/smb2/protocol/index.js';
import { bodyOf, elementOf } from './element.js';
import { hex } from './hex.js';

// smbclient 4.22 / Samba 4.22, smb311-smbclient-basic.pcapng frames 72, 73, 44, 45 (bodies).
const READ_REQUEST = hex(
  '3100', // StructureSize 49
  '00', // Padding
  '00', // Flags
  '06000000', // Length 6
  '0000000000000000', // Offset 0
  '07919efd00000000', // FileId.Persistent
  'df7e2e2900000000', // FileId.Volatile
  '00000000', // MinimumCount
  '00000000', // Channel NONE
  '00000000', // RemainingBytes
  '0000', // ReadChannelInfoOffset
  '0000', // ReadChannelInfoLength
  '00', // Buffer (one byte)
);

const READ_RESPONSE = hex(
  '1100', // StructureSize 17
  '50', // DataOffset 0x50
  '00', // Reserved
  '06000000', // DataLength 6
  '00000000', // DataRemaining
  '00000000', // Flags
  '736d616c6c0a', // Data "small\n"
);

const WRITE_REQUEST = hex(
  '3100', // StructureSize 49
  '7000', // DataOffset 0x70
  '06000000', // Length 6
  '0000000000000000', // Offset 0
  'fc2042b800000000', // FileId.Persistent
  'a5b4337b00000000', // FileId.Volatile
  '00000000', // Channel NONE
  '00000000', // RemainingBytes
  '0000', // WriteChannelInfoOffset
  '0000', // WriteChannelInfoLength
  '00000000', // Flags
  '736d616c6c0a', // Data "small\n"
);

const WRITE_RESPONSE = hex(
  '1100', // StructureSize 17
  '0000', // Reserved
  '06000000', // Count 6
  '00000000', // Remaining
  '0000', // WriteChannelInfoOffset
  '0000', // WriteChannelInfoLength
);

describe('READ (MS-SMB2 2.2.19, 2.2.20)', () => {
  it('decodes and re-encodes smbclient request byte for byte', () => {
    const req = decodeReadRequest(elementOf(READ_REQUEST));
    expect(req).toEqual<ReadRequest>({
      padding: 0,
      flags: 0,
      length: 6,
      offset: 0n,
      fileId: { persistent: 0xfd9e9107n, volatile: 0x292e7edfn },
      minimumCount: 0,
      channel: 0,
      remainingBytes: 0,
      readChannelInfo: Buffer.alloc(0),
    });
    expect(bodyOf((w) => encodeReadRequest(w, req)).toString('hex')).toBe(READ_REQUEST.toString('hex'));
  });

  it('decodes the response data as a view of the received buffer, without a copy', () => {
    const element = elementOf(READ_RESPONSE);
    const res = decodeReadResponse(element);
    expect(res.data.toString()).toBe('small\n');
    expect(res.dataOffset).toBe(READ_RESPONSE_DATA_OFFSET);
    expect(res.data.buffer).toBe(element.buf.buffer);
    expect(res.data.byteOffset).toBe(element.buf.byteOffset + 0x50);
    expect(bodyOf((w) => encodeReadResponse(w, res)).toString('hex')).toBe(READ_RESPONSE.toString('hex'));
  });

  it('validates DataOffset: not inside the fixed part, not past the message', () => {
    const inside = Buffer.from(READ_RESPONSE);
    inside[2] = 0x48;
    expect(() => decodeReadResponse(elementOf(inside))).toThrow(/overlaps/);
    const past = Buffer.from(READ_RESPONSE);
    past[2] = 0x52;
    expect(() => decodeReadResponse(elementOf(past))).toThrow(DecodeError);
    const long = Buffer.from(READ_RESPONSE);
    long.writeUInt32LE(7, 4);
    expect(() => decodeReadResponse(elementOf(long))).toThrow(DecodeError);
  });

  it('an empty read may carry any DataOffset', () => {
    const empty = hex('1100', '00', '00', '00000000', '00000000', '00000000');
    expect(decodeReadResponse(elementOf(empty)).data.length).toBe(0);
  });
});

describe('WRITE (MS-SMB2 2.2.21, 2.2.22)', () => {
  const fields = {
    offset: 0n,
    fileId: { persistent: 0xb84220fcn, volatile: 0x7b33b4a5n },
    channel: 0,
    remainingBytes: 0,
    flags: 0,
    writeChannelInfo: Buffer.alloc(0),
  };

  it('decodes and re-encodes smbclient request byte for byte', () => {
    const req = decodeWriteRequest(elementOf(WRITE_REQUEST));
    expect(req).toEqual<WriteRequest>({ ...fields, data: Buffer.from('small\n') });
    expect(bodyOf((w) => encodeWriteRequest(w, req)).toString('hex')).toBe(WRITE_REQUEST.toString('hex'));
  });

  it('the header-only encoder writes everything but the data', () => {
    const head = bodyOf((w) => encodeWriteRequestHeaderOnly(w, fields, 6));
    expect(head.toString('hex')).toBe(WRITE_REQUEST.subarray(0, 48).toString('hex'));
  });

  it('copies a 1 MiB payload once into the Writer', () => {
    const data = Buffer.alloc(1 << 20, 1);
    const out = encodeMessage({ command: Smb2Command.WRITE, messageId: 1n }, (w) => encodeWriteRequest(w, { ...fields, data }));
    expect(out.length).toBe(64 + 48 + data.length);
    expect(out.readUInt32LE(64 + 4)).toBe(data.length);
  });

  it('places write channel info before the data', () => {
    const req: WriteRequest = { ...fields, channel: 1, writeChannelInfo: Buffer.from('0102030405060708090a0b0c0d0e0f10', 'hex'), data: Buffer.from('xyz') };
    const body = bodyOf((w) => encodeWriteRequest(w, req));
    expect(body.readUInt16LE(2)).toBe(112 + 16); // DataOffset
    expect(body.readUInt16LE(40)).toBe(112); // WriteChannelInfoOffset
    expect(decodeWriteRequest(elementOf(body))).toEqual(req);
  });

  it('pads an empty write to 49 bytes', () => {
    expect(bodyOf((w) => encodeWriteRequest(w, { ...fields, data: Buffer.alloc(0) })).length).toBe(49);
  });

  it('decodes and re-encodes the response byte for byte', () => {
    const res = decodeWriteResponse(elementOf(WRITE_RESPONSE));
    expect(res).toEqual({ count: 6, remaining: 0 });
    expect(bodyOf((w) => encodeWriteResponse(w, res)).toString('hex')).toBe(WRITE_RESPONSE.toString('hex'));
  });

  it('rejects data running past the message', () => {
    const bad = Buffer.from(WRITE_REQUEST);
    bad.writeUInt32LE(7, 4);
    expect(() => decodeWriteRequest(elementOf(bad))).toThrow(DecodeError);
  });
});
