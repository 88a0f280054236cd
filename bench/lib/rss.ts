// Peak resident set size of this process while something runs (DESIGN.md: memory is a bounded window).

export const RSS_INTERVAL_MS = 50;

export interface RssSample {
  /** RSS just before the work started, bytes. */
  readonly baseline: number;
  /** The largest RSS seen while it ran (sampled every RSS_INTERVAL_MS, and at both ends), bytes. */
  readonly peak: number;
}

/** Runs work() with RSS sampled every 50 ms; resolves to its result and the samples' baseline and peak. */
export async function withRssSampling<T>(work: () => Promise<T>): Promise<{ result: T; rss: RssSample }> {
  // process.memoryUsage.rss() is process.memoryUsage().rss without the heap statistics walk.
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const timer = setInterval(sample, RSS_INTERVAL_MS);
  try {
    const result = await work();
    sample();
    return { result, rss: { baseline, peak } };
  } finally {
    clearInterval(timer);
  }
}
