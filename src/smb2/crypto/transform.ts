import { createCipheriv, createDecipheriv } from 'node:crypto';
import { ProtocolError } from '../../vfs/errors.js';
import { Reader, Writer } from '../../wire/index.js';
import { readTransformHeader, TRANSFORM_AAD_OFFSET, TRANSFORM_AAD_SIZE, TRANSFORM_HEADER_SIZE, TransformFlags, writeTransformHeader } from '../protocol/transform.js';
import { cipherInfo, type CipherInfo } from './ciphers.js';

const TAG_BYTES = 16;
/** TRANSFORM_HEADER (MS-SMB2 2.2.41): Signature at 4, the 16-byte Nonce field at 20. */
const SIGNATURE_OFFSET = 4;
const NONCE_FIELD_BYTES = 16;
const MAX_ORIGINAL_MESSAGE_SIZE = 0xffffffff;

export interface EncryptMessageInput {
  /** A CipherId (EncryptionCipher 1..4), as negotiated. */
  readonly cipher: number;
  /** The key for this direction (a client's Session.EncryptionKey): 16 bytes, 32 for AES-256. */
  readonly key: Buffer;
  /**
   * The cipher's nonce: 11 bytes for CCM, 12 for GCM, placed in the 16-byte Nonce field with
   * zeros after it; or a whole 16-byte field, used as given (the cipher reads its first 11 or 12
   * bytes; SMB 3.0 senders such as Windows 8 filled all 16). It must never repeat under one key: the
   * keys belong to the session, so all channels of a session share one nonce source. Use a
   * per-session counter (NonceCounter): unique by construction. Random nonces from an Entropy
   * are safe only while the number of messages under a key stays far below the birthday bound
   * (NIST SP 800-38D 8.3 caps random 96-bit GCM nonces at 2^32 messages; for CCM's 88 bits
   * the margin is smaller still), so they are not the default.
   */
  readonly nonce: Buffer;
  readonly sessionId: bigint;
  /** One SMB2 message or compound, possibly in pieces (header, payload...) that are not copied together for GCM. */
  readonly plaintext: Buffer | readonly Buffer[];
}

export interface DecryptMessageInput {
  /** A CipherId (EncryptionCipher 1..4), as negotiated. */
  readonly cipher: number;
  /** The key for this direction (a client's Session.DecryptionKey): 16 bytes, 32 for AES-256. */
  readonly key: Buffer;
  /** One whole transform message: the 52-byte TRANSFORM_HEADER and the ciphertext after it. */
  readonly message: Buffer;
}

function checkKey(info: CipherInfo, key: Buffer): void {
  if (key.length !== info.keyBytes) throw new RangeError(`${info.name} key must be ${info.keyBytes} bytes, got ${key.length}`);
}

/** The 16-byte Nonce field: the cipher's nonce followed by zeros, or a whole 16-byte field as given. */
function nonceField(info: CipherInfo, nonce: Buffer): Buffer {
  if (nonce.length === NONCE_FIELD_BYTES) return nonce;
  if (nonce.length !== info.nonceBytes) throw new RangeError(`${info.name} nonce must be ${info.nonceBytes} bytes (or a 16-byte Nonce field), got ${nonce.length}`);
  const field = Buffer.alloc(NONCE_FIELD_BYTES);
  nonce.copy(field);
  return field;
}

/**
 * Encrypts one SMB2 message (or compound) into a transform message (MS-SMB2 3.1.4.3): the
 * AEAD's associated data is the 32 header bytes from Nonce to SessionId, its tag becomes the
 * header's Signature. Returns [header, ...ciphertext] for a gather write: with GCM one
 * ciphertext chunk per plaintext piece, nothing copied together; with CCM one chunk (OpenSSL's
 * CCM takes the plaintext in one call, so pieces are joined first).
 */
export function encryptMessage(input: EncryptMessageInput): Buffer[] {
  const info = cipherInfo(input.cipher);
  checkKey(info, input.key);
  const field = nonceField(info, input.nonce);
  const nonce = field.subarray(0, info.nonceBytes);
  const pieces: readonly Buffer[] = Buffer.isBuffer(input.plaintext) ? [input.plaintext] : input.plaintext;
  let total = 0;
  for (const p of pieces) total += p.length;
  if (total > MAX_ORIGINAL_MESSAGE_SIZE) throw new RangeError(`message of ${total} bytes does not fit OriginalMessageSize`);

  const w = new Writer(TRANSFORM_HEADER_SIZE);
  writeTransformHeader(w, {
    signature: Buffer.alloc(TAG_BYTES),
    nonce: field,
    originalMessageSize: total,
    flags: TransformFlags.Encrypted,
    sessionId: input.sessionId,
  });
  const header = w.finish();
  const aad = header.subarray(TRANSFORM_AAD_OFFSET, TRANSFORM_AAD_OFFSET + TRANSFORM_AAD_SIZE);

  const out: Buffer[] = [header];
  let tag: Buffer;
  if (info.mode === 'gcm') {
    const c = createCipheriv(info.openssl, input.key, nonce, { authTagLength: TAG_BYTES });
    c.setAAD(aad);
    for (const p of pieces) if (p.length > 0) out.push(c.update(p));
    c.final();
    tag = c.getAuthTag();
  } else {
    const c = createCipheriv(info.openssl, input.key, nonce, { authTagLength: TAG_BYTES });
    c.setAAD(aad, { plaintextLength: total });
    out.push(c.update(pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, total)));
    c.final();
    tag = c.getAuthTag();
  }
  header.set(tag, SIGNATURE_OFFSET);
  return out;
}

/**
 * Decrypts one transform message (MS-SMB2 3.2.5.1.1.1) and returns the SMB2 message(s) inside.
 * A malformed header throws DecodeError; a tag that does not verify throws ProtocolError.
 */
export function decryptMessage(input: DecryptMessageInput): Buffer {
  const info = cipherInfo(input.cipher);
  checkKey(info, input.key);
  const r = new Reader(input.message);
  const h = readTransformHeader(r);
  if (h.flags !== TransformFlags.Encrypted) r.fail(`TRANSFORM_HEADER Flags/EncryptionAlgorithm is 0x${h.flags.toString(16)}, not 0x0001`);
  if (h.originalMessageSize !== r.remaining) r.fail(`TRANSFORM_HEADER OriginalMessageSize ${h.originalMessageSize} but ${r.remaining} bytes follow`);
  const ciphertext = r.rest();
  const nonce = h.nonce.subarray(0, info.nonceBytes);
  const aad = input.message.subarray(TRANSFORM_AAD_OFFSET, TRANSFORM_AAD_OFFSET + TRANSFORM_AAD_SIZE);
  try {
    if (info.mode === 'gcm') {
      const d = createDecipheriv(info.openssl, input.key, nonce, { authTagLength: TAG_BYTES });
      d.setAuthTag(h.signature);
      d.setAAD(aad);
      const plaintext = d.update(ciphertext);
      d.final();
      return plaintext;
    }
    const d = createDecipheriv(info.openssl, input.key, nonce, { authTagLength: TAG_BYTES });
    d.setAuthTag(h.signature);
    d.setAAD(aad, { plaintextLength: ciphertext.length });
    const plaintext = d.update(ciphertext);
    d.final();
    return plaintext;
  } catch (cause) {
    throw new ProtocolError(`SMB2 TRANSFORM_HEADER signature did not verify (${info.name} tag mismatch, session 0x${h.sessionId.toString(16)})`, SIGNATURE_OFFSET, {
      protocol: 'smb2',
      cause,
    });
  }
}
