import { expect } from 'vitest';
import { DecodeError } from '../../../src/wire/index.js';

/**
 * Every proper prefix of buf (from `from` bytes on) must make decode throw DecodeError (and
 * nothing else). Lists start at 1: an empty buffer is an empty list.
 */
export function expectEveryTruncationThrows(buf: Buffer, decode: (b: Buffer) => unknown, from = 0): void {
  for (let n = from; n < buf.length; n++) {
    expect(() => decode(buf.subarray(0, n)), `truncated to ${n} of ${buf.length}`).toThrow(DecodeError);
  }
}
