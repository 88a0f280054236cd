import { describe, expect, it } from 'vitest';
import { trimLock } from '../../../src/nfs4/handle.js';

const TO_EOF = 0xffffffffffffffffn;
const W = 2;

describe('trimLock: what an unlock leaves of a held range', () => {
  const held = { type: W, offset: 100n, length: 100n }; // [100, 200)
  it('keeps a range the unlock does not touch', () => {
    expect(trimLock(held, 0n, 100n)).toEqual([held]);
    expect(trimLock(held, 200n, 50n)).toEqual([held]);
  });
  it('drops a range the unlock covers', () => {
    expect(trimLock(held, 100n, 100n)).toEqual([]);
    expect(trimLock(held, 0n, TO_EOF)).toEqual([]);
  });
  it('cuts the front, the back, or a hole in the middle', () => {
    expect(trimLock(held, 50n, 100n)).toEqual([{ type: W, offset: 150n, length: 50n }]);
    expect(trimLock(held, 150n, 100n)).toEqual([{ type: W, offset: 100n, length: 50n }]);
    expect(trimLock(held, 120n, 10n)).toEqual([
      { type: W, offset: 100n, length: 20n },
      { type: W, offset: 130n, length: 70n },
    ]);
  });
  it('keeps a lock to the end of the file to the end after a cut', () => {
    expect(trimLock({ type: W, offset: 0n, length: TO_EOF }, 10n, 5n)).toEqual([
      { type: W, offset: 0n, length: 10n },
      { type: W, offset: 15n, length: TO_EOF },
    ]);
    expect(trimLock({ type: W, offset: 0n, length: TO_EOF }, 10n, TO_EOF)).toEqual([{ type: W, offset: 0n, length: 10n }]);
  });
});
