import { FsError } from '../errors.js';
import { onAbort } from './abort.js';

interface Pending<V> {
  resolve(v: V): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout | undefined;
  signal?: AbortSignal;
  unsubscribe?: () => void;
  timeoutMs: number;
  what: string;
}

export interface WaitOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Named in the timeout error: 'SMB2 READ', 'NFS4 COMPOUND'. */
  what: string;
}

/**
 * Matches replies to requests by id with many requests in flight. Each wait has its own
 * timeout and AbortSignal; when the connection dies, failAll rejects every pending
 * wait with one typed error. Protocol-neutral: SMB2 keys by MessageId, RPC by xid.
 */
export class Multiplexer<K, V> {
  private pending = new Map<K, Pending<V>>();
  /** Set by failAll: the connection is gone, and every later wait fails at once with this. */
  private failed: Error | null = null;

  get size(): number {
    return this.pending.size;
  }

  has(key: K): boolean {
    return this.pending.has(key);
  }

  wait(key: K, opts: WaitOptions): Promise<V> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.pending.has(key)) throw new Error(`request id ${String(key)} already in flight`);
    return new Promise<V>((resolve, reject) => {
      const p: Pending<V> = { resolve, reject, timer: undefined, timeoutMs: opts.timeoutMs, what: opts.what, signal: opts.signal };
      if (opts.signal) {
        if (opts.signal.aborted) {
          reject(abortError(opts.signal, opts.what));
          return;
        }
        const signal = opts.signal;
        p.unsubscribe = onAbort(signal, () => this.reject(key, abortError(signal, opts.what)));
      }
      this.pending.set(key, p);
      this.arm(key, p);
    });
  }

  private arm(key: K, p: Pending<V>): void {
    if (p.timer) clearTimeout(p.timer);
    if (p.timeoutMs > 0 && Number.isFinite(p.timeoutMs)) {
      p.timer = setTimeout(() => this.reject(key, new FsError('ETIMEDOUT', `${p.what}: no reply within ${p.timeoutMs} ms`)), p.timeoutMs);
    }
  }

  /** Restarts the wait's timer (an interim reply said the server is still working). */
  extend(key: K, timeoutMs?: number): void {
    const p = this.pending.get(key);
    if (!p) return;
    if (timeoutMs !== undefined) p.timeoutMs = timeoutMs;
    this.arm(key, p);
  }

  private take(key: K): Pending<V> | undefined {
    const p = this.pending.get(key);
    if (!p) return undefined;
    this.pending.delete(key);
    if (p.timer) clearTimeout(p.timer);
    p.unsubscribe?.();
    return p;
  }

  resolve(key: K, value: V): boolean {
    const p = this.take(key);
    p?.resolve(value);
    return p !== undefined;
  }

  reject(key: K, err: Error): boolean {
    const p = this.take(key);
    p?.reject(err);
    return p !== undefined;
  }

  failAll(err: Error): void {
    this.failed = err;
    for (const key of [...this.pending.keys()]) this.reject(key, err);
  }
}

function abortError(signal: AbortSignal, what: string): FsError {
  return new FsError('ECANCELED', `${what}: aborted`, { cause: signal.reason });
}
