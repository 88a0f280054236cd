import { createCipheriv, createSecretKey, type KeyObject } from 'node:crypto';

const BLOCK = 16;
const ZERO_BLOCK = Buffer.alloc(BLOCK);
/** R_128 of RFC 4493 2.3: the constant XORed in when doubling overflows. */
const RB = 0x87;

/** Doubling in GF(2^128) (RFC 4493 2.3: K1 = L << 1, XOR Rb if MSB(L) = 1). */
function double(block: Buffer): Buffer {
  const out = Buffer.alloc(BLOCK);
  let carry = 0;
  for (let i = BLOCK - 1; i >= 0; i--) {
    const b = block[i];
    out[i] = ((b << 1) | carry) & 0xff;
    carry = b >>> 7;
  }
  if (carry) out[BLOCK - 1] ^= RB;
  return out;
}

/**
 * AES-128-CMAC (RFC 4493) on Node's OpenSSL AES-128-CBC: the CBC-MAC of all blocks but the last
 * is taken by one cipher update over them (a zero IV, no padding), then the last block, XORed
 * with K1 (complete) or padded and XORed with K2 (partial or empty), goes through the same
 * cipher, whose output is the tag. No per-block JavaScript cipher calls.
 * The subkeys are computed once per instance, so reuse one instance per key.
 */
export class AesCmac {
  private readonly key: KeyObject;
  private readonly k1: Buffer;
  private readonly k2: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 16) throw new RangeError(`AES-128-CMAC key must be 16 bytes, got ${key.length}`);
    this.key = createSecretKey(key);
    const ecb = createCipheriv('aes-128-ecb', this.key, null).setAutoPadding(false);
    const l = ecb.update(ZERO_BLOCK);
    this.k1 = double(l);
    this.k2 = double(this.k1);
  }

  /** The 16-byte tag of the concatenation of parts (which are not copied together). */
  mac(parts: Buffer | readonly Buffer[]): Buffer {
    const list: readonly Buffer[] = Buffer.isBuffer(parts) ? [parts] : parts;
    let total = 0;
    for (const p of list) total += p.length;
    const complete = total > 0 && total % BLOCK === 0;
    const lastStart = complete ? total - BLOCK : total - (total % BLOCK);

    const cbc = createCipheriv('aes-128-cbc', this.key, ZERO_BLOCK).setAutoPadding(false);
    const last = Buffer.alloc(BLOCK);
    let at = 0;
    for (const p of list) {
      const end = at + p.length;
      if (at < lastStart) cbc.update(end <= lastStart ? p : p.subarray(0, lastStart - at));
      if (end > lastStart) {
        const from = Math.max(0, lastStart - at);
        p.copy(last, at + from - lastStart, from);
      }
      at = end;
    }
    const tailLength = total - lastStart;
    if (!complete) last[tailLength] = 0x80;
    const subkey = complete ? this.k1 : this.k2;
    for (let i = 0; i < BLOCK; i++) last[i] ^= subkey[i];
    return cbc.update(last);
  }
}

/** AES-128-CMAC of data under key (RFC 4493 2.4). For many messages under one key, keep an AesCmac. */
export function aesCmac(key: Buffer, data: Buffer | readonly Buffer[]): Buffer {
  return new AesCmac(key).mac(data);
}
