import { FsError } from './errors.js';

/**
 * Normalises a VFS path: POSIX separators, leading '/', no '.', '..' resolved without
 * ever leaving the root, no trailing '/'. Returns the components.
 */
export function splitPath(path: string): string[] {
  if (typeof path !== 'string') throw new FsError('EINVAL', 'path must be a string');
  if (path.includes('\0')) throw new FsError('EINVAL', 'path contains a NUL byte', { path });
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out;
}

export function normalizePath(path: string): string {
  return '/' + splitPath(path).join('/');
}

export function dirname(path: string): string {
  const parts = splitPath(path);
  parts.pop();
  return '/' + parts.join('/');
}

export function basename(path: string): string {
  const parts = splitPath(path);
  return parts.length ? parts[parts.length - 1] : '';
}

export function joinPath(dir: string, name: string): string {
  return normalizePath(`${dir}/${name}`);
}
