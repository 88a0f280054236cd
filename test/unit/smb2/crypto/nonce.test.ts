import { describe, expect, it } from 'vitest';
import { EncryptionCipher } from '../../../../src/smb2/protocol/negotiate-contexts.js';
import { NonceCounter } from '../../../../src/smb2/crypto/nonce.js';

describe('NonceCounter', () => {
  it('GCM: 12 bytes, an 8-byte little-endian counter from 1, then the salt', () => {
    const n = new NonceCounter(EncryptionCipher.AES_128_GCM, Buffer.from('a1b2c3d4', 'hex'));
    expect(n.next().toString('hex')).toBe('0100000000000000a1b2c3d4');
    expect(n.next().toString('hex')).toBe('0200000000000000a1b2c3d4');
  });

  it('CCM: 11 bytes with a 3-byte salt, zero by default', () => {
    const n = new NonceCounter(EncryptionCipher.AES_256_CCM);
    expect(n.next().toString('hex')).toBe('0100000000000000000000');
  });

  it('never repeats over many calls', () => {
    const n = new NonceCounter(EncryptionCipher.AES_128_CCM);
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) seen.add(n.next().toString('hex'));
    expect(seen.size).toBe(5000);
  });

  it('rejects a salt of the wrong length', () => {
    expect(() => new NonceCounter(EncryptionCipher.AES_128_CCM, Buffer.alloc(4))).toThrow(RangeError);
  });
});
