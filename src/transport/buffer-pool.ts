/**
 * Reuses the large buffers that replies arrive in (a 1 MiB READ reply per request, many a
 * second): allocating each afresh costs a garbage collection every few dozen replies
 * (DESIGN.md, Performance). Sizes are rounded up to a power of two from 64 KiB; a class
 * keeps a few free buffers. A buffer goes back only when its user says it is done with it
 * (release); one that is never released is simply collected.
 */
const MIN_CLASS = 64 * 1024;
const KEEP_PER_CLASS = 16;

export class BufferPool {
  private readonly free = new Map<number, ArrayBuffer[]>();

  static classOf(length: number): number {
    let c = MIN_CLASS;
    while (c < length) c *= 2;
    return c;
  }

  /** A Buffer of exactly `length` bytes (contents undefined) over a pooled ArrayBuffer. */
  take(length: number): Buffer {
    if (length < MIN_CLASS) return Buffer.allocUnsafe(length);
    const cls = BufferPool.classOf(length);
    const ab = this.free.get(cls)?.pop() ?? new ArrayBuffer(cls);
    return Buffer.from(ab, 0, length);
  }

  /** Gives back a buffer from take(); the caller must hold no view of it afterwards. */
  release(buf: Buffer): void {
    const ab = buf.buffer;
    if (!(ab instanceof ArrayBuffer) || buf.byteOffset !== 0 || ab.byteLength < MIN_CLASS || ab.byteLength !== BufferPool.classOf(ab.byteLength)) return;
    let list = this.free.get(ab.byteLength);
    if (!list) this.free.set(ab.byteLength, (list = []));
    if (list.length < KEEP_PER_CLASS && !list.includes(ab)) list.push(ab);
  }
}
