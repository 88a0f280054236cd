/** Calls onProgress at most once per interval while a transfer runs, and always once at the end. */
export class ProgressThrottle {
  private last = 0;

  constructor(
    private readonly onProgress: ((bytesDone: number, total: number) => void) | undefined,
    private readonly intervalMs = 100,
    private readonly now: () => number = Date.now,
  ) {}

  update(bytesDone: number, total: number): void {
    if (!this.onProgress) return;
    const t = this.now();
    if (t - this.last < this.intervalMs) return;
    this.last = t;
    this.onProgress(bytesDone, total);
  }

  final(bytesDone: number, total: number): void {
    this.onProgress?.(bytesDone, total);
  }
}
