import { describe, expect, it } from 'vitest';
import { DecodeError, Reader, Writer } from '../../../../src/wire/index.js';
import {
  readCompressionTransformHeader,
  readTransformHeader,
  transformAad,
  writeTransformHeader,
  CompressionAlgorithm,
  TRANSFORM_HEADER_SIZE,
  TransformFlags,
} from '../../../../src/smb2/protocol/index.js';
import { hex } from './hex.js';

// smbclient --client-protection=encrypt, smb311-smbclient-encrypted.pcapng frame 12: the header before the ciphertext.
const TRANSFORM = hex(
  'fd534d42', // ProtocolId 0xFD 'SMB'
  'a9648cbda1f50b70cba978ee999936c3', // Signature (AES-128-GCM tag)
  '01000000000000007546127c00000000', // Nonce
  '68000000', // OriginalMessageSize 104
  '0000', // Reserved
  '0100', // Flags Encrypted
  'a639fa7500000000', // SessionId 0x75fa39a6
);

// MS-SMB2 2.2.42.1, unchained.
const COMPRESSION_UNCHAINED = hex(
  'fc534d42', // ProtocolId 0xFC 'SMB'
  '00100000', // OriginalCompressedSegmentSize 4096
  '0200', // CompressionAlgorithm LZ77
  '0000', // Flags NONE
  '00000000', // Offset 0
);

// MS-SMB2 2.2.42.2, chained, first payload header.
const COMPRESSION_CHAINED = hex(
  'fc534d42', // ProtocolId
  '00100000', // OriginalCompressedSegmentSize 4096
  '0500', // CompressionAlgorithm LZ4
  '0100', // Flags CHAINED
  '20000000', // Length 32
  '00040000', // OriginalPayloadSize 1024
);

describe('TRANSFORM_HEADER (MS-SMB2 2.2.41)', () => {
  it('reads the golden from a real encrypted session and writes it back', () => {
    const h = readTransformHeader(new Reader(TRANSFORM));
    expect(h).toEqual({
      signature: Buffer.from('a9648cbda1f50b70cba978ee999936c3', 'hex'),
      nonce: Buffer.from('01000000000000007546127c00000000', 'hex'),
      originalMessageSize: 104,
      flags: TransformFlags.Encrypted,
      sessionId: 0x75fa39a6n,
    });
    const w = new Writer(64);
    writeTransformHeader(w, h);
    expect(w.finish().toString('hex')).toBe(TRANSFORM.toString('hex'));
  });

  it('the AAD is bytes 20..52: Nonce through SessionId', () => {
    const aad = transformAad(new Reader(TRANSFORM));
    expect(aad.length).toBe(32);
    expect(aad.toString('hex')).toBe(TRANSFORM.subarray(20, TRANSFORM_HEADER_SIZE).toString('hex'));
  });

  it('rejects another ProtocolId and a short header', () => {
    const bad = Buffer.from(TRANSFORM);
    bad[0] = 0xfe;
    expect(() => readTransformHeader(new Reader(bad))).toThrow(DecodeError);
    for (let n = 0; n < TRANSFORM_HEADER_SIZE; n++) expect(() => readTransformHeader(new Reader(TRANSFORM.subarray(0, n)))).toThrow(DecodeError);
  });
});

describe('COMPRESSION_TRANSFORM_HEADER (MS-SMB2 2.2.42)', () => {
  it('reads an unchained header', () => {
    expect(readCompressionTransformHeader(new Reader(COMPRESSION_UNCHAINED))).toEqual({
      chained: false,
      originalCompressedSegmentSize: 4096,
      compressionAlgorithm: CompressionAlgorithm.LZ77,
      flags: 0,
      offset: 0,
    });
  });

  it('reads a chained header with OriginalPayloadSize for a compressing algorithm', () => {
    expect(readCompressionTransformHeader(new Reader(COMPRESSION_CHAINED))).toEqual({
      chained: true,
      originalCompressedSegmentSize: 4096,
      compressionAlgorithm: CompressionAlgorithm.LZ4,
      flags: 1,
      length: 32,
      originalPayloadSize: 1024,
    });
  });

  it('a chained NONE payload header has no OriginalPayloadSize', () => {
    const none = Buffer.from(COMPRESSION_CHAINED.subarray(0, 16));
    none.writeUInt16LE(CompressionAlgorithm.NONE, 8);
    expect(readCompressionTransformHeader(new Reader(none))).not.toHaveProperty('originalPayloadSize');
  });

  it('rejects a short header', () => {
    for (let n = 0; n < COMPRESSION_CHAINED.length; n++) expect(() => readCompressionTransformHeader(new Reader(COMPRESSION_CHAINED.subarray(0, n)))).toThrow(DecodeError);
  });
});
