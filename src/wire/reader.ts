import { DecodeError } from './errors.js';

/**
 * A bounds-checked cursor over a window [start, end) of a Buffer. Every read past the
 * window, and every child window sub()/at() past its parent, throws DecodeError: the
 * check lives here once, so decoders never index a Buffer themselves.
 * Offsets given to at()/seek() are relative to this reader's base (its start), which is
 * how SMB2 offsets are counted (from the header) and how NetBIOS framing nests.
 */
export class Reader {
  private p: number;

  constructor(
    readonly buf: Buffer,
    readonly start = 0,
    readonly end = buf.length,
  ) {
    if (start < 0 || end > buf.length || start > end) throw new DecodeError(`window [${start}, ${end}) outside buffer of ${buf.length}`, start);
    this.p = start;
  }

  /** Position relative to this reader's start. */
  get pos(): number {
    return this.p - this.start;
  }
  get length(): number {
    return this.end - this.start;
  }
  get remaining(): number {
    return this.end - this.p;
  }
  /** Absolute offset in the underlying buffer (for error messages). */
  get absolute(): number {
    return this.p;
  }

  private need(n: number, what: string): number {
    if (n < 0 || !Number.isFinite(n) || this.p + n > this.end) {
      throw new DecodeError(`${what}: need ${n} bytes, ${this.end - this.p} left`, this.p);
    }
    const at = this.p;
    this.p += n;
    return at;
  }

  seek(pos: number): this {
    if (pos < 0 || pos > this.length) throw new DecodeError(`seek to ${pos} outside window of ${this.length}`, this.start + Math.max(0, pos));
    this.p = this.start + pos;
    return this;
  }
  skip(n: number): this {
    this.need(n, 'skip');
    return this;
  }
  /** Skips to the next multiple of n, counted from this reader's start; the padding may be absent at the end. */
  align(n: number): this {
    const pad = (n - (this.pos % n)) % n;
    this.p = Math.min(this.end, this.p + pad);
    return this;
  }

  u8(): number {
    return this.buf[this.need(1, 'u8')];
  }
  u16le(): number {
    return this.buf.readUInt16LE(this.need(2, 'u16'));
  }
  u32le(): number {
    return this.buf.readUInt32LE(this.need(4, 'u32'));
  }
  i32le(): number {
    return this.buf.readInt32LE(this.need(4, 'i32'));
  }
  u64le(): bigint {
    return this.buf.readBigUInt64LE(this.need(8, 'u64'));
  }
  i64le(): bigint {
    return this.buf.readBigInt64LE(this.need(8, 'i64'));
  }
  u16be(): number {
    return this.buf.readUInt16BE(this.need(2, 'u16'));
  }
  u32be(): number {
    return this.buf.readUInt32BE(this.need(4, 'u32'));
  }
  i32be(): number {
    return this.buf.readInt32BE(this.need(4, 'i32'));
  }
  u64be(): bigint {
    return this.buf.readBigUInt64BE(this.need(8, 'u64'));
  }
  i64be(): bigint {
    return this.buf.readBigInt64BE(this.need(8, 'i64'));
  }
  /** n bytes as a view (no copy). */
  bytes(n: number): Buffer {
    const at = this.need(n, 'bytes');
    return this.buf.subarray(at, at + n);
  }
  /** The rest of the window as a view. */
  rest(): Buffer {
    return this.bytes(this.remaining);
  }
  utf16le(byteLength: number): string {
    if (byteLength % 2 !== 0) throw new DecodeError(`odd UTF-16 length ${byteLength}`, this.p);
    return this.bytes(byteLength).toString('utf16le');
  }
  /** A child reader over the next n bytes; this reader moves past them. */
  sub(n: number): Reader {
    const at = this.need(n, 'sub');
    return new Reader(this.buf, at, at + n);
  }
  /** A child reader over [offset, offset+n) relative to this reader's start; this reader does not move. */
  at(offset: number, n: number): Reader {
    if (offset < 0 || n < 0 || offset + n > this.length) {
      throw new DecodeError(`field at ${offset} of ${n} bytes outside window of ${this.length}`, this.start + Math.max(0, Math.min(offset, this.length)));
    }
    return new Reader(this.buf, this.start + offset, this.start + offset + n);
  }
  /** Bytes at [offset, offset+n) relative to this reader's start, as a view; this reader does not move. */
  slice(offset: number, n: number): Buffer {
    const r = this.at(offset, n);
    return r.buf.subarray(r.start, r.end);
  }
  /** Fails with a DecodeError naming the field. */
  fail(message: string): never {
    throw new DecodeError(message, this.p);
  }
}
