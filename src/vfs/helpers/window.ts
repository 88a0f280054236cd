import { throwIfAborted, toFsError, type ErrorContext } from './abort.js';

/** Upper bound on the bytes a helper keeps in flight for one file (DESIGN.md: memory is a bounded window). */
export const WINDOW_BYTES = 32 * 1024 * 1024;
export const MAX_WINDOW = 8;
export const MIN_WINDOW = 2;

/**
 * How many requests of ioSize bytes to keep in flight: enough to hide the round trip
 * (2 to 8), few enough that window * ioSize stays near WINDOW_BYTES. An explicit
 * request wins, but is at least 1.
 */
export function pipelineWindow(ioSize: number, requested?: number): number {
  if (requested !== undefined) return Math.max(1, Math.floor(requested));
  const fit = Math.floor(WINDOW_BYTES / Math.max(1, ioSize));
  return Math.min(MAX_WINDOW, Math.max(MIN_WINDOW, fit));
}

/**
 * Runs work(task) for each task take() hands out, at most `window` at a time. On the
 * first failure or an abort it stops taking, waits for the running ones to settle (so
 * the caller may close handles safely), then rejects with an FsError.
 */
export async function runWindowed<T>(
  take: () => T | undefined,
  work: (task: T) => Promise<void>,
  window: number,
  ctx: ErrorContext,
  signal?: AbortSignal,
): Promise<void> {
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && !signal?.aborted) {
      const task = take();
      if (task === undefined) return;
      try {
        await work(task);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, window) }, worker));
  if (failure) throw toFsError(failure.error, ctx, signal);
  throwIfAborted(signal, ctx);
}
