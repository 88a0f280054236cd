import { describe, expect, it } from 'vitest';
import { DecodeError, Reader, Writer } from '../../../src/wire/index.js';

describe('Reader', () => {
  const buf = Buffer.from([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a]);

  it('reads little- and big-endian fields in order', () => {
    const r = new Reader(buf);
    expect(r.u8()).toBe(0x01);
    expect(r.u16le()).toBe(0x0302);
    expect(r.u16be()).toBe(0x0405);
    expect(r.u32le()).toBe(0x09080706);
    expect(r.remaining).toBe(1);
  });

  it('throws DecodeError with the offset on a read past the end', () => {
    const r = new Reader(buf, 8);
    expect(() => r.u32le()).toThrow(DecodeError);
    try {
      r.u32le();
    } catch (e) {
      expect((e as DecodeError).offset).toBe(8);
    }
  });

  it('a child window cannot reach past its parent', () => {
    const r = new Reader(buf);
    const child = r.sub(4);
    expect(child.remaining).toBe(4);
    expect(() => child.bytes(5)).toThrow(DecodeError);
    expect(() => r.at(8, 3)).toThrow(DecodeError);
    expect(() => r.at(-1, 1)).toThrow(DecodeError);
    expect(r.at(8, 2).u16be()).toBe(0x090a);
  });

  it('offsets of at() are relative to the reader start', () => {
    const r = new Reader(buf, 4, 10);
    expect(r.at(0, 1).u8()).toBe(0x05);
    expect(() => r.seek(7)).toThrow(DecodeError);
  });

  it('rejects a negative or non-finite length', () => {
    const r = new Reader(buf);
    expect(() => r.bytes(-1)).toThrow(DecodeError);
    expect(() => r.bytes(Number.NaN)).toThrow(DecodeError);
  });
});

describe('Writer', () => {
  it('grows and patches reserved slots', () => {
    const w = new Writer(16);
    const slot = w.reserveU32le();
    for (let i = 0; i < 100; i++) w.u8(i);
    w.patchU32le(slot, w.length);
    const out = w.finish();
    expect(out.length).toBe(104);
    expect(out.readUInt32LE(0)).toBe(104);
    expect(out[103]).toBe(99);
  });

  it('aligns with zero padding', () => {
    const w = new Writer();
    w.u8(1).align(8);
    expect(w.finish()).toEqual(Buffer.from([1, 0, 0, 0, 0, 0, 0, 0]));
  });

  it('round-trips through a Reader', () => {
    const w = new Writer();
    w.u16le(0xfe).u32be(0xdeadbeef).u64le(0x1122334455667788n).utf16le('hé');
    const r = new Reader(w.finish());
    expect(r.u16le()).toBe(0xfe);
    expect(r.u32be()).toBe(0xdeadbeef);
    expect(r.u64le()).toBe(0x1122334455667788n);
    expect(r.utf16le(4)).toBe('hé');
  });
});

describe('Writer growth', () => {
  it('writes every field width across the capacity boundary', () => {
    for (let pre = 0; pre < 24; pre++) {
      const w = new Writer(16);
      w.zeros(pre).u8(0xab).u16le(0x1234).u32be(0xcafebabe).u64le(7n).utf16le('xy');
      const r = new Reader(w.finish());
      r.skip(pre);
      expect([r.u8(), r.u16le(), r.u32be(), r.u64le(), r.utf16le(4)]).toEqual([0xab, 0x1234, 0xcafebabe, 7n, 'xy']);
    }
  });
});
