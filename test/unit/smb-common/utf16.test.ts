import { describe, expect, it } from 'vitest';
import { decodeUtf16le, encodeUtf16le, stripUtf16Nul, upcaseUtf16, utf16leByteLength } from '../../../src/smb-common/utf16.js';
import { DecodeError } from '../../../src/wire/index.js';

describe('UTF-16LE helpers', () => {
  it('encodes and decodes, surrogate pairs included', () => {
    const s = 'a\u00e9\u{1f600}';
    const b = encodeUtf16le(s);
    expect(b.toString('hex')).toBe('6100e9003dd800de');
    expect(utf16leByteLength(s)).toBe(8);
    expect(decodeUtf16le(b)).toBe(s);
  });

  it('rejects an odd byte count with DecodeError', () => {
    expect(() => decodeUtf16le(Buffer.from([0x61, 0x00, 0x62]))).toThrow(DecodeError);
  });

  it('strips trailing NULs only', () => {
    expect(stripUtf16Nul('a\0b\0\0')).toBe('a\0b');
    expect(stripUtf16Nul('ab')).toBe('ab');
  });

  it('upper-cases per code unit, leaving length-changing mappings alone', () => {
    expect(upcaseUtf16('user\u00e9')).toBe('USER\u00c9');
    expect(upcaseUtf16('stra\u00dfe')).toBe('STRA\u00dfE');
  });
});
