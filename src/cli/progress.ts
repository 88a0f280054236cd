/** A one-line progress bar on stderr, only when stderr is a terminal. */
export class ProgressBar {
  private readonly enabled: boolean;
  private readonly started = process.hrtime.bigint();
  private lastDraw = 0;

  constructor(private readonly label: string) {
    this.enabled = Boolean(process.stderr.isTTY);
  }

  update(done: number, total: number | undefined): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && done !== total) return;
    this.lastDraw = now;
    const secs = Number(process.hrtime.bigint() - this.started) / 1e9;
    const rate = secs > 0 ? done / secs : 0;
    const width = Math.max(10, Math.min(40, (process.stderr.columns ?? 80) - 50));
    const frac = total ? Math.min(1, done / total) : 0;
    const bar = total ? '#'.repeat(Math.round(frac * width)).padEnd(width, '.') : '';
    const pct = total ? `${(frac * 100).toFixed(0).padStart(3)}% ` : '';
    process.stderr.write(`\r${this.label} ${bar} ${pct}${formatBytes(done)} ${formatBytes(rate)}/s   `);
  }

  finish(): void {
    if (this.enabled) process.stderr.write('\n');
  }
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}
