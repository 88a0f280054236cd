import { createHmac } from 'node:crypto';

/** Output lengths SMB uses, in bits. */
export type KdfOutputBits = 128 | 256;

/** HMAC-SHA256 yields 256 bits per round (the PRF output length h of SP800-108). */
const PRF_OUTPUT_BYTES = 32;

/**
 * The SP800-108 KDF in counter mode with HMAC-SHA256 as the PRF and r = 32, as MS-SMB2 3.1.4.2
 * specifies it: for i = 1..ceil(L/256), K(i) = HMAC-SHA256(Ki, [i]32be || Label || 0x00 || Context || [L]32be),
 * and the result is the first L bits of K(1) || K(2) || ...
 * Label and Context are passed as the spec writes them (MS-SMB2 labels carry their own
 * trailing NUL, e.g. "SMB2AESCMAC\0"); the 0x00 separator is added here.
 */
export function sp800108CounterHmacSha256(ki: Buffer, label: Buffer, context: Buffer, lengthBits: KdfOutputBits): Buffer {
  const outBytes = lengthBits / 8;
  const rounds = Math.ceil(outBytes / PRF_OUTPUT_BYTES);
  const counter = Buffer.alloc(4);
  const separator = Buffer.alloc(1);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(lengthBits);
  const blocks: Buffer[] = [];
  for (let i = 1; i <= rounds; i++) {
    counter.writeUInt32BE(i);
    blocks.push(createHmac('sha256', ki).update(counter).update(label).update(separator).update(context).update(length).digest());
  }
  return (rounds === 1 ? blocks[0] : Buffer.concat(blocks)).subarray(0, outBytes);
}
