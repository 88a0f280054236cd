import { Reader, Writer } from '../../wire/index.js';
import { u16Field } from './body.js';

// MS-SMB2 2.2.3.1 / 2.2.4.1 SMB2 NEGOTIATE_CONTEXT: ContextType, DataLength, Reserved, Data; 8-byte aligned.

/** MS-SMB2 2.2.3.1 ContextType, plus the SMB3 POSIX extensions context (Samba smb2_negotiate_context.h). */
export const NegotiateContextType = {
  SMB2_PREAUTH_INTEGRITY_CAPABILITIES: 0x0001,
  SMB2_ENCRYPTION_CAPABILITIES: 0x0002,
  SMB2_COMPRESSION_CAPABILITIES: 0x0003,
  SMB2_NETNAME_NEGOTIATE_CONTEXT_ID: 0x0005,
  SMB2_TRANSPORT_CAPABILITIES: 0x0006,
  SMB2_RDMA_TRANSFORM_CAPABILITIES: 0x0007,
  SMB2_SIGNING_CAPABILITIES: 0x0008,
  SMB2_POSIX_EXTENSIONS_AVAILABLE: 0x0100,
} as const;

/** MS-SMB2 2.2.3.1.1 HashAlgorithms. */
export const PreauthHashAlgorithm = { SHA_512: 0x0001 } as const;

/** MS-SMB2 2.2.3.1.2 Ciphers. */
export const EncryptionCipher = {
  AES_128_CCM: 0x0001,
  AES_128_GCM: 0x0002,
  AES_256_CCM: 0x0003,
  AES_256_GCM: 0x0004,
} as const;

/** MS-SMB2 2.2.3.1.3 CompressionAlgorithms and Flags. */
export const CompressionAlgorithm = {
  NONE: 0x0000,
  LZNT1: 0x0001,
  LZ77: 0x0002,
  LZ77_HUFFMAN: 0x0003,
  PATTERN_V1: 0x0004,
  LZ4: 0x0005,
} as const;
export const CompressionCapabilitiesFlags = {
  SMB2_COMPRESSION_CAPABILITIES_FLAG_NONE: 0x00000000,
  SMB2_COMPRESSION_CAPABILITIES_FLAG_CHAINED: 0x00000001,
} as const;

/** MS-SMB2 2.2.3.1.5 Flags. */
export const TransportCapabilitiesFlags = { SMB2_ACCEPT_TRANSPORT_LEVEL_SECURITY: 0x00000001 } as const;

/** MS-SMB2 2.2.3.1.6 RDMATransformIds. */
export const RdmaTransformId = {
  SMB2_RDMA_TRANSFORM_NONE: 0x0000,
  SMB2_RDMA_TRANSFORM_ENCRYPTION: 0x0001,
  SMB2_RDMA_TRANSFORM_SIGNING: 0x0002,
} as const;

/** MS-SMB2 2.2.3.1.7 SigningAlgorithms. */
export const SigningAlgorithm = {
  HMAC_SHA256: 0x0000,
  AES_CMAC: 0x0001,
  AES_GMAC: 0x0002,
} as const;

/**
 * The SMB3 POSIX extensions GUID 93AD2550-9CB4-11E7-B423-83DE968BCD7C, in the byte order
 * Samba's SMB2_CREATE_TAG_POSIX and Linux's build_posix_ctxt put on the wire (the string's
 * bytes in order, not a mixed-endian GUID). Also the name of the POSIX create context.
 */
export const SMB3_POSIX_GUID: Buffer = Buffer.from('93ad25509cb411e7b42383de968bcd7c', 'hex');

export type NegotiateContext =
  | { type: 'PREAUTH_INTEGRITY_CAPABILITIES'; hashAlgorithms: number[]; salt: Buffer } // 2.2.3.1.1
  | { type: 'ENCRYPTION_CAPABILITIES'; ciphers: number[] } // 2.2.3.1.2
  | { type: 'COMPRESSION_CAPABILITIES'; compressionAlgorithms: number[]; flags: number } // 2.2.3.1.3
  | { type: 'NETNAME_NEGOTIATE_CONTEXT_ID'; netName: string } // 2.2.3.1.4
  | { type: 'TRANSPORT_CAPABILITIES'; flags: number } // 2.2.3.1.5
  | { type: 'RDMA_TRANSFORM_CAPABILITIES'; rdmaTransformIds: number[] } // 2.2.3.1.6
  | { type: 'SIGNING_CAPABILITIES'; signingAlgorithms: number[] } // 2.2.3.1.7
  | { type: 'POSIX_EXTENSIONS_AVAILABLE'; data: Buffer } // Samba/Linux: the POSIX GUID (older Linux clients sent 8 zero bytes)
  | { type: 'UNKNOWN'; contextType: number; data: Buffer };

function u16List(r: Reader, count: number): number[] {
  const list: number[] = [];
  for (let i = 0; i < count; i++) list.push(r.u16le());
  return list;
}

/** Decodes one context's Data by its ContextType; unknown types are kept raw. */
export function decodeNegotiateContextData(contextType: number, data: Reader): NegotiateContext {
  const T = NegotiateContextType;
  switch (contextType) {
    case T.SMB2_PREAUTH_INTEGRITY_CAPABILITIES: {
      const hashAlgorithmCount = data.u16le();
      const saltLength = data.u16le();
      const hashAlgorithms = u16List(data, hashAlgorithmCount);
      return { type: 'PREAUTH_INTEGRITY_CAPABILITIES', hashAlgorithms, salt: data.bytes(saltLength) };
    }
    case T.SMB2_ENCRYPTION_CAPABILITIES:
      return { type: 'ENCRYPTION_CAPABILITIES', ciphers: u16List(data, data.u16le()) };
    case T.SMB2_COMPRESSION_CAPABILITIES: {
      const count = data.u16le();
      data.skip(2); // Padding
      const flags = data.u32le();
      return { type: 'COMPRESSION_CAPABILITIES', compressionAlgorithms: u16List(data, count), flags };
    }
    case T.SMB2_NETNAME_NEGOTIATE_CONTEXT_ID:
      return { type: 'NETNAME_NEGOTIATE_CONTEXT_ID', netName: data.utf16le(data.remaining) };
    case T.SMB2_TRANSPORT_CAPABILITIES:
      return { type: 'TRANSPORT_CAPABILITIES', flags: data.u32le() };
    case T.SMB2_RDMA_TRANSFORM_CAPABILITIES: {
      const count = data.u16le();
      data.skip(6); // Reserved1, Reserved2
      return { type: 'RDMA_TRANSFORM_CAPABILITIES', rdmaTransformIds: u16List(data, count) };
    }
    case T.SMB2_SIGNING_CAPABILITIES:
      return { type: 'SIGNING_CAPABILITIES', signingAlgorithms: u16List(data, data.u16le()) };
    case T.SMB2_POSIX_EXTENSIONS_AVAILABLE:
      return { type: 'POSIX_EXTENSIONS_AVAILABLE', data: data.rest() };
    default:
      return { type: 'UNKNOWN', contextType, data: data.rest() };
  }
}

function contextTypeOf(c: NegotiateContext): number {
  const T = NegotiateContextType;
  switch (c.type) {
    case 'PREAUTH_INTEGRITY_CAPABILITIES':
      return T.SMB2_PREAUTH_INTEGRITY_CAPABILITIES;
    case 'ENCRYPTION_CAPABILITIES':
      return T.SMB2_ENCRYPTION_CAPABILITIES;
    case 'COMPRESSION_CAPABILITIES':
      return T.SMB2_COMPRESSION_CAPABILITIES;
    case 'NETNAME_NEGOTIATE_CONTEXT_ID':
      return T.SMB2_NETNAME_NEGOTIATE_CONTEXT_ID;
    case 'TRANSPORT_CAPABILITIES':
      return T.SMB2_TRANSPORT_CAPABILITIES;
    case 'RDMA_TRANSFORM_CAPABILITIES':
      return T.SMB2_RDMA_TRANSFORM_CAPABILITIES;
    case 'SIGNING_CAPABILITIES':
      return T.SMB2_SIGNING_CAPABILITIES;
    case 'POSIX_EXTENSIONS_AVAILABLE':
      return T.SMB2_POSIX_EXTENSIONS_AVAILABLE;
    case 'UNKNOWN':
      return c.contextType;
  }
}

function writeU16List(w: Writer, list: readonly number[]): void {
  for (const v of list) w.u16le(v);
}

/** Writes one context's Data. */
function writeContextData(w: Writer, c: NegotiateContext): void {
  switch (c.type) {
    case 'PREAUTH_INTEGRITY_CAPABILITIES':
      w.u16le(u16Field(c.hashAlgorithms.length, 'HashAlgorithmCount')).u16le(u16Field(c.salt.length, 'SaltLength'));
      writeU16List(w, c.hashAlgorithms);
      w.bytes(c.salt);
      return;
    case 'ENCRYPTION_CAPABILITIES':
      w.u16le(u16Field(c.ciphers.length, 'CipherCount'));
      writeU16List(w, c.ciphers);
      return;
    case 'COMPRESSION_CAPABILITIES':
      w.u16le(u16Field(c.compressionAlgorithms.length, 'CompressionAlgorithmCount')).u16le(0).u32le(c.flags);
      writeU16List(w, c.compressionAlgorithms);
      return;
    case 'NETNAME_NEGOTIATE_CONTEXT_ID':
      w.utf16le(c.netName);
      return;
    case 'TRANSPORT_CAPABILITIES':
      w.u32le(c.flags);
      return;
    case 'RDMA_TRANSFORM_CAPABILITIES':
      w.u16le(u16Field(c.rdmaTransformIds.length, 'TransformCount')).u16le(0).u32le(0);
      writeU16List(w, c.rdmaTransformIds);
      return;
    case 'SIGNING_CAPABILITIES':
      w.u16le(u16Field(c.signingAlgorithms.length, 'SigningAlgorithmCount'));
      writeU16List(w, c.signingAlgorithms);
      return;
    case 'POSIX_EXTENSIONS_AVAILABLE':
      w.bytes(c.data);
      return;
    case 'UNKNOWN':
      w.bytes(c.data);
      return;
  }
}

/**
 * Writes the context list at the Writer's position, which must already be 8-aligned
 * from the header; contexts after the first are padded to 8 bytes.
 */
export function writeNegotiateContexts(w: Writer, contexts: readonly NegotiateContext[]): void {
  contexts.forEach((c, i) => {
    if (i > 0) w.align(8);
    w.u16le(contextTypeOf(c));
    const lengthAt = w.reserveU16le();
    w.u32le(0);
    const dataStart = w.length;
    writeContextData(w, c);
    w.patchU16le(lengthAt, u16Field(w.length - dataStart, 'negotiate context DataLength'));
  });
}

/**
 * Reads `count` contexts starting at `offset` (counted from the header of `r`'s element);
 * each starts at the next 8-aligned offset. The last one's padding may be absent.
 */
export function readNegotiateContexts(r: Reader, offset: number, count: number): NegotiateContext[] {
  const contexts: NegotiateContext[] = [];
  let pos = offset;
  for (let i = 0; i < count; i++) {
    pos += (8 - (pos % 8)) % 8;
    const head = r.at(pos, 8);
    const contextType = head.u16le();
    const dataLength = head.u16le();
    contexts.push(decodeNegotiateContextData(contextType, r.at(pos + 8, dataLength)));
    pos += 8 + dataLength;
  }
  return contexts;
}
