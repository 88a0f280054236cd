import { describe, expect, it } from 'vitest';
import { XdrReader, XdrWriter } from '../../../src/rpc/xdr.js';
import { DecodeError } from '../../../src/wire/errors.js';
import { Reader } from '../../../src/wire/reader.js';
import { ascii, bytes, thrown } from './golden.js';

/** One of every XDR item (RFC 4506 section 4), in this order. */
const GOLDEN = bytes(
  'ffffffff', // int -1
  'fffffffe', // unsigned int 4294967294
  '8000000000000000', // hyper -2^63
  'ffffffffffffffff', // unsigned hyper 2^64-1
  '00000001', // bool TRUE
  '00000003', // enum 3
  ascii('abcde'), '000000', // opaque[5] + 3 bytes padding
  '00000002', '0102', '0000', // opaque<>: length 2, bytes, padding
  '00000004', 'c3a9c3a9', // string<>: "éé" as 4 bytes of UTF-8, no padding
  '00000003', '0000000a', '0000000b', '0000000c', // unsigned int<>: 3 elements
  '00000000', // optional (absent)
  '00000001', '0000002a', // optional (present) 42
);

function writeAll(w: XdrWriter): XdrWriter {
  return w
    .int(-1)
    .uint(0xfffffffe)
    .hyper(-(1n << 63n))
    .uhyper((1n << 64n) - 1n)
    .bool(true)
    .enum(3)
    .opaqueFixed(Buffer.from('abcde'), 5)
    .opaque(Buffer.from([1, 2]), 8)
    .string('éé', 4)
    .array([10, 11, 12], (x, v) => x.uint(v), 3)
    .optional(undefined as number | undefined, (x, v) => x.uint(v))
    .optional(42, (x, v) => x.uint(v));
}

function readAll(x: XdrReader): unknown[] {
  return [
    x.int(),
    x.uint(),
    x.hyper(),
    x.uhyper(),
    x.bool(),
    x.enum(new Set([1, 2, 3])),
    x.opaqueFixed(5).toString(),
    [...x.opaque(8)],
    x.string(4),
    x.array(3, (r) => r.uint()),
    x.optional((r) => r.uint()),
    x.optional((r) => r.uint()),
  ];
}

const VALUES = [-1, 0xfffffffe, -(1n << 63n), (1n << 64n) - 1n, true, 3, 'abcde', [1, 2], 'éé', [10, 11, 12], undefined, 42];

describe('XdrWriter', () => {
  it('writes every item big-endian with 4-byte padding (golden bytes)', () => {
    expect(writeAll(new XdrWriter()).finish().toString('hex')).toBe(GOLDEN.toString('hex'));
  });

  it('keeps opaqueRef data uncopied between the chunks, padded after it', () => {
    const data = Buffer.from('hello');
    const w = new XdrWriter().uint(7).opaqueRef(data).uint(9);
    const chunks = w.chunks();
    expect(chunks.map((c) => c.toString('hex'))).toEqual(['00000007' + '00000005', data.toString('hex'), '000000' + '00000009']);
    expect(chunks[1]).toBe(data);
    expect(w.length).toBe(20);
    expect(w.finish().toString('hex')).toBe('0000000700000005' + ascii('hello') + '00000000000009');
    expect(new XdrWriter().opaqueRef(Buffer.alloc(0)).chunks().map((c) => c.toString('hex'))).toEqual(['00000000']);
  });

  it('refuses values XDR cannot carry', () => {
    const w = new XdrWriter();
    expect(() => w.int(0x80000000)).toThrow(RangeError);
    expect(() => w.int(1.5)).toThrow(RangeError);
    expect(() => w.uint(-1)).toThrow(RangeError);
    expect(() => w.uint(0x100000000)).toThrow(RangeError);
    expect(() => w.hyper(1n << 63n)).toThrow(RangeError);
    expect(() => w.uhyper(-1n)).toThrow(RangeError);
    expect(() => w.opaque(Buffer.alloc(9), 8)).toThrow(RangeError);
    expect(() => w.opaqueFixed(Buffer.alloc(3), 4)).toThrow(RangeError);
    expect(() => w.string('abcde', 4)).toThrow(RangeError);
    expect(() => w.array([1, 2], (x, v) => x.uint(v), 1)).toThrow(RangeError);
    expect(w.length).toBe(0);
  });
});

describe('XdrReader', () => {
  it('reads back every item of the golden bytes', () => {
    const x = new XdrReader(GOLDEN);
    expect(readAll(x)).toEqual(VALUES);
    expect(x.remaining).toBe(0);
  });

  it('reads opaque data as views of the record', () => {
    const x = new XdrReader(GOLDEN);
    x.reader.skip(4 + 4 + 8 + 8 + 4 + 4);
    const fixed = x.opaqueFixed(5);
    expect(fixed.buffer).toBe(GOLDEN.buffer);
    expect(fixed.byteOffset).toBe(GOLDEN.byteOffset + 32);
  });

  it('reads inside a child window, and sub() skips the padding', () => {
    const x = new XdrReader(bytes('00000001', ascii('xyz'), '00', '00000002'));
    x.uint();
    const inner = x.sub(3);
    expect(inner.remaining).toBe(3);
    expect(x.uint()).toBe(2);
    expect(new XdrReader(new Reader(GOLDEN, 4, 8)).uint()).toBe(0xfffffffe);
  });

  it('fails every truncation of the golden bytes with DecodeError', () => {
    for (let cut = 0; cut < GOLDEN.length; cut++) {
      const err = thrown(() => readAll(new XdrReader(GOLDEN.subarray(0, cut))));
      expect(err, `cut at ${cut}`).toBeInstanceOf(DecodeError);
    }
  });

  it('rejects a bool other than 0 or 1, an enum outside its table, lengths over their maximum', () => {
    expect(thrown(() => new XdrReader(bytes('00000002')).bool())).toBeInstanceOf(DecodeError);
    expect(thrown(() => new XdrReader(bytes('00000004')).enum(new Set([1, 2, 3]), 'colour'))).toMatchObject({ name: 'DecodeError', message: 'colour 4 is not a defined value (at offset 0)' });
    expect(new XdrReader(bytes('ffffffff')).enum()).toBe(-1);
    expect(thrown(() => new XdrReader(bytes('00000009', '00'.repeat(12))).opaque(8))).toMatchObject({ name: 'DecodeError', offset: 0 });
    expect(thrown(() => new XdrReader(bytes('00000005', ascii('abcde'), '000000')).string(4, 'name'))).toMatchObject({ message: 'name of 5 exceeds its maximum of 4 (at offset 0)' });
    expect(thrown(() => new XdrReader(bytes('00000002', '00000001', '00000002')).array(1, (r) => r.uint()))).toBeInstanceOf(DecodeError);
  });

  it('rejects an array count the remaining bytes cannot hold before looping over it', () => {
    let items = 0;
    const err = thrown(() =>
      new XdrReader(bytes('7fffffff', '00000001')).array(0xffffffff, (r) => {
        items++;
        return r.uint();
      }),
    );
    expect(err).toBeInstanceOf(DecodeError);
    expect(items).toBe(0);
    expect(new XdrReader(bytes('00000003')).array(10, () => 0, 0)).toEqual([0, 0, 0]);
  });

  it('needs the padding after opaque data to be there', () => {
    expect(thrown(() => new XdrReader(bytes('00000001', 'aa', '0000')).opaque())).toBeInstanceOf(DecodeError);
    expect([...new XdrReader(bytes('00000001', 'aa', '000000')).opaque()]).toEqual([0xaa]);
  });

  it('round-trips random values of every integer kind', () => {
    let s = 0x12345678;
    const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), s);
    for (let i = 0; i < 200; i++) {
      const u = next();
      const h = (BigInt(next()) << 32n) | BigInt(next());
      const w = new XdrWriter().int(u | 0).uint(u).hyper(BigInt.asIntN(64, h)).uhyper(h);
      const x = new XdrReader(w.finish());
      expect([x.int(), x.uint(), x.hyper(), x.uhyper()]).toEqual([u | 0, u, BigInt.asIntN(64, h), h]);
    }
  });
});
