// Waiting between retries (NFS4ERR_DELAY/GRACE, a lost connection, a denied blocking lock):
// delays that double up to a cap, within a deadline, cut short by an abort.
import { FsError } from '../errors.js';
import { onAbort } from '../transport/abort.js';

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new FsError('ECANCELED', 'the operation was aborted'));
    const t = setTimeout(() => {
      off?.();
      resolve();
    }, ms);
    const off = signal
      ? onAbort(signal, () => {
          clearTimeout(t);
          reject(new FsError('ECANCELED', 'the operation was aborted'));
        })
      : undefined;
  });
}

export class Backoff {
  private delay: number;
  private readonly deadline: number;

  constructor(timeoutMs: number, first = 50, private readonly max = 1000) {
    this.delay = first;
    this.deadline = Date.now() + timeoutMs;
  }

  /** Waits the next delay and resolves true; false at once when that wait would pass the deadline. */
  async next(signal?: AbortSignal): Promise<boolean> {
    if (Date.now() + this.delay > this.deadline) return false;
    await sleep(this.delay, signal);
    this.delay = Math.min(this.delay * 2, this.max);
    return true;
  }
}
