import type { FileHandle } from '../types.js';
import { throwIfAborted, type ErrorContext } from './abort.js';
import { chunkPlan, readFully } from './io.js';

interface Pending {
  length: number;
  data: Promise<Buffer>;
}

/**
 * Sequential reads of [start, end) with up to `window` requests in flight, handed out
 * in order. It only issues a new request when the consumer takes a chunk, so memory
 * stays within window * chunk bytes however slow the consumer (backpressure).
 */
export class ReadAhead {
  private readonly plan: Generator<{ position: number; length: number }>;
  private queue: Pending[] = [];
  /** Requests still in flight after an early end of file or a stop: waited for by drain(). */
  private abandoned: Promise<unknown>[] = [];
  private ended = false;

  constructor(
    private readonly handle: FileHandle,
    start: number,
    end: number,
    chunk: number,
    private readonly window: number,
    private readonly ctx: ErrorContext,
    private readonly signal?: AbortSignal,
  ) {
    this.plan = chunkPlan(start, end, chunk);
  }

  /** The next chunk in file order, or null at the end. */
  async next(): Promise<Buffer | null> {
    throwIfAborted(this.signal, this.ctx);
    this.fill();
    const head = this.queue.shift();
    if (!head) return null;
    let data: Buffer;
    try {
      data = await head.data;
    } catch (e) {
      this.stop();
      throw e;
    }
    // A short chunk is the end of the file (it shrank since we learnt its size).
    if (data.length < head.length) this.stop();
    else this.fill();
    return data.length > 0 ? data : null;
  }

  /** Issues no more requests and waits for those in flight. */
  async drain(): Promise<void> {
    this.stop();
    const waiting = this.abandoned;
    this.abandoned = [];
    await Promise.allSettled(waiting);
  }

  private stop(): void {
    this.ended = true;
    for (const p of this.queue) this.abandoned.push(p.data);
    this.queue = [];
  }

  private fill(): void {
    while (!this.ended && this.queue.length < this.window && !this.signal?.aborted) {
      const step = this.plan.next();
      if (step.done) return;
      const { position, length } = step.value;
      const buf = Buffer.allocUnsafe(length);
      const data = readFully(this.handle, buf, position, this.signal).then((n) => buf.subarray(0, n));
      // Handled here so a request that fails while nobody awaits it yet is not an unhandled rejection.
      data.catch(() => undefined);
      this.queue.push({ length, data });
    }
  }
}
