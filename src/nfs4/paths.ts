// Paths to filehandles inside one COMPOUND: PUTFH of the export's root, then one LOOKUP per
// component (RFC 8881 18.15; LOOKUP does not follow symlinks, so the client does).
import { FsError } from '../errors.js';
import { splitPath } from '../vfs/path.js';
import type { Compound } from './compound.js';
import { Op } from './constants.js';
import { encodeLookup, encodePutFh } from './ops/fh.js';

/** The component an NFSv4 name may be (RFC 8881 14.2: no '/', no NUL, not '.' or '..'). */
export function checkName(name: string, syscall: string, path: string): string {
  if (name === '' || name === '.' || name === '..' || name.includes('\0')) throw new FsError('EINVAL', `'${name}' cannot be a file name`, { syscall, path });
  return name;
}

/** Adds PUTFH(root) and the LOOKUPs of parts; the current filehandle is then the object's. */
export function lookupPath(c: Compound, root: Buffer, parts: readonly string[]): void {
  c.add(Op.PUTFH, (w) => encodePutFh(w, root));
  for (const p of parts) c.add(Op.LOOKUP, (w) => encodeLookup(w, p));
}

/** The parent's components and the last name: '/a/b/c' -> [['a','b'], 'c']. */
export function parentAndName(path: string, syscall: string): { parent: string[]; name: string } {
  const parts = splitPath(path);
  const name = parts.pop();
  if (name === undefined) throw new FsError('EINVAL', 'the root of the export has no name', { syscall, path });
  return { parent: parts, name: checkName(name, syscall, path) };
}
