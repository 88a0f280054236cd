import { describe, expect, it } from 'vitest';
import { BufferPool } from '../../../src/transport/buffer-pool.js';
import { DEFAULT_MAX_RECORD, encodeRecord, RecordMarkingFramer, recordMarkingHeader } from '../../../src/transport/record-marking.js';
import { DecodeError } from '../../../src/wire/errors.js';

const RECORDS = ['first record', '', 'a longer third record, cut in fragments'];

/** The records above: the first in one fragment, the empty one as an empty last fragment, the third in 7-byte fragments. */
function stream(): Buffer {
  return Buffer.concat([
    ...encodeRecord(Buffer.from(RECORDS[0])),
    ...encodeRecord(Buffer.from(RECORDS[1])),
    ...encodeRecord(Buffer.from(RECORDS[2]), 7),
  ]);
}

function frame(chunks: Buffer[], options?: { maxRecord?: number }): string[] {
  const got: string[] = [];
  const f = new RecordMarkingFramer((m) => got.push(m.toString()), undefined, options);
  for (const c of chunks) f.push(c);
  expect(f.idle).toBe(true);
  return got;
}

describe('recordMarkingHeader (RFC 5531 section 11)', () => {
  it('sets the last-fragment bit and the 31-bit length', () => {
    expect(recordMarkingHeader(0x1234, true).toString('hex')).toBe('80001234');
    expect(recordMarkingHeader(0x1234, false).toString('hex')).toBe('00001234');
    expect(recordMarkingHeader(0x7fffffff, true).toString('hex')).toBe('ffffffff');
    expect(recordMarkingHeader(0, true).toString('hex')).toBe('80000000');
  });

  it('refuses a length that does not fit 31 bits', () => {
    expect(() => recordMarkingHeader(0x80000000, true)).toThrow(RangeError);
    expect(() => recordMarkingHeader(-1, true)).toThrow(RangeError);
  });
});

describe('encodeRecord', () => {
  it('puts a record in one fragment by default, without copying the payload', () => {
    const payload = Buffer.from('abcdefgh');
    const chunks = encodeRecord(payload);
    expect(chunks.map((c) => c.toString('hex'))).toEqual(['80000008', payload.toString('hex')]);
    expect(chunks[1]).toBe(payload);
  });

  it('splits a record across fragments and across the payload chunks, with views of them', () => {
    const a = Buffer.from('0123456');
    const b = Buffer.from('789ab');
    const chunks = encodeRecord([a, b], 5);
    expect(chunks.map((c) => c.toString('latin1'))).toEqual(['\x00\x00\x00\x05', '01234', '\x00\x00\x00\x05', '56', '789', '\x80\x00\x00\x02', 'ab']);
    expect(chunks[3].buffer).toBe(a.buffer);
    expect(chunks[4].buffer).toBe(b.buffer);
    expect(chunks[4].byteOffset).toBe(b.byteOffset);
  });

  it('writes an empty record as one empty last fragment', () => {
    expect(Buffer.concat(encodeRecord([])).toString('hex')).toBe('80000000');
    expect(Buffer.concat(encodeRecord(Buffer.alloc(0), 3)).toString('hex')).toBe('80000000');
  });

  it('makes the exact number of fragments at every fragment size', () => {
    const payload = Buffer.from(Array.from({ length: 37 }, (_, i) => i));
    for (let max = 1; max <= 40; max++) {
      const chunks = encodeRecord([payload.subarray(0, 10), payload.subarray(10)], max);
      const whole = Buffer.concat(chunks);
      expect(whole.length).toBe(37 + 4 * Math.ceil(37 / max));
      expect(frame([whole]).length).toBe(1);
      const got: Buffer[] = [];
      new RecordMarkingFramer((m) => got.push(m)).push(whole);
      expect(got[0].equals(payload), `fragment size ${max}`).toBe(true);
    }
  });

  it('refuses a fragment size outside 1 to 2^31-1', () => {
    expect(() => encodeRecord(Buffer.from('x'), 0)).toThrow(RangeError);
    expect(() => encodeRecord(Buffer.from('x'), 0x80000000)).toThrow(RangeError);
  });
});

describe('RecordMarkingFramer', () => {
  it('yields the same records whatever the split point (pg-protocol style)', () => {
    const all = stream();
    for (let cut = 0; cut <= all.length; cut++) {
      expect(frame([all.subarray(0, cut), all.subarray(cut)]), `cut at ${cut}`).toEqual(RECORDS);
    }
  });

  it('yields the same records at every pair of split points', () => {
    const all = stream();
    for (let a = 0; a <= all.length; a++) {
      for (let b = a; b <= all.length; b++) {
        expect(frame([all.subarray(0, a), all.subarray(a, b), all.subarray(b)]), `cuts at ${a}, ${b}`).toEqual(RECORDS);
      }
    }
  });

  it('yields the same records fed one byte at a time', () => {
    const all = stream();
    expect(frame([...all].map((b) => Buffer.from([b])))).toEqual(RECORDS);
  });

  it('joins empty and non-empty fragments of one record', () => {
    const parts = [recordMarkingHeader(0, false), recordMarkingHeader(3, false), Buffer.from('abc'), recordMarkingHeader(0, false), recordMarkingHeader(2, true), Buffer.from('de')];
    expect(frame([Buffer.concat(parts)])).toEqual(['abcde']);
  });

  it('is not idle in the middle of a multi-fragment record', () => {
    const f = new RecordMarkingFramer(() => undefined);
    f.push(Buffer.concat([recordMarkingHeader(2, false), Buffer.from('ab')]));
    expect(f.idle).toBe(false);
    f.push(recordMarkingHeader(0, false));
    expect(f.idle).toBe(false);
    f.push(recordMarkingHeader(0, true));
    expect(f.idle).toBe(true);
  });

  it('hands each record its own buffer, from the pool for large one-fragment records', () => {
    const pool = new BufferPool();
    const big = Buffer.alloc(100_000, 7);
    const got: Buffer[] = [];
    const f = new RecordMarkingFramer((m) => got.push(m), pool);
    const wire = Buffer.concat([...encodeRecord(big), ...encodeRecord(big, 30_000), ...encodeRecord(Buffer.from('tail'))]);
    f.push(wire);
    expect(got.map((m) => m.length)).toEqual([100_000, 100_000, 4]);
    expect(got[0].equals(big) && got[1].equals(big)).toBe(true);
    expect(got[0].buffer.byteLength).toBe(BufferPool.classOf(100_000));
    expect(got[1].buffer.byteLength).toBe(BufferPool.classOf(100_000));
    expect(got[0].buffer).not.toBe(got[1].buffer);
    wire.fill(0);
    expect(got[0][0]).toBe(7);
  });

  it('rejects a record over the limit, counted across its fragments, before buffering it', () => {
    expect(() => frame([recordMarkingHeader(11, true)], { maxRecord: 10 })).toThrow(DecodeError);
    const f = new RecordMarkingFramer(() => undefined, undefined, { maxRecord: 10 });
    f.push(Buffer.concat([recordMarkingHeader(6, false), Buffer.from('123456')]));
    let err: unknown;
    try {
      f.push(recordMarkingHeader(5, true));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DecodeError);
    expect((err as DecodeError).offset).toBe(10);
    expect((err as DecodeError).message).toMatch(/at least 11 bytes exceeds the limit of 10/);
    expect(frame([Buffer.concat([recordMarkingHeader(4, false), Buffer.from('1234'), recordMarkingHeader(6, true), Buffer.from('567890')])], { maxRecord: 10 })).toEqual(['1234567890']);
  });

  it('has a default limit that refuses a 2 GiB fragment header', () => {
    expect(DEFAULT_MAX_RECORD).toBeGreaterThanOrEqual(64 * 1024 * 1024);
    const f = new RecordMarkingFramer(() => undefined);
    expect(() => f.push(Buffer.from('ffffffff', 'hex'))).toThrow(DecodeError);
  });
});
