import type { FileHandle } from '../vfs/types.js';
import { WINDOW_BYTES } from '../vfs/helpers/window.js';
import { BufferPool } from '../transport/buffer-pool.js';

/** Piece buffers, reused once no read fills them and no reader copies from them (a fresh 1 MiB per piece costs GC). */
const POOL = new BufferPool();
/** Bytes of piece buffers out of the pool, every open file's together; past AHEAD_BYTES_MAX nobody reads further ahead. */
let takenBytes = 0;
const AHEAD_BYTES_MAX = 4 * WINDOW_BYTES;
function takeBuf(size: number): Buffer {
  takenBytes += size;
  return POOL.take(size);
}
function giveBuf(b: Buffer): void {
  takenBytes -= b.length;
  POOL.release(b);
}

/** One read of a whole buffer at `at`: in flight until `filled` settles (it never rejects; a failure is kept). */
class Piece {
  /** Bytes read; fewer than buf.length: the file ended there. */
  count = 0;
  failure: { error: unknown } | undefined;
  /** Readers between taking the piece and copying out of it. */
  users = 0;
  readonly filled: Promise<void>;
  private settled = false;
  /** Out of the window: its buffer goes back to the pool once it is settled and unused. */
  private retired = false;
  private returned = false;

  constructor(
    readonly at: number,
    readonly buf: Buffer,
    handle: FileHandle,
  ) {
    let read: Promise<number>;
    try {
      read = handle.read(buf, 0, buf.length, at);
    } catch (e) {
      read = Promise.reject(e);
    }
    this.filled = read
      .then(
        (n) => {
          this.count = Math.max(0, Math.min(n, buf.length));
        },
        (error: unknown) => {
          this.failure = { error };
        },
      )
      .finally(() => {
        this.settled = true;
        this.recycle();
      });
  }

  get full(): boolean {
    return this.failure === undefined && this.count === this.buf.length;
  }

  retire(): void {
    this.retired = true;
    this.recycle();
  }

  /** Gives the buffer back if nothing can touch it any more. */
  recycle(): void {
    if (!this.retired || !this.settled || this.users > 0 || this.returned) return;
    this.returned = true;
    giveBuf(this.buf);
  }
}

/**
 * Sequential read-ahead for one open file, as a kernel client does it with its page cache:
 * once reads run sequentially (each where the one before ended, twice, or from offset 0),
 * pieces of `size` bytes are read ahead of the reader, up to `window` of them in flight,
 * and the kernel's reads (128 KiB each, several at once and slightly out of order) are
 * served from them. A read elsewhere drops the pieces and goes to the server as it is.
 * The window opens only once a piece comes back full, and a first read that takes in the
 * whole file (as far as its size was known at open) goes to the server as it is: a small
 * file costs one read of its size.
 */
export class ReadAhead {
  /** Contiguous pieces in file order: pieces[i] is at pieces[0].at + i * size. */
  private pieces: Piece[] = [];
  /** Every piece whose read has not settled (dropped ones included), for close(). */
  private readonly inFlight = new Set<Promise<void>>();
  /** Where the previous read ended, had it been full. */
  private next = -1;
  /** Reads in a row that each started where the one before ended. */
  private streak = 0;
  /** The end of the file, as a short piece of this window showed it. */
  private eof = Infinity;
  /** A piece of this window came back full: the file goes on, so the whole window is read ahead. */
  private open = false;

  /** sizeHint: the file's size as the attribute cache knew it at open, if it did. */
  constructor(
    private readonly handle: FileHandle,
    private readonly size: number,
    private readonly window: number,
    private readonly sizeHint?: number,
  ) {}

  /** Reads up to length bytes at position into buffer[0...]: from the pieces when sequential, else from the server. */
  async read(buffer: Buffer, length: number, position: number): Promise<number> {
    if (length <= 0) return 0;
    const expected = this.next;
    this.next = position + length;
    if (position >= this.eof) return this.pastEnd(buffer, length, position);
    if (this.covers(position)) {
      this.streak++;
      return this.serve(buffer, length, position);
    }
    this.streak = position === expected ? this.streak + 1 : 1;
    const wholeFile = position === 0 && this.sizeHint !== undefined && length >= this.sizeHint;
    if ((position === 0 && !wholeFile) || this.streak >= 2) {
      this.restart(position);
      return this.serve(buffer, length, position);
    }
    // Just behind the window (a straggler of the kernel's concurrent reads): the window stays.
    if (!this.behind(position)) this.drop();
    return this.handle.read(buffer, 0, length, position);
  }

  /** Forgets every piece (the file changed, or its reader went elsewhere); readers copying from one still may. */
  drop(): void {
    for (const p of this.pieces) p.retire();
    this.pieces = [];
    this.eof = Infinity;
    this.open = false;
  }

  /** Drops the pieces and waits for the reads still in flight, so the handle can be closed. */
  async close(): Promise<void> {
    this.drop();
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private get base(): number {
    return this.pieces.length > 0 ? this.pieces[0].at : 0;
  }

  /** position is in the window, or in the piece just past it. */
  private covers(position: number): boolean {
    return this.pieces.length > 0 && position >= this.base && position < this.base + (this.pieces.length + 1) * this.size;
  }

  private behind(position: number): boolean {
    return this.pieces.length > 0 && position < this.base && position >= this.base - this.size;
  }

  private restart(position: number): void {
    this.drop();
    this.add(position);
  }

  private add(at: number): Piece {
    const p = new Piece(at, takeBuf(this.size), this.handle);
    this.pieces.push(p);
    this.inFlight.add(p.filled);
    void p.filled.finally(() => this.inFlight.delete(p.filled));
    return p;
  }

  /** The pieces holding [position, end), the one just past the window read from now on; each taken for a reader. */
  private take(position: number, end: number): Piece[] {
    const first = Math.floor((position - this.base) / this.size);
    const last = Math.floor((Math.min(end, this.eof) - 1 - this.base) / this.size);
    while (this.pieces.length <= last) this.add(this.base + this.pieces.length * this.size);
    const taken = this.pieces.slice(first, last + 1);
    for (const p of taken) p.users++;
    return taken;
  }

  /** Keeps the piece holding position, the one before it (for stragglers) and those after. */
  private trim(position: number): void {
    const i = Math.floor((position - this.base) / this.size);
    if (i < 2) return;
    for (const p of this.pieces.splice(0, i - 1)) p.retire();
  }

  /**
   * Once the window is open: `window` pieces in flight past the one holding position, none
   * past the end of the file, and none while many files' pieces together hold too much memory.
   */
  private topUp(position: number): void {
    if (!this.open || this.pieces.length === 0) return;
    const want = Math.floor((position - this.base) / this.size) + 1 + this.window;
    while (this.pieces.length < want) {
      const at = this.base + this.pieces.length * this.size;
      if (at >= this.eof || takenBytes + this.size > AHEAD_BYTES_MAX) return;
      this.add(at);
    }
  }

  /**
   * Copies [position, position + length) out of the pieces holding it, taken before any wait:
   * another read may move the window on meanwhile, but a piece taken stays this reader's to copy from.
   */
  private async serve(buffer: Buffer, length: number, position: number): Promise<number> {
    this.trim(position);
    const taken = this.take(position, position + length);
    this.topUp(position);
    let done = 0;
    try {
      for (const p of taken) {
        await p.filled;
        const mine = this.pieces.includes(p);
        if (p.failure) {
          if (mine) this.drop();
          throw p.failure.error;
        }
        const from = position + done - p.at;
        const n = Math.max(0, Math.min(p.count - from, length - done));
        p.buf.copy(buffer, done, from, from + n);
        done += n;
        if (!p.full) {
          if (mine) this.ended(p);
          break;
        }
        if (mine) this.open = true;
      }
    } finally {
      for (const p of taken) {
        p.users--;
        p.recycle();
      }
    }
    this.topUp(position + Math.max(0, done - 1));
    return done;
  }

  /** A short piece: the file ends inside it, so nothing after it is worth reading. */
  private ended(p: Piece): void {
    this.eof = p.at + p.count;
    const i = this.pieces.indexOf(p);
    for (const q of this.pieces.splice(i + 1)) q.retire();
  }

  /** A read at or past the end the window saw: asked of the server, and if the file has grown since, the window goes. */
  private async pastEnd(buffer: Buffer, length: number, position: number): Promise<number> {
    const n = await this.handle.read(buffer, 0, length, position);
    if (n > 0) this.drop();
    return n;
  }
}
