import { cipherInfo } from './ciphers.js';

const COUNTER_BYTES = 8;
const COUNTER_LIMIT = 1n << 64n;

/**
 * Nonces for SMB2 encryption (MS-SMB2 3.1.4.3: a nonce must never be reused under a
 * session's key): an 8-byte little-endian counter followed by a fixed salt (3 bytes for CCM's
 * 11-byte nonce, 4 for GCM's 12). Keep one per session, shared by all its channels, since the
 * key is the session's. The counter never wraps: next() throws after 2^64 - 1 nonces. The salt
 * may come from an Entropy; uniqueness comes from the counter, not from it.
 */
export class NonceCounter {
  private counter = 0n;
  private readonly nonceBytes: number;
  private readonly salt: Buffer;

  constructor(cipher: number, salt?: Buffer) {
    this.nonceBytes = cipherInfo(cipher).nonceBytes;
    const saltBytes = this.nonceBytes - COUNTER_BYTES;
    if (salt && salt.length !== saltBytes) throw new RangeError(`nonce salt must be ${saltBytes} bytes, got ${salt.length}`);
    this.salt = salt ? Buffer.from(salt) : Buffer.alloc(saltBytes);
  }

  next(): Buffer {
    const value = this.counter + 1n;
    if (value >= COUNTER_LIMIT) throw new RangeError('SMB2 encryption nonce counter exhausted; the session must be re-established');
    this.counter = value;
    const nonce = Buffer.alloc(this.nonceBytes);
    nonce.writeBigUInt64LE(value, 0);
    this.salt.copy(nonce, COUNTER_BYTES);
    return nonce;
  }
}
