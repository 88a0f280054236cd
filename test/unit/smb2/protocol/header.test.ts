import { describe, expect, it } from 'vitest';
import { Reader, Writer, DecodeError } from '../../../../src/wire/index.js';
import { readHeader, writeHeader, isAsync, isResponse, SMB2_HEADER_SIZE, SMB2_SIGNATURE_OFFSET, Smb2Command, Smb2HeaderFlags } from '../../../../src/smb2/protocol/index.js';
import { hex, zeros } from './hex.js';

// Samba 4.22's CREATE response header, smb311-smbclient-basic.pcapng frame 21.
const SYNC_RESPONSE = hex(
  'fe534d42', // ProtocolId
  '4000', // StructureSize 64
  '0100', // CreditCharge 1
  '00000000', // Status STATUS_SUCCESS
  '0500', // Command CREATE
  '0100', // CreditResponse 1
  '11000000', // Flags SERVER_TO_REDIR | priority 1
  '00000000', // NextCommand
  '0700000000000000', // MessageId 7
  '00000000', // Reserved (ProcessId)
  '1ac42478', // TreeId 0x7824c41a
  '735eff9400000000', // SessionId 0x94ff5e73
  zeros(16), // Signature
);

// Windows' interim CHANGE_NOTIFY response, zeek smb2readwrite.pcap frame 17.
const ASYNC_RESPONSE = hex(
  'fe534d42', // ProtocolId
  '4000', // StructureSize 64
  '0000', // CreditCharge 0
  '03010000', // Status STATUS_PENDING
  '0f00', // Command CHANGE_NOTIFY
  '0100', // CreditResponse 1
  '03000000', // Flags SERVER_TO_REDIR | ASYNC_COMMAND
  '00000000', // NextCommand
  'd504000000000000', // MessageId 0x4d5
  'd504000000000000', // AsyncId 0x4d5
  'c01c233c00000000', // SessionId 0x3c231cc0
  zeros(16), // Signature
);

// A 3.x request whose Status field is ChannelSequence 7 / Reserved 0.
const REQUEST_WITH_CHANNEL_SEQUENCE = hex(
  'fe534d42', // ProtocolId
  '4000', // StructureSize 64
  '0200', // CreditCharge 2
  '0700', // ChannelSequence 7
  '0000', // Reserved
  '0800', // Command READ
  '4000', // CreditRequest 64
  '08000000', // Flags SIGNED
  '00000000', // NextCommand
  '2a00000000000000', // MessageId 42
  'fffe0000', // Reserved (ProcessId 0xfeff)
  '05000000', // TreeId 5
  '0100000000000000', // SessionId 1
  '000102030405060708090a0b0c0d0e0f', // Signature
);

describe('SMB2 header (MS-SMB2 2.2.1)', () => {
  it('reads a SYNC response header field by field', () => {
    const h = readHeader(new Reader(SYNC_RESPONSE));
    expect(h).toEqual({
      creditCharge: 1,
      status: 0,
      command: Smb2Command.CREATE,
      credits: 1,
      flags: 0x11,
      nextCommand: 0,
      messageId: 7n,
      asyncId: undefined,
      treeId: 0x7824c41a,
      processId: 0,
      sessionId: 0x94ff5e73n,
      signature: Buffer.alloc(16),
    });
    expect(isResponse(h)).toBe(true);
    expect(isAsync(h)).toBe(false);
  });

  it('reads an ASYNC header: AsyncId instead of Reserved/TreeId', () => {
    const h = readHeader(new Reader(ASYNC_RESPONSE));
    expect(h.asyncId).toBe(0x4d5n);
    expect(h.treeId).toBeUndefined();
    expect(h.processId).toBeUndefined();
    expect(h.status).toBe(0x103);
    expect(h.sessionId).toBe(0x3c231cc0n);
    expect(isAsync(h)).toBe(true);
  });

  it('reads ChannelSequence from a request', () => {
    const h = readHeader(new Reader(REQUEST_WITH_CHANNEL_SEQUENCE));
    expect(h.channelSequence).toBe(7);
    expect(h.credits).toBe(64);
    expect(h.processId).toBe(0xfeff);
    expect(h.signature.toString('hex')).toBe('000102030405060708090a0b0c0d0e0f');
  });

  it('writes each golden back byte for byte', () => {
    for (const golden of [SYNC_RESPONSE, ASYNC_RESPONSE, REQUEST_WITH_CHANNEL_SEQUENCE]) {
      const w = new Writer();
      writeHeader(w, readHeader(new Reader(golden)));
      expect(w.finish().toString('hex')).toBe(golden.toString('hex'));
    }
  });

  it('defaults every field but command and message id to zero', () => {
    const w = new Writer();
    writeHeader(w, { command: Smb2Command.ECHO, messageId: 3n });
    const b = w.finish();
    expect(b.length).toBe(SMB2_HEADER_SIZE);
    expect(b.toString('hex')).toBe(hex('fe534d42', '4000', '0000', '00000000', '0d00', '0000', '00000000', '00000000', '0300000000000000', '00000000', '00000000', zeros(8), zeros(16)).toString('hex'));
  });

  it('writes the signature at offset 48', () => {
    const w = new Writer();
    const signature = Buffer.alloc(16, 0xab);
    writeHeader(w, { command: Smb2Command.ECHO, messageId: 1n, flags: Smb2HeaderFlags.SIGNED, signature });
    expect(w.finish().subarray(SMB2_SIGNATURE_OFFSET).equals(signature)).toBe(true);
  });

  it('rejects a wrong ProtocolId and a wrong StructureSize with DecodeError', () => {
    const smb1 = Buffer.from(SYNC_RESPONSE);
    smb1[0] = 0xff;
    expect(() => readHeader(new Reader(smb1))).toThrow(DecodeError);
    const bad = Buffer.from(SYNC_RESPONSE);
    bad.writeUInt16LE(65, 4);
    expect(() => readHeader(new Reader(bad))).toThrow(/StructureSize 65/);
    expect(readHeader(new Reader(bad), false).messageId).toBe(7n);
  });

  it('rejects a header cut anywhere with DecodeError', () => {
    for (let n = 0; n < SMB2_HEADER_SIZE; n++) {
      expect(() => readHeader(new Reader(SYNC_RESPONSE.subarray(0, n)))).toThrow(DecodeError);
    }
  });
});
