import { describe, expect, it } from 'vitest';
import { AesCmac, aesCmac } from '../../../../src/smb2/crypto/cmac.js';
import { hex } from './hex.js';

// RFC 4493 section 4, "Test Vectors": AES-128 key and the four messages.
const KEY = hex('2b7e1516 28aed2a6 abf71588 09cf4f3c');
const M64 = hex(`
  6bc1bee2 2e409f96 e93d7e11 7393172a
  ae2d8a57 1e03ac9c 9eb76fac 45af8e51
  30c81c46 a35ce411 e5fbc119 1a0a52ef
  f69f2445 df4f9b17 ad2b417b e66c3710`);

const EXAMPLES: ReadonlyArray<{ name: string; length: number; tag: string }> = [
  { name: 'Example 1: len = 0', length: 0, tag: 'bb1d6929 e9593728 7fa37d12 9b756746' },
  { name: 'Example 2: len = 16', length: 16, tag: '070a16b4 6b4d4144 f79bdd9d d04a287c' },
  { name: 'Example 3: len = 40', length: 40, tag: 'dfa66747 de9ae630 30ca3261 1497c827' },
  { name: 'Example 4: len = 64', length: 64, tag: '51f0bebf 7e3b9d92 fc497417 79363cfe' },
];

describe('AES-128-CMAC (RFC 4493)', () => {
  for (const ex of EXAMPLES) {
    it(ex.name, () => {
      expect(aesCmac(KEY, M64.subarray(0, ex.length)).toString('hex')).toBe(hex(ex.tag).toString('hex'));
    });
  }

  it('gives the same tag for a message split into pieces at every offset', () => {
    const cmac = new AesCmac(KEY);
    for (const ex of EXAMPLES) {
      const m = M64.subarray(0, ex.length);
      for (let i = 0; i <= m.length; i++) {
        for (let j = i; j <= m.length; j += 7) {
          const tag = cmac.mac([m.subarray(0, i), m.subarray(i, j), m.subarray(j)]);
          expect(tag.toString('hex'), `${ex.name} split at ${i},${j}`).toBe(hex(ex.tag).toString('hex'));
        }
      }
    }
  });

  it('reuses one instance across messages without carrying state', () => {
    const cmac = new AesCmac(KEY);
    expect(cmac.mac(M64).toString('hex')).toBe('51f0bebf7e3b9d92fc49741779363cfe');
    expect(cmac.mac(M64.subarray(0, 16)).toString('hex')).toBe('070a16b46b4d4144f79bdd9dd04a287c');
  });

  it('rejects a key that is not 16 bytes', () => {
    expect(() => aesCmac(Buffer.alloc(32), M64)).toThrow(RangeError);
  });
});
