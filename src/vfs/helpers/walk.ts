import type { DirEntry, FileSystem, Stat } from '../types.js';
import { joinPath, normalizePath } from '../path.js';
import { throwIfAborted, toFsError } from './abort.js';

export interface WalkEntry {
  path: string;
  stat: Stat;
}

export interface WalkOptions {
  signal?: AbortSignal;
}

/**
 * Every entry below path, depth first: each directory right before its contents,
 * siblings in name order. Attributes come from readdir (one round trip per directory,
 * no stat per entry); they describe a symlink itself, so walk never follows one and
 * cannot loop. The starting directory itself is not yielded.
 */
export async function* walk(fs: FileSystem, path: string, opts: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  const dir = normalizePath(path);
  for (const entry of await listSorted(fs, dir, opts.signal)) {
    const child = joinPath(dir, entry.name);
    yield { path: child, stat: entry.stat };
    if (entry.stat.type === 'directory') yield* walk(fs, child, opts);
  }
}

/** readdir in name order (code unit order, the same on every server). */
export async function listSorted(fs: FileSystem, dir: string, signal?: AbortSignal): Promise<DirEntry[]> {
  const ctx = { syscall: 'readdir', path: dir };
  throwIfAborted(signal, ctx);
  try {
    const entries = await fs.readdir(dir, { signal });
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    throw toFsError(e, ctx, signal);
  }
}
