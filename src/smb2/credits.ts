/**
 * The client's credit window (MS-SMB2 3.2.4.1.5, 3.2.5.1.4): message ids are consumed
 * in order, a request of charge C takes C credits and C consecutive ids, and responses
 * grant credits back. Requests that do not fit wait in FIFO order, so a large pipelined
 * read cannot starve a stat, and nothing is sent beyond what the server granted.
 */
export interface CreditGrant {
  messageId: bigint;
  charge: number;
}

interface Waiter {
  charge: number;
  resolve(g: CreditGrant): void;
  reject(e: Error): void;
}

export class CreditWindow {
  private available = 1;
  private nextId = 0n;
  private queue: Waiter[] = [];
  private failed: Error | null = null;

  /** Ids consumed so far (the next message id). */
  get next(): bigint {
    return this.nextId;
  }
  get credits(): number {
    return this.available;
  }
  get waiting(): number {
    return this.queue.length;
  }

  /** Takes `charge` credits (at least 1) and as many message ids, waiting when the window is short. */
  acquire(charge: number): Promise<CreditGrant> {
    const c = Math.max(1, charge);
    if (this.failed) return Promise.reject(this.failed);
    if (this.queue.length === 0 && this.available >= c) return Promise.resolve(this.take(c));
    return new Promise((resolve, reject) => this.queue.push({ charge: c, resolve, reject }));
  }

  /** Takes credits now if they are there, else undefined (for compounds, which must go out together). */
  tryAcquire(charge: number): CreditGrant | undefined {
    const c = Math.max(1, charge);
    if (this.failed || this.queue.length > 0 || this.available < c) return undefined;
    return this.take(c);
  }

  private take(c: number): CreditGrant {
    const g = { messageId: this.nextId, charge: c };
    this.nextId += BigInt(c);
    this.available -= c;
    return g;
  }

  /** Credits granted by a response (CreditResponse). */
  grant(n: number): void {
    this.available += n;
    this.drain();
  }

  /** Gives back credits that were taken but never used on the wire (a send that failed before writing). */
  refund(n: number): void {
    this.available += n;
    this.drain();
  }

  private drain(): void {
    while (this.queue.length && this.available >= this.queue[0].charge) {
      const w = this.queue.shift() as Waiter;
      w.resolve(this.take(w.charge));
    }
  }

  /** A request larger than the window can ever hold would wait forever: callers cap charges with this. */
  fail(err: Error): void {
    this.failed = err;
    for (const w of this.queue.splice(0)) w.reject(err);
  }
}
