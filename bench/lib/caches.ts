// The page cache between measurements: written back, dropped, or filled on purpose.
// Every step is a child process: the caller may be near a FUSE mount it must not block.
import { timedRunChecked } from './proc.js';

const TIMEOUT_MS = 120_000;

/** Writes every dirty page back (sync), so an earlier transfer's data is not written during the next one. */
export async function settle(signal: AbortSignal): Promise<void> {
  await timedRunChecked('sync', [], { signal, timeoutMs: TIMEOUT_MS });
}

/**
 * sync, then drops the clean page cache, dentries and inodes (root only): the next read comes
 * from the file system under test (a FUSE mount's pages go too), not from memory.
 */
export async function dropCaches(signal: AbortSignal): Promise<void> {
  await settle(signal);
  await timedRunChecked('sh', ['-c', 'echo 3 > /proc/sys/vm/drop_caches'], { signal, timeoutMs: TIMEOUT_MS });
}

/** Reads a local file once so the timed run that reads it next finds it in memory. */
export async function warmFile(path: string, signal: AbortSignal): Promise<void> {
  await timedRunChecked('dd', [`if=${path}`, 'of=/dev/null', 'bs=1M', 'status=none'], { signal, timeoutMs: TIMEOUT_MS });
}
