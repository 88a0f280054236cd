import { BufferPool } from '../transport/buffer-pool.js';
import type { FileHandle } from '../vfs/types.js';

/** Piece buffers, reused once their write has reached the server: a fresh 1 MiB per small file cost a full GC every few files. */
const POOL = new BufferPool();

/**
 * The writes of one open file, answered as soon as their bytes are copied: contiguous writes
 * (the kernel sends at most 128 KiB each) are gathered into pieces of `chunk` bytes, and up
 * to `window` pieces are in flight at once through the FileHandle's pipelined write. This is
 * the write-back a kernel client does with its page cache; as there, a failure is reported
 * by the next write, flush (close) or fsync, and drain() is what makes the data the server's.
 */
export class WriteBehind {
  private pending: Buffer | undefined;
  private pendingAt = 0;
  private pendingLength = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  /** onWritten runs after each piece reaches the server (or fails): what was cached about the file is stale. */
  constructor(
    private readonly handle: FileHandle,
    private readonly chunk: number,
    private readonly window: number,
    private readonly onWritten: () => void = () => undefined,
  ) {}

  /** Nothing held back and nothing in flight. */
  get idle(): boolean {
    return this.pending === undefined && this.inFlight.size === 0;
  }

  /** Takes a copy of data for position; waits only while the window is full. */
  async write(data: Buffer, position: number): Promise<void> {
    this.throwFailure();
    if (this.pending && position === this.pendingAt + this.pendingLength && this.pendingLength + data.length <= this.chunk) {
      data.copy(this.pending, this.pendingLength);
      this.pendingLength += data.length;
    } else {
      this.send();
      if (data.length >= this.chunk) {
        this.start(Buffer.from(data), position);
      } else {
        this.pending = POOL.take(this.chunk);
        data.copy(this.pending);
        this.pendingAt = position;
        this.pendingLength = data.length;
      }
    }
    if (this.pendingLength === this.chunk) this.send();
    while (this.inFlight.size >= this.window) await Promise.race(this.inFlight);
    this.throwFailure();
  }

  /** Sends what is held back and waits for every write; throws the first failure since the last report. */
  async drain(): Promise<void> {
    this.send();
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    this.throwFailure();
  }

  /** Like drain, but a failure stays for the file's own next write, flush or fsync to report. */
  async settle(): Promise<void> {
    this.send();
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private send(): void {
    const buf = this.pending;
    this.pending = undefined;
    if (buf && this.pendingLength > 0) this.start(buf.subarray(0, this.pendingLength), this.pendingAt, buf);
    else if (buf) POOL.release(buf);
    this.pendingLength = 0;
  }

  private start(data: Buffer, position: number, owner?: Buffer): void {
    const p: Promise<void> = this.handle
      .write(data, position)
      .then(
        () => undefined,
        (error: unknown) => {
          this.failure ??= { error };
        },
      )
      .finally(() => {
        this.inFlight.delete(p);
        if (owner) POOL.release(owner);
        this.onWritten();
      });
    this.inFlight.add(p);
  }

  private throwFailure(): void {
    const f = this.failure;
    if (!f) return;
    this.failure = undefined;
    throw f.error;
  }
}
