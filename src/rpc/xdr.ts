// XDR (RFC 4506) on top of wire/'s Reader and Writer: big-endian, every item a multiple
// of 4 bytes. Decoding untrusted bytes only ever throws DecodeError (the Reader's bounds
// checks, plus the declared maxima below); encoding a value XDR cannot carry is a
// RangeError, the caller's mistake.
import { DecodeError } from '../wire/errors.js';
import { Reader } from '../wire/reader.js';
import { Writer } from '../wire/writer.js';

/** The largest count a variable-length item may declare (RFC 4506 4.10: 2^32 - 1). */
export const XDR_UNBOUNDED = 0xffffffff;

const INT_MIN = -0x80000000;
const INT_MAX = 0x7fffffff;
const UINT_MAX = 0xffffffff;

function padOf(length: number): number {
  return (4 - (length % 4)) % 4;
}

/** Reads XDR items from a wire Reader, which it moves forward. */
export class XdrReader {
  readonly reader: Reader;

  constructor(source: Reader | Buffer) {
    this.reader = Buffer.isBuffer(source) ? new Reader(source) : source;
  }

  get remaining(): number {
    return this.reader.remaining;
  }
  /** Position relative to the reader's start. */
  get pos(): number {
    return this.reader.pos;
  }

  /** 4.1 integer */
  int(): number {
    return this.reader.i32be();
  }
  /** 4.2 unsigned integer */
  uint(): number {
    return this.reader.u32be();
  }
  /** 4.5 hyper integer */
  hyper(): bigint {
    return this.reader.i64be();
  }
  /** 4.5 unsigned hyper integer */
  uhyper(): bigint {
    return this.reader.u64be();
  }
  /** 4.4 boolean: 0 or 1, anything else is malformed. */
  bool(): boolean {
    const at = this.reader.absolute;
    const v = this.reader.i32be();
    if (v !== 0 && v !== 1) throw new DecodeError(`XDR bool is ${v}, not 0 or 1`, at);
    return v === 1;
  }
  /** 4.3 enumeration: a value of `known` (a table's values), when given; any int otherwise. */
  enum(known?: ReadonlySet<number>, what = 'enum'): number {
    const at = this.reader.absolute;
    const v = this.reader.i32be();
    if (known && !known.has(v)) throw new DecodeError(`${what} ${v} is not a defined value`, at);
    return v;
  }
  /** 4.9 fixed-length opaque data, as a view (no copy); the padding after it is skipped. */
  opaqueFixed(length: number): Buffer {
    const b = this.reader.bytes(length);
    this.reader.skip(padOf(length));
    return b;
  }
  /** 4.10 variable-length opaque data of at most `max` bytes, as a view (no copy). */
  opaque(max = XDR_UNBOUNDED, what = 'opaque'): Buffer {
    const length = this.length(max, what);
    return this.opaqueFixed(length);
  }
  /** 4.11 string of at most `max` bytes, decoded as UTF-8. */
  string(max = XDR_UNBOUNDED, what = 'string'): string {
    return this.opaque(max, what).toString('utf8');
  }
  /**
   * 4.13 variable-length array of at most `max` elements. Each element takes at least
   * `minItemBytes` on the wire, so a count the remaining bytes cannot hold fails at once
   * rather than after a long loop.
   */
  array<T>(max: number, item: (x: XdrReader) => T, minItemBytes = 4, what = 'array'): T[] {
    const at = this.reader.absolute;
    const count = this.length(max, what);
    if (count * minItemBytes > this.reader.remaining) {
      throw new DecodeError(`${what} of ${count} elements cannot fit in ${this.reader.remaining} bytes`, at);
    }
    const out = new Array<T>(count);
    for (let i = 0; i < count; i++) out[i] = item(this);
    return out;
  }
  /** 4.12 fixed-length array of `count` elements. */
  arrayFixed<T>(count: number, item: (x: XdrReader) => T): T[] {
    const out = new Array<T>(count);
    for (let i = 0; i < count; i++) out[i] = item(this);
    return out;
  }
  /** 4.19 optional-data (`type *name`): a bool, then the item when it is true. */
  optional<T>(item: (x: XdrReader) => T): T | undefined {
    return this.bool() ? item(this) : undefined;
  }
  /** A sub-reader over the next n bytes (and their padding); this reader moves past them. */
  sub(length: number): XdrReader {
    const r = this.reader.sub(length);
    this.reader.skip(padOf(length));
    return new XdrReader(r);
  }

  private length(max: number, what: string): number {
    const at = this.reader.absolute;
    const n = this.reader.u32be();
    if (n > max) throw new DecodeError(`${what} of ${n} exceeds its maximum of ${max}`, at);
    return n;
  }
}

/**
 * Writes XDR items. Large opaque data can be added by reference (opaqueRef): the bytes are
 * not copied, and chunks() returns the pieces for a gather write.
 */
export class XdrWriter {
  private w: Writer;
  private done: Buffer[] = [];
  private doneLength = 0;

  constructor(initial = 256) {
    this.w = new Writer(initial);
  }

  /** The current contiguous writer (what follows goes after everything written so far). */
  get writer(): Writer {
    return this.w;
  }
  get length(): number {
    return this.doneLength + this.w.length;
  }

  int(v: number): this {
    if (!Number.isInteger(v) || v < INT_MIN || v > INT_MAX) throw new RangeError(`XDR int out of range: ${v}`);
    this.w.i32be(v);
    return this;
  }
  uint(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > UINT_MAX) throw new RangeError(`XDR unsigned int out of range: ${v}`);
    this.w.u32be(v);
    return this;
  }
  hyper(v: bigint): this {
    if (v < -(1n << 63n) || v >= 1n << 63n) throw new RangeError(`XDR hyper out of range: ${v}`);
    this.w.i64be(v);
    return this;
  }
  uhyper(v: bigint): this {
    if (v < 0n || v >= 1n << 64n) throw new RangeError(`XDR unsigned hyper out of range: ${v}`);
    this.w.u64be(v);
    return this;
  }
  bool(v: boolean): this {
    this.w.u32be(v ? 1 : 0);
    return this;
  }
  enum(v: number): this {
    return this.int(v);
  }
  opaqueFixed(b: Uint8Array, length = b.length): this {
    if (b.length !== length) throw new RangeError(`XDR opaque[${length}] given ${b.length} bytes`);
    this.w.bytes(b);
    return this.pad(length);
  }
  opaque(b: Uint8Array, max = XDR_UNBOUNDED): this {
    this.checkMax(b.length, max, 'opaque');
    this.w.u32be(b.length);
    this.w.bytes(b);
    return this.pad(b.length);
  }
  /** Variable-length opaque whose bytes are sent as they are, not copied into the writer. */
  opaqueRef(b: Buffer, max = XDR_UNBOUNDED): this {
    this.checkMax(b.length, max, 'opaque');
    this.w.u32be(b.length);
    if (b.length > 0) {
      this.flush();
      this.done.push(b);
      this.doneLength += b.length;
    }
    return this.pad(b.length);
  }
  string(s: string, max = XDR_UNBOUNDED): this {
    return this.opaque(Buffer.from(s, 'utf8'), max);
  }
  array<T>(items: readonly T[], item: (x: XdrWriter, v: T) => void, max = XDR_UNBOUNDED): this {
    this.checkMax(items.length, max, 'array');
    this.w.u32be(items.length);
    for (const v of items) item(this, v);
    return this;
  }
  optional<T>(v: T | undefined, item: (x: XdrWriter, v: T) => void): this {
    this.bool(v !== undefined);
    if (v !== undefined) item(this, v);
    return this;
  }

  /** The encoded bytes as pieces for a gather write (the opaqueRef buffers among them, uncopied). */
  chunks(): Buffer[] {
    this.flush();
    return [...this.done];
  }
  /** The encoded bytes as one Buffer. */
  finish(): Buffer {
    const parts = this.chunks();
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, this.doneLength);
  }

  private pad(length: number): this {
    const n = padOf(length);
    if (n) this.w.zeros(n);
    return this;
  }
  private flush(): void {
    if (this.w.length === 0) return;
    const b = this.w.finish();
    this.done.push(b);
    this.doneLength += b.length;
    this.w = new Writer(256);
  }
  private checkMax(n: number, max: number, what: string): void {
    if (n > max) throw new RangeError(`XDR ${what} of ${n} exceeds its maximum of ${max}`);
  }
}
