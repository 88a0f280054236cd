import { describe, expect, it } from 'vitest';
import { Reader, DecodeError } from '../../../../src/wire/index.js';
import {
  decodeCloseRequest,
  decodeEchoRequest,
  decodeSetInfoRequest,
  describeSmb2,
  encodeCloseRequest,
  encodeCompound,
  encodeEchoRequest,
  encodeMessage,
  encodeMessageChunks,
  encodeSetInfoRequest,
  encodeWriteRequestHeaderOnly,
  readHeader,
  splitCompound,
  RELATED_FILE_ID,
  Smb2Command,
  Smb2HeaderFlags,
} from '../../../../src/smb2/protocol/index.js';
import { hex, zeros } from './hex.js';

function header(command: string, flags: string, nextCommand: string, messageId: string): string[] {
  return [
    'fe534d42', // ProtocolId
    '4000', // StructureSize
    '0100', // CreditCharge 1
    '00000000', // ChannelSequence/Reserved
    command, // Command
    '0100', // CreditRequest 1
    flags, // Flags
    nextCommand, // NextCommand
    messageId, // MessageId
    '00000000', // Reserved
    '07000000', // TreeId 7
    '0900000000000000', // SessionId 9
    zeros(16), // Signature
  ];
}

// A related compound CLOSE + SET_INFO + ECHO as encodeCompound lays it out.
const COMPOUND = hex(
  ...header('0600', '00000000', '58000000', '0a00000000000000'), // CLOSE, NextCommand 88
  '1800', // StructureSize 24
  '0100', // Flags POSTQUERY_ATTRIB
  '00000000', // Reserved
  '1111111111111111', // FileId.Persistent
  '2222222222222222', // FileId.Volatile
  ...header('1100', '04000000', '68000000', '0b00000000000000'), // SET_INFO, RELATED_OPERATIONS, NextCommand 104
  '2100', // StructureSize 33
  '01', // InfoType FILE
  '0d', // FileInfoClass FileDispositionInformation
  '01000000', // BufferLength 1
  '6000', // BufferOffset 96
  '0000', // Reserved
  '00000000', // AdditionalInformation
  'ffffffffffffffff', // FileId.Persistent (related: the previous handle)
  'ffffffffffffffff', // FileId.Volatile
  '01', // Buffer: DeletePending
  zeros(7), // Padding to 8
  ...header('0d00', '04000000', '00000000', '0c00000000000000'), // ECHO, RELATED_OPERATIONS, last
  '0400', // StructureSize 4
  '0000', // Reserved
);

const HEAD = { creditCharge: 1, credits: 1, treeId: 7, sessionId: 9n };

function buildCompound() {
  return encodeCompound([
    { header: { ...HEAD, command: Smb2Command.CLOSE, messageId: 10n }, body: (w) => encodeCloseRequest(w, { flags: 1, fileId: { persistent: 0x1111111111111111n, volatile: 0x2222222222222222n } }) },
    {
      header: { ...HEAD, command: Smb2Command.SET_INFO, messageId: 11n, flags: Smb2HeaderFlags.RELATED_OPERATIONS },
      body: (w) => encodeSetInfoRequest(w, { infoType: 1, fileInfoClass: 0x0d, buffer: Buffer.from([1]), additionalInformation: 0, fileId: RELATED_FILE_ID }),
    },
    { header: { ...HEAD, command: Smb2Command.ECHO, messageId: 12n, flags: Smb2HeaderFlags.RELATED_OPERATIONS }, body: (w) => encodeEchoRequest(w) },
  ]);
}

// Windows' compound CREATE + SET_INFO + CLOSE response, zeek smb2-multiple-pdus.pcap frame 2 (elements 0x108, 0x48, rest).
const WINDOWS_COMPOUND_RESPONSE = hex(
  'fe534d4240000100000000000500000001000000080100009803000000000000fffe0000b9b6e317fb8c8dbc00000000000000000000000000000000000000005900ff0001000000f00e7cb67554da01eaef46d87854da011b187cb67554da011b187cb67554da0100100000000000000c000000000000002000000000000000b3ab5b6400000000bd96b75100000000980000006c000000200000001000040000001800080000004d7841630000000000000000ff011f000000000010000400000018003400000052714c7300000000aa380037c6de80a30ba559d4e8af6dc500000000000000000000000000000000000000000000000000000000000000000100000000000000',
  'fe534d4240000100000000001100000005000000480000009903000000000000fffe0000b9b6e317fb8c8dbc00000000000000000000000000000000000000000200000000000000',
  'fe534d4240000100000000000600030005000000000000009a03000000000000fffe0000b9b6e317fb8c8dbc00000000000000000000000000000000000000003c000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000',
);

describe('compound messages (MS-SMB2 3.2.4.1.4)', () => {
  it('encodes a compound to the laid-out bytes, padding all but the last element', () => {
    const { message, elements } = buildCompound();
    expect(message.toString('hex')).toBe(COMPOUND.toString('hex'));
    expect(elements).toEqual([
      { start: 0, end: 88 },
      { start: 88, end: 192 },
      { start: 192, end: 260 },
    ]);
  });

  it('splits the golden into elements whose offsets count from each header', () => {
    const parts = splitCompound(COMPOUND);
    expect(parts.map((r) => [r.start, r.length])).toEqual([
      [0, 88],
      [88, 104],
      [192, 68],
    ]);
    const close = parts[0];
    expect(readHeader(close).command).toBe(Smb2Command.CLOSE);
    expect(decodeCloseRequest(close)).toEqual({ flags: 1, fileId: { persistent: 0x1111111111111111n, volatile: 0x2222222222222222n } });
    const setInfo = parts[1];
    expect(readHeader(setInfo).messageId).toBe(11n);
    expect(decodeSetInfoRequest(setInfo).buffer).toEqual(Buffer.from([1]));
    const echo = parts[2];
    expect(readHeader(echo).nextCommand).toBe(0);
    expect(decodeEchoRequest(echo)).toEqual({});
  });

  it('splits a real Windows compound response and decodes every element', () => {
    const parts = splitCompound(WINDOWS_COMPOUND_RESPONSE);
    expect(parts.map((r) => r.length)).toEqual([0x108, 0x48, 0x80]);
    const described = parts.map(describeSmb2);
    expect(described.map((d) => [d.header.command, d.kind])).toEqual([
      [Smb2Command.CREATE, 'response'],
      [Smb2Command.SET_INFO, 'response'],
      [Smb2Command.CLOSE, 'response'],
    ]);
  });

  it('a single message is one element', () => {
    const msg = encodeMessage({ command: Smb2Command.ECHO, messageId: 1n }, (w) => encodeEchoRequest(w));
    const parts = splitCompound(msg);
    expect(parts).toHaveLength(1);
    expect(parts[0].length).toBe(68);
  });

  it('rejects a NextCommand outside the message, misaligned, or inside the header', () => {
    const cases: Array<[number, string]> = [
      [0x1000, 'past the end'],
      [260, 'exactly at the end'],
      [92, 'not 8-aligned'],
      [56, 'inside the header'],
    ];
    for (const [next] of cases) {
      const bad = Buffer.from(COMPOUND);
      bad.writeUInt32LE(next, 20);
      expect(() => splitCompound(bad)).toThrow(DecodeError);
    }
  });

  it('rejects an element that is not an SMB2 header, and a message too short to hold one', () => {
    const bad = Buffer.from(COMPOUND);
    bad[88] = 0xfd;
    expect(() => splitCompound(bad)).toThrow(DecodeError);
    expect(() => splitCompound(COMPOUND.subarray(0, 10))).toThrow(DecodeError);
  });

  it('appends a payload with one concatenation, or hands it back untouched for a gather write', () => {
    const data = Buffer.alloc(1 << 20, 0x5a);
    const fields = { offset: 0n, fileId: { persistent: 1n, volatile: 2n }, channel: 0, remainingBytes: 0, flags: 0, writeChannelInfo: Buffer.alloc(0) };
    const chunks = encodeMessageChunks({ command: Smb2Command.WRITE, messageId: 5n }, (w) => encodeWriteRequestHeaderOnly(w, fields, data.length), data);
    expect(chunks).toHaveLength(2);
    expect(chunks[0].length).toBe(64 + 48);
    expect(chunks[1]).toBe(data);
    const whole = encodeMessage({ command: Smb2Command.WRITE, messageId: 5n }, (w) => encodeWriteRequestHeaderOnly(w, fields, data.length), data);
    expect(whole.length).toBe(64 + 48 + data.length);
    expect(whole.readUInt16LE(64 + 2)).toBe(112); // DataOffset
    expect(whole.readUInt32LE(64 + 4)).toBe(data.length); // Length
    expect(whole[whole.length - 1]).toBe(0x5a);
  });

  it('a compound element carrying a payload is padded after the payload', () => {
    const { message, elements } = encodeCompound([
      { header: { command: Smb2Command.WRITE, messageId: 1n }, body: (w) => encodeWriteRequestHeaderOnly(w, { offset: 0n, fileId: RELATED_FILE_ID, channel: 0, remainingBytes: 0, flags: 0, writeChannelInfo: Buffer.alloc(0) }, 3), payload: Buffer.from('abc') },
      { header: { command: Smb2Command.ECHO, messageId: 2n }, body: (w) => encodeEchoRequest(w) },
    ]);
    expect(elements[0]).toEqual({ start: 0, end: 120 });
    expect(message.readUInt32LE(20)).toBe(120);
    expect(message.subarray(112, 115).toString()).toBe('abc');
    expect(splitCompound(message)[1].start).toBe(120);
    expect(() => new Reader(message).at(120, 68)).not.toThrow();
  });
});
