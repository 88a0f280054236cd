// A tree of many small files of random bytes, and a tar archive of it: the small-file workload.
import { randomBytes, randomInt } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { timedRunChecked } from './proc.js';

export interface TreeSpec {
  /** Files in all. */
  readonly files: number;
  /** Directories they are spread over (evenly). */
  readonly dirs: number;
  /** Each file's size is drawn uniformly from [minBytes, maxBytes]. */
  readonly minBytes: number;
  readonly maxBytes: number;
}

export interface BuiltTree {
  readonly spec: TreeSpec;
  /** The directory holding the tree's top directory. */
  readonly base: string;
  /** The tree's top directory name inside base (and the archive's only top-level member). */
  readonly top: string;
  /** base/top. */
  readonly root: string;
  /** A tar archive of top, made from base. */
  readonly archive: string;
  /** The files' bytes, added up. */
  readonly dataBytes: number;
}

/** Writes the tree under base/top, then `tar -cf archive -C base top` (a child process). */
export async function buildTree(spec: TreeSpec, base: string, top: string, archive: string, signal: AbortSignal): Promise<BuiltTree> {
  if (spec.dirs < 1 || spec.files < spec.dirs || spec.minBytes < 0 || spec.maxBytes < spec.minBytes) throw new Error(`bad tree: ${JSON.stringify(spec)}`);
  const root = join(base, top);
  let dataBytes = 0;
  for (let d = 0; d < spec.dirs; d++) {
    signal.throwIfAborted();
    const dir = join(root, `d${String(d).padStart(2, '0')}`);
    await mkdir(dir, { recursive: true });
    // Files first..last of this directory: an even share, the remainder going to the first dirs.
    const count = Math.floor(spec.files / spec.dirs) + (d < spec.files % spec.dirs ? 1 : 0);
    for (let f = 0; f < count; f++) {
      const size = randomInt(spec.minBytes, spec.maxBytes + 1);
      await writeFile(join(dir, `f${String(f).padStart(4, '0')}.bin`), randomBytes(size), { flag: 'wx' });
      dataBytes += size;
    }
  }
  await timedRunChecked('tar', ['-c', '-f', archive, '-C', base, top], { signal, timeoutMs: 120_000 });
  return { spec, base, top, root, archive, dataBytes };
}
