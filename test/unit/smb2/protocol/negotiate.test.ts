import { describe, expect, it } from 'vitest';
import { Reader, Writer, DecodeError } from '../../../../src/wire/index.js';
import {
  decodeNegotiateRequest,
  decodeNegotiateResponse,
  encodeNegotiateRequest,
  encodeNegotiateResponse,
  readHeader,
  writeHeader,
  CompressionAlgorithm,
  EncryptionCipher,
  SigningAlgorithm,
  SMB3_POSIX_GUID,
  Smb2Capabilities,
  Smb2Dialects,
  type NegotiateRequest,
} from '../../../../src/smb2/protocol/index.js';
import { hex, zeros } from './hex.js';

const HEADER_NEGOTIATE_REQUEST = hex(
  'fe534d42', // ProtocolId
  '4000', // StructureSize
  '0000', // CreditCharge
  '00000000', // ChannelSequence/Reserved
  '0000', // Command NEGOTIATE
  '1f00', // CreditRequest 31
  '00000000', // Flags
  '00000000', // NextCommand
  zeros(8), // MessageId 0
  '00000000', // Reserved
  '00000000', // TreeId
  zeros(8), // SessionId
  zeros(16), // Signature
);

// smbclient 4.22 -m SMB3_11, smb311-smbclient-basic.pcapng frame 4 (after the header).
const SMBCLIENT_NEGOTIATE_BODY = hex(
  '2400', // StructureSize 36
  '0500', // DialectCount 5
  '0100', // SecurityMode SIGNING_ENABLED
  '0000', // Reserved
  '7f000000', // Capabilities DFS..ENCRYPTION (0x7f)
  '7a8c24f29312484890095cf8cc5697b4', // ClientGuid
  '70000000', // NegotiateContextOffset 0x70
  '0500', // NegotiateContextCount 5
  '0000', // Reserved2
  '0202', // Dialects[0] 2.0.2
  '1002', // Dialects[1] 2.1
  '0003', // Dialects[2] 3.0
  '0203', // Dialects[3] 3.0.2
  '1103', // Dialects[4] 3.1.1
  '0000', // Padding to 8
  '0100', // ContextType PREAUTH_INTEGRITY_CAPABILITIES
  '2600', // DataLength 38
  '00000000', // Reserved
  '0100', // HashAlgorithmCount 1
  '2000', // SaltLength 32
  '0100', // HashAlgorithms[0] SHA-512
  '495df492b4ba8928d389d1b782f524c208d9dfa888eb716c3228abf847b3f065', // Salt
  '0000', // Padding to 8
  '0200', // ContextType ENCRYPTION_CAPABILITIES
  '0a00', // DataLength 10
  '00000000', // Reserved
  '0400', // CipherCount 4
  '0200', // AES-128-GCM
  '0100', // AES-128-CCM
  '0400', // AES-256-GCM
  '0300', // AES-256-CCM
  '000000000000', // Padding to 8
  '0800', // ContextType SIGNING_CAPABILITIES
  '0800', // DataLength 8
  '00000000', // Reserved
  '0300', // SigningAlgorithmCount 3
  '0200', // AES-GMAC
  '0100', // AES-CMAC
  '0000', // HMAC-SHA256
  '0500', // ContextType NETNAME_NEGOTIATE_CONTEXT_ID
  '1200', // DataLength 18
  '00000000', // Reserved
  '3100320037002e0030002e0030002e003100', // NetName "127.0.0.1"
  '000000000000', // Padding to 8
  '0001', // ContextType 0x100 POSIX extensions
  '1000', // DataLength 16
  '00000000', // Reserved
  '93ad25509cb411e7b42383de968bcd7c', // the POSIX extensions GUID
);

// Samba 4.22's answer, frame 6 (after the header).
const SAMBA_NEGOTIATE_RESPONSE_BODY = hex(
  '4100', // StructureSize 65
  '0100', // SecurityMode SIGNING_ENABLED
  '1103', // DialectRevision 3.1.1
  '0400', // NegotiateContextCount 4
  '766d0000000000000000000000000000', // ServerGuid
  '2f000000', // Capabilities DFS|LEASING|LARGE_MTU|MULTI_CHANNEL|DIRECTORY_LEASING
  '00008000', // MaxTransactSize 8 MiB
  '00008000', // MaxReadSize 8 MiB
  '00008000', // MaxWriteSize 8 MiB
  'b66c607db47add01', // SystemTime
  '0000000000000000', // ServerStartTime
  '8000', // SecurityBufferOffset 0x80
  '4a00', // SecurityBufferLength 74
  'd0000000', // NegotiateContextOffset 0xd0
  '604806062b0601050502a03e303ca00e300c060a2b06010401823702020aa32a3028a0261b246e6f745f646566696e65645f696e5f5246433431373840706c656173655f69676e6f7265', // SPNEGO negTokenInit
  '000000000000', // Padding to 8
  '0100', // ContextType PREAUTH_INTEGRITY_CAPABILITIES
  '2600', // DataLength 38
  '00000000', // Reserved
  '0100', // HashAlgorithmCount
  '2000', // SaltLength
  '0100', // SHA-512
  '870812c402dc1447808606faa6dd872e9d8b5b7b958818f58d5440d0d34a6840', // Salt
  '0000', // Padding
  '0200', // ContextType ENCRYPTION_CAPABILITIES
  '0400', // DataLength 4
  '00000000', // Reserved
  '0100', // CipherCount 1
  '0200', // AES-128-GCM
  '00000000', // Padding
  '0800', // ContextType SIGNING_CAPABILITIES
  '0400', // DataLength 4
  '00000000', // Reserved
  '0100', // SigningAlgorithmCount 1
  '0200', // AES-GMAC
  '00000000', // Padding
  '0001', // ContextType POSIX extensions
  '1000', // DataLength 16
  '00000000', // Reserved
  '93ad25509cb411e7b42383de968bcd7c', // POSIX GUID
);

// A hand-built request carrying every context type netfs encodes.
const ALL_CONTEXTS_REQUEST: NegotiateRequest = {
  securityMode: 1,
  capabilities: Smb2Capabilities.DFS | Smb2Capabilities.LARGE_MTU | Smb2Capabilities.ENCRYPTION,
  clientGuid: Buffer.from('00112233445566778899aabbccddeeff', 'hex'),
  dialects: [Smb2Dialects.SMB_3_0_2, Smb2Dialects.SMB_3_1_1],
  negotiateContexts: [
    { type: 'PREAUTH_INTEGRITY_CAPABILITIES', hashAlgorithms: [1], salt: Buffer.from('0102030405060708', 'hex') },
    { type: 'ENCRYPTION_CAPABILITIES', ciphers: [EncryptionCipher.AES_128_GCM, EncryptionCipher.AES_256_GCM] },
    { type: 'COMPRESSION_CAPABILITIES', compressionAlgorithms: [CompressionAlgorithm.LZ77, CompressionAlgorithm.PATTERN_V1], flags: 1 },
    { type: 'NETNAME_NEGOTIATE_CONTEXT_ID', netName: 'srv' },
    { type: 'TRANSPORT_CAPABILITIES', flags: 1 },
    { type: 'RDMA_TRANSFORM_CAPABILITIES', rdmaTransformIds: [1, 2] },
    { type: 'SIGNING_CAPABILITIES', signingAlgorithms: [SigningAlgorithm.AES_GMAC] },
    { type: 'POSIX_EXTENSIONS_AVAILABLE', data: SMB3_POSIX_GUID },
    { type: 'UNKNOWN', contextType: 0x0042, data: Buffer.from('abcd', 'hex') },
  ],
};

const ALL_CONTEXTS_BODY = hex(
  '2400', // StructureSize
  '0200', // DialectCount 2
  '0100', // SecurityMode
  '0000', // Reserved
  '45000000', // Capabilities DFS|LARGE_MTU|ENCRYPTION
  '00112233445566778899aabbccddeeff', // ClientGuid
  '68000000', // NegotiateContextOffset 0x68 (already 8-aligned)
  '0900', // NegotiateContextCount 9
  '0000', // Reserved2
  '0203', // 3.0.2
  '1103', // 3.1.1
  '0100', '0e00', '00000000', // PREAUTH, DataLength 14, Reserved
  '0100', '0800', '0100', '0102030405060708', // count 1, salt 8, SHA-512, salt
  '0000', // Padding
  '0200', '0600', '00000000', // ENCRYPTION, DataLength 6, Reserved
  '0200', '0200', '0400', // 2 ciphers: AES-128-GCM, AES-256-GCM
  '0000', // Padding
  '0300', '0c00', '00000000', // COMPRESSION, DataLength 12, Reserved
  '0200', '0000', '01000000', // count 2, Padding, Flags CHAINED
  '0200', '0400', // LZ77, Pattern_V1
  '00000000', // Padding
  '0500', '0600', '00000000', // NETNAME, DataLength 6, Reserved
  '730072007600', // "srv"
  '0000', // Padding
  '0600', '0400', '00000000', // TRANSPORT, DataLength 4, Reserved
  '01000000', // SMB2_ACCEPT_TRANSPORT_LEVEL_SECURITY
  '00000000', // Padding
  '0700', '0c00', '00000000', // RDMA_TRANSFORM, DataLength 12, Reserved
  '0200', '0000', '00000000', // TransformCount 2, Reserved1, Reserved2
  '0100', '0200', // ENCRYPTION, SIGNING
  '00000000', // Padding
  '0800', '0400', '00000000', // SIGNING, DataLength 4, Reserved
  '0100', '0200', // count 1, AES-GMAC
  '00000000', // Padding
  '0001', '1000', '00000000', // POSIX, DataLength 16, Reserved
  '93ad25509cb411e7b42383de968bcd7c', // POSIX GUID
  '4200', '0200', '00000000', // unknown type 0x42, DataLength 2, Reserved
  'abcd', // raw data
);

function body(encode: (w: Writer) => void): Buffer {
  const w = new Writer(4096);
  writeHeader(w, { command: 0, messageId: 0n });
  encode(w);
  return w.finish().subarray(64);
}

function element(b: Buffer): Reader {
  const r = new Reader(Buffer.concat([HEADER_NEGOTIATE_REQUEST, b]));
  readHeader(r);
  return r;
}

describe('NEGOTIATE (MS-SMB2 2.2.3, 2.2.4)', () => {
  it('decodes smbclient 4.22 request with its five contexts', () => {
    const req = decodeNegotiateRequest(element(SMBCLIENT_NEGOTIATE_BODY));
    expect(req.dialects).toEqual([0x0202, 0x0210, 0x0300, 0x0302, 0x0311]);
    expect(req.capabilities).toBe(0x7f);
    expect(req.clientGuid.toString('hex')).toBe('7a8c24f29312484890095cf8cc5697b4');
    expect(req.negotiateContexts.map((c) => c.type)).toEqual([
      'PREAUTH_INTEGRITY_CAPABILITIES',
      'ENCRYPTION_CAPABILITIES',
      'SIGNING_CAPABILITIES',
      'NETNAME_NEGOTIATE_CONTEXT_ID',
      'POSIX_EXTENSIONS_AVAILABLE',
    ]);
    expect(req.negotiateContexts[1]).toEqual({ type: 'ENCRYPTION_CAPABILITIES', ciphers: [2, 1, 4, 3] });
    expect(req.negotiateContexts[2]).toEqual({ type: 'SIGNING_CAPABILITIES', signingAlgorithms: [2, 1, 0] });
    expect(req.negotiateContexts[3]).toEqual({ type: 'NETNAME_NEGOTIATE_CONTEXT_ID', netName: '127.0.0.1' });
    expect(req.negotiateContexts[4]).toEqual({ type: 'POSIX_EXTENSIONS_AVAILABLE', data: SMB3_POSIX_GUID });
  });

  it('re-encodes the smbclient request byte for byte', () => {
    const req = decodeNegotiateRequest(element(SMBCLIENT_NEGOTIATE_BODY));
    expect(body((w) => encodeNegotiateRequest(w, req)).toString('hex')).toBe(SMBCLIENT_NEGOTIATE_BODY.toString('hex'));
  });

  it('encodes a request with every context type to the laid-out bytes', () => {
    expect(body((w) => encodeNegotiateRequest(w, ALL_CONTEXTS_REQUEST)).toString('hex')).toBe(ALL_CONTEXTS_BODY.toString('hex'));
    expect(decodeNegotiateRequest(element(ALL_CONTEXTS_BODY))).toEqual(ALL_CONTEXTS_REQUEST);
  });

  it('decodes and re-encodes Samba 4.22 response', () => {
    const res = decodeNegotiateResponse(element(SAMBA_NEGOTIATE_RESPONSE_BODY));
    expect(res.dialectRevision).toBe(0x0311);
    expect(res.maxReadSize).toBe(8 * 1024 * 1024);
    expect(res.systemTime).toBe(0x01dd7ab47d606cb6n);
    expect(res.securityBuffer.subarray(-13).toString()).toBe('please_ignore');
    expect(res.negotiateContexts).toEqual([
      { type: 'PREAUTH_INTEGRITY_CAPABILITIES', hashAlgorithms: [1], salt: Buffer.from('870812c402dc1447808606faa6dd872e9d8b5b7b958818f58d5440d0d34a6840', 'hex') },
      { type: 'ENCRYPTION_CAPABILITIES', ciphers: [EncryptionCipher.AES_128_GCM] },
      { type: 'SIGNING_CAPABILITIES', signingAlgorithms: [SigningAlgorithm.AES_GMAC] },
      { type: 'POSIX_EXTENSIONS_AVAILABLE', data: SMB3_POSIX_GUID },
    ]);
    expect(body((w) => encodeNegotiateResponse(w, res)).toString('hex')).toBe(SAMBA_NEGOTIATE_RESPONSE_BODY.toString('hex'));
  });

  it('ignores NegotiateContextOffset/Count (ClientStartTime) without 3.1.1', () => {
    const b = Buffer.from(SMBCLIENT_NEGOTIATE_BODY);
    b.writeUInt16LE(0x0302, 36 + 8); // Dialects[4] 3.1.1 -> 3.0.2
    expect(decodeNegotiateRequest(element(b)).negotiateContexts).toEqual([]);
  });

  it('keeps the older 8-byte POSIX context data raw', () => {
    const b = Buffer.concat([SMBCLIENT_NEGOTIATE_BODY.subarray(0, SMBCLIENT_NEGOTIATE_BODY.length - 24), hex('0001', '0800', '00000000', zeros(8))]);
    const req = decodeNegotiateRequest(element(b));
    expect(req.negotiateContexts[4]).toEqual({ type: 'POSIX_EXTENSIONS_AVAILABLE', data: Buffer.alloc(8) });
  });

  it('throws DecodeError when a context runs past the message', () => {
    const b = Buffer.from(SMBCLIENT_NEGOTIATE_BODY);
    b.writeUInt16LE(17, b.length - 22); // POSIX DataLength 16 -> 17
    expect(() => decodeNegotiateRequest(element(b))).toThrow(DecodeError);
    const c = Buffer.from(SMBCLIENT_NEGOTIATE_BODY);
    c.writeUInt16LE(6, 32); // NegotiateContextCount 5 -> 6
    expect(() => decodeNegotiateRequest(element(c))).toThrow(DecodeError);
  });
});
