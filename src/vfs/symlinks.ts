// Client-side symlink resolution, for protocols whose servers stop at a link inside a path
// (SMB2 reparse points, NFSv4 LOOKUP: RFC 8881 18.15.3) rather than follow it.
import { FsError } from './errors.js';
import { splitPath } from './path.js';
import type { Stat } from './types.js';

/** Links followed in one path before ELOOP (as Linux's MAXSYMLINKS). */
export const MAX_SYMLINK_HOPS = 40;

/**
 * Where a link at linkPath with this target points, as a path from the share/export root;
 * null when it leaves the root (an absolute target, or '..' above the root).
 */
export function resolveLink(linkPath: string, target: string): string | null {
  if (target.startsWith('/')) return null;
  const parts = splitPath(linkPath);
  parts.pop();
  for (const c of target.replace(/\\/g, '/').split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(c);
  }
  return '/' + parts.join('/');
}

export interface LinkOps {
  lstat(path: string): Promise<Stat>;
  readlink(path: string): Promise<string>;
}

/**
 * The path with every symlink in it replaced by its target, walked component by component
 * with lstat; undefined when it holds none. A missing component ends the walk (the rest
 * is kept as it is).
 */
export async function resolveSymlinks(path: string, ops: LinkOps): Promise<string | undefined> {
  let rest = splitPath(path);
  let done: string[] = [];
  let changed = false;
  for (let hops = 0; rest.length; ) {
    const c = rest.shift() as string;
    const cur = '/' + [...done, c].join('/');
    const st = await ops.lstat(cur).catch(() => undefined);
    if (st?.type !== 'symlink') {
      if (!st) return changed ? '/' + [...done, c, ...rest].join('/') : undefined;
      done.push(c);
      continue;
    }
    if (++hops > MAX_SYMLINK_HOPS) throw new FsError('ELOOP', 'too many levels of symbolic links', { path });
    const target = resolveLink(cur, await ops.readlink(cur));
    if (target === null) throw new FsError('ENOENT', 'symbolic link points outside the share', { path });
    rest = [...splitPath(target), ...rest];
    done = [];
    changed = true;
  }
  return changed ? '/' + done.join('/') : undefined;
}
