// The fore channel's slot table (RFC 8881 2.10.6.1): each request takes a free slot and
// the slot's next sequence id; a request whose outcome is unknown is resent on the same
// slot with the same sequence id, so the server's reply cache answers it exactly once.

export interface Slot {
  readonly id: number;
  /** The sequence id the next request on this slot carries. */
  seqid: number;
}

export class SlotTable {
  private readonly free: Slot[] = [];
  private readonly waiting: Array<(s: Slot) => void> = [];
  readonly size: number;

  constructor(size: number) {
    this.size = Math.max(1, size);
    // Slot 0 first: a quiet client uses the lowest slots.
    for (let i = this.size - 1; i >= 0; i--) this.free.push({ id: i, seqid: 1 });
  }

  /** The highest slot id the client may use (sa_highest_slotid). */
  get highest(): number {
    return this.size - 1;
  }

  acquire(): Promise<Slot> {
    const s = this.free.pop();
    if (s) return Promise.resolve(s);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.free.push(slot);
  }
}
