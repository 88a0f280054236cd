/**
 * One 'abort' listener per AbortSignal, however many requests wait on it: a copy that keeps
 * a window of requests in flight under one signal would otherwise pass Node's limit of 10
 * listeners and print a MaxListenersExceededWarning.
 */
const subscribers = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls fn once when signal aborts; returns the function that unsubscribes. */
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  let set = subscribers.get(signal);
  if (!set) {
    const fresh = new Set<() => void>();
    set = fresh;
    subscribers.set(signal, fresh);
    signal.addEventListener(
      'abort',
      () => {
        subscribers.delete(signal);
        for (const f of [...fresh]) f();
      },
      { once: true },
    );
  }
  set.add(fn);
  const own = set;
  return () => {
    own.delete(fn);
  };
}
