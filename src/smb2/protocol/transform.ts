import type { Reader, Writer } from '../../wire/index.js';

// MS-SMB2 2.2.41 SMB2 TRANSFORM_HEADER.
export const TRANSFORM_HEADER_SIZE = 52;
/** ProtocolId 0xFD 'S' 'M' 'B', read as a little-endian u32. */
export const TRANSFORM_PROTOCOL_ID = 0x424d53fd;
/** The AES-CCM/GCM additional authenticated data: the header from Nonce to its end (3.1.4.3). */
export const TRANSFORM_AAD_OFFSET = 20;
export const TRANSFORM_AAD_SIZE = TRANSFORM_HEADER_SIZE - TRANSFORM_AAD_OFFSET;

/** MS-SMB2 2.2.41 Flags (3.1.1) / EncryptionAlgorithm (3.0, 3.0.2): both 0x0001. */
export const TransformFlags = {
  Encrypted: 0x0001,
  SMB2_ENCRYPTION_AES128_CCM: 0x0001,
} as const;

export interface TransformHeader {
  /** 16 bytes: the AEAD tag. */
  signature: Buffer;
  /** 16 bytes; AES-CCM uses the first 11, AES-GCM the first 12. */
  nonce: Buffer;
  originalMessageSize: number;
  /** Flags (3.1.1) or EncryptionAlgorithm (3.0.x). */
  flags: number;
  sessionId: bigint;
}

export function readTransformHeader(r: Reader): TransformHeader {
  const protocolId = r.u32le();
  if (protocolId !== TRANSFORM_PROTOCOL_ID) r.fail(`not an SMB2 TRANSFORM_HEADER: ProtocolId 0x${protocolId.toString(16).padStart(8, '0')}`);
  const signature = r.bytes(16);
  const nonce = r.bytes(16);
  const originalMessageSize = r.u32le();
  r.skip(2);
  const flags = r.u16le();
  const sessionId = r.u64le();
  return { signature, nonce, originalMessageSize, flags, sessionId };
}

export function writeTransformHeader(w: Writer, h: TransformHeader): void {
  if (h.signature.length !== 16 || h.nonce.length !== 16) throw new RangeError('TRANSFORM_HEADER Signature and Nonce are 16 bytes each');
  w.u32le(TRANSFORM_PROTOCOL_ID).bytes(h.signature).bytes(h.nonce).u32le(h.originalMessageSize).u16le(0).u16le(h.flags).u64le(h.sessionId);
}

/** The AAD of an encoded transform header (a view of bytes 20..52): what the cipher authenticates. */
export function transformAad(r: Reader): Buffer {
  return r.slice(TRANSFORM_AAD_OFFSET, TRANSFORM_AAD_SIZE);
}
