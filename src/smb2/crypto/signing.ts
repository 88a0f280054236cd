import { createCipheriv, createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import { Reader } from '../../wire/index.js';
import { Smb2Command, Smb2Dialects, Smb2HeaderFlags } from '../protocol/constants.js';
import { readHeader, SMB2_FLAGS_OFFSET, SMB2_HEADER_SIZE, SMB2_SIGNATURE_OFFSET, SMB2_SIGNATURE_SIZE } from '../protocol/header.js';
import { SigningAlgorithm } from '../protocol/negotiate-contexts.js';
import { AesCmac } from './cmac.js';
import { assertDialect } from './dialects.js';

export { SigningAlgorithm };
/** An SMB2 signing algorithm id (MS-SMB2 2.2.3.1.7): 0 HMAC-SHA256, 1 AES-CMAC, 2 AES-GMAC. */
export type SigningAlgorithmId = (typeof SigningAlgorithm)[keyof typeof SigningAlgorithm];

/** The bits of the last 4 bytes of the AES-GMAC nonce (MS-SMB2 3.1.4.1). */
const GmacNonceBit = {
  ROLE_SERVER: 0x1,
  CANCEL: 0x2,
} as const;

const GMAC_NONCE_BYTES = 12;

/** One SMB2 message or compound element: one buffer, or several whose first holds the whole 64-byte header. */
export type MessageBytes = Buffer | readonly Buffer[];

const KNOWN_ALGORITHMS: ReadonlySet<number> = new Set<number>(Object.values(SigningAlgorithm));

/** Narrows a wire value to a signing algorithm id; throws RangeError for one this client does not implement. */
export function asSigningAlgorithm(value: number): SigningAlgorithmId {
  if (!KNOWN_ALGORITHMS.has(value)) throw new RangeError(`unknown SMB2 signing algorithm 0x${value.toString(16).padStart(4, '0')}`);
  return value as SigningAlgorithmId;
}

/**
 * The signing algorithm of a session (MS-SMB2 3.1.4.1): HMAC-SHA256 for 2.0.2 and 2.1,
 * AES-CMAC for 3.0 and 3.0.2, and for 3.1.1 the algorithm SMB2_SIGNING_CAPABILITIES
 * negotiated, or AES-CMAC when that context was absent.
 */
export function signingAlgorithmFor(dialect: number, negotiated?: number): SigningAlgorithmId {
  assertDialect(dialect);
  if (dialect < Smb2Dialects.SMB_3_0) return SigningAlgorithm.HMAC_SHA256;
  if (dialect === Smb2Dialects.SMB_3_1_1 && negotiated !== undefined) return asSigningAlgorithm(negotiated);
  return SigningAlgorithm.AES_CMAC;
}

/**
 * The 12-byte AES-GMAC nonce (MS-SMB2 3.1.4.1): MessageId as 8 bytes little-endian, then a
 * 32-bit little-endian word whose bit 0 is set for a server-to-client message
 * (SMB2_FLAGS_SERVER_TO_REDIR) and bit 1 for an SMB2 CANCEL request; the other bits are zero.
 */
export function gmacNonce(messageId: bigint, flags: number, command: number): Buffer {
  const nonce = Buffer.alloc(GMAC_NONCE_BYTES);
  nonce.writeBigUInt64LE(BigInt.asUintN(64, messageId), 0);
  let role = 0;
  if (flags & Smb2HeaderFlags.SERVER_TO_REDIR) role |= GmacNonceBit.ROLE_SERVER;
  if (command === Smb2Command.CANCEL) role |= GmacNonceBit.CANCEL;
  nonce.writeUInt32LE(role, 8);
  return nonce;
}

/** What the MAC depends on besides the bytes. */
interface SignedFields {
  readonly command: number;
  readonly flags: number;
  readonly messageId: bigint;
}

function partsOf(element: MessageBytes): readonly Buffer[] {
  const parts: readonly Buffer[] = Buffer.isBuffer(element) ? [element] : element;
  if (parts.length === 0) throw new RangeError('no message bytes to sign or verify');
  return parts;
}

/** Reads the header from the first buffer; throws DecodeError if it does not hold a whole SMB2 header. */
function headerOf(first: Buffer): SignedFields {
  return readHeader(new Reader(first, 0, Math.min(first.length, SMB2_HEADER_SIZE)));
}

/** Signs and verifies SMB2 messages under one key; keep one per session (and channel). */
export interface Smb2Signer {
  readonly algorithm: SigningAlgorithmId;
  /** Sets SMB2_FLAGS_SIGNED, then writes the signature into the element in place. */
  sign(element: MessageBytes): void;
  /** True if the element's signature is right; the element is left as it was. */
  verify(element: MessageBytes): boolean;
}

type MacFunction = (parts: readonly Buffer[], fields: SignedFields) => Buffer;

function macFunction(algorithm: SigningAlgorithmId, key: Buffer): MacFunction {
  switch (algorithm) {
    case SigningAlgorithm.HMAC_SHA256: {
      const k = createSecretKey(key);
      return (parts) => {
        const h = createHmac('sha256', k);
        for (const p of parts) h.update(p);
        return h.digest().subarray(0, SMB2_SIGNATURE_SIZE);
      };
    }
    case SigningAlgorithm.AES_CMAC: {
      const cmac = new AesCmac(key);
      return (parts) => cmac.mac(parts);
    }
    case SigningAlgorithm.AES_GMAC: {
      if (key.length !== 16) throw new RangeError(`AES-128-GMAC key must be 16 bytes, got ${key.length}`);
      const k = createSecretKey(key);
      return (parts, fields) => {
        const gcm = createCipheriv('aes-128-gcm', k, gmacNonce(fields.messageId, fields.flags, fields.command), { authTagLength: SMB2_SIGNATURE_SIZE });
        for (const p of parts) gcm.setAAD(p);
        gcm.final();
        return gcm.getAuthTag();
      };
    }
  }
}

/**
 * A signer for one algorithm and key (MS-SMB2 3.1.4.1). The signature covers exactly the bytes
 * given: for a compound element that is not the last, pass it with its padding to 8 bytes
 * (up to NextCommand); for the last, up to the end of the message.
 */
export function createSigner(algorithmId: number, key: Buffer): Smb2Signer {
  const algorithm = asSigningAlgorithm(algorithmId);
  const mac = macFunction(algorithm, key);
  const at = SMB2_SIGNATURE_OFFSET;
  const end = SMB2_SIGNATURE_OFFSET + SMB2_SIGNATURE_SIZE;
  return {
    algorithm,
    sign(element) {
      const parts = partsOf(element);
      const first = parts[0];
      const fields = headerOf(first);
      const flags = (fields.flags | Smb2HeaderFlags.SIGNED) >>> 0;
      first.writeUInt32LE(flags, SMB2_FLAGS_OFFSET);
      first.fill(0, at, end);
      first.set(mac(parts, { ...fields, flags }), at);
    },
    verify(element) {
      const parts = partsOf(element);
      const first = parts[0];
      const fields = headerOf(first);
      const received = Buffer.from(first.subarray(at, end));
      let expected: Buffer;
      first.fill(0, at, end);
      try {
        expected = mac(parts, fields);
      } finally {
        first.set(received, at);
      }
      return timingSafeEqual(expected, received);
    },
  };
}

/** Signs one SMB2 message or compound element in place (see createSigner). */
export function signMessage(algorithm: number, key: Buffer, element: MessageBytes): void {
  createSigner(algorithm, key).sign(element);
}

/** Checks one SMB2 message or compound element's signature in constant time; the element is left unchanged. */
export function verifyMessage(algorithm: number, key: Buffer, element: MessageBytes): boolean {
  return createSigner(algorithm, key).verify(element);
}
