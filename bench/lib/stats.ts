// Numbers of a benchmark: medians, rates, and their printed form.

/** The median of the samples (the mean of the middle two for an even count). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** MB/s, MB = 10^6 bytes (as dd and smbclient's peers print); NaN when the time is not positive. */
export function mbPerSec(bytes: number, seconds: number): number {
  return seconds > 0 ? bytes / 1e6 / seconds : Number.NaN;
}

/** a / b, NaN when either side is missing. */
export function ratio(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : Number.NaN;
}

export function mib(bytes: number): number {
  return bytes / (1024 * 1024);
}

/** A number for a table cell: fixed digits, or "n/a". */
export function fmt(v: number, digits = 1): string {
  return Number.isFinite(v) ? v.toFixed(digits) : 'n/a';
}

/** Seconds elapsed since a performance.now() mark. */
export function secondsSince(startMs: number): number {
  return (performance.now() - startMs) / 1000;
}
