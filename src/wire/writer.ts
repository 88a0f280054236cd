/**
 * A growing little/big-endian writer. Lengths and offsets are written by reserving a slot
 * and patching it later (reserveU16le() etc. return the slot's position). Each encoder
 * makes its own Writer: never a shared module-level instance, since SMB2 compounds and
 * contexts nest.
 */
export class Writer {
  private buf: Buffer;
  private p = 0;

  constructor(initial = 256) {
    this.buf = Buffer.allocUnsafe(Math.max(16, initial));
  }

  get length(): number {
    return this.p;
  }

  private grow(n: number): number {
    const at = this.p;
    const need = at + n;
    if (need > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < need) size *= 2;
      const next = Buffer.allocUnsafe(size);
      this.buf.copy(next, 0, 0, at);
      this.buf = next;
    }
    this.p = need;
    return at;
  }

  u8(v: number): this {
    const at = this.grow(1);
    this.buf[at] = v & 0xff;
    return this;
  }
  u16le(v: number): this {
    const at = this.grow(2);
    this.buf.writeUInt16LE(v & 0xffff, at);
    return this;
  }
  u32le(v: number): this {
    const at = this.grow(4);
    this.buf.writeUInt32LE(v >>> 0, at);
    return this;
  }
  i32le(v: number): this {
    const at = this.grow(4);
    this.buf.writeInt32LE(v | 0, at);
    return this;
  }
  u64le(v: bigint | number): this {
    const at = this.grow(8);
    this.buf.writeBigUInt64LE(BigInt.asUintN(64, BigInt(v)), at);
    return this;
  }
  i64le(v: bigint | number): this {
    const at = this.grow(8);
    this.buf.writeBigInt64LE(BigInt.asIntN(64, BigInt(v)), at);
    return this;
  }
  u16be(v: number): this {
    const at = this.grow(2);
    this.buf.writeUInt16BE(v & 0xffff, at);
    return this;
  }
  u32be(v: number): this {
    const at = this.grow(4);
    this.buf.writeUInt32BE(v >>> 0, at);
    return this;
  }
  i32be(v: number): this {
    const at = this.grow(4);
    this.buf.writeInt32BE(v | 0, at);
    return this;
  }
  u64be(v: bigint | number): this {
    const at = this.grow(8);
    this.buf.writeBigUInt64BE(BigInt.asUintN(64, BigInt(v)), at);
    return this;
  }
  i64be(v: bigint | number): this {
    const at = this.grow(8);
    this.buf.writeBigInt64BE(BigInt.asIntN(64, BigInt(v)), at);
    return this;
  }
  bytes(b: Uint8Array): this {
    const at = this.grow(b.length);
    this.buf.set(b, at);
    return this;
  }
  zeros(n: number): this {
    const at = this.grow(n);
    this.buf.fill(0, at, at + n);
    return this;
  }
  utf16le(s: string): this {
    const n = Buffer.byteLength(s, 'utf16le');
    const at = this.grow(n);
    this.buf.write(s, at, n, 'utf16le');
    return this;
  }
  /** Pads with zeros to the next multiple of n (counted from the writer's start). */
  align(n: number): this {
    const pad = (n - (this.p % n)) % n;
    return pad ? this.zeros(pad) : this;
  }

  reserveU16le(): number {
    const at = this.p;
    this.zeros(2);
    return at;
  }
  reserveU32le(): number {
    const at = this.p;
    this.zeros(4);
    return at;
  }
  reserveU32be(): number {
    const at = this.p;
    this.zeros(4);
    return at;
  }
  patchU16le(at: number, v: number): this {
    this.buf.writeUInt16LE(v & 0xffff, at);
    return this;
  }
  patchU32le(at: number, v: number): this {
    this.buf.writeUInt32LE(v >>> 0, at);
    return this;
  }
  patchU32be(at: number, v: number): this {
    this.buf.writeUInt32BE(v >>> 0, at);
    return this;
  }
  patchBytes(at: number, b: Uint8Array): this {
    this.buf.set(b, at);
    return this;
  }

  /** The bytes written so far, as a view of the internal buffer (valid until the next write). */
  view(): Buffer {
    return this.buf.subarray(0, this.p);
  }
  /** The bytes written, as a Buffer of exactly that length. */
  finish(): Buffer {
    return this.p === this.buf.length ? this.buf : this.buf.subarray(0, this.p);
  }
}
