import { FsError } from '../vfs/errors.js';
import { splitPath } from '../vfs/path.js';

/** Characters a Windows name may not hold (MS-FSCC 2.1.5.2); a POSIX session allows all but '/' and NUL. */
const WINDOWS_INVALID = /["*:<>?\\|\x00-\x1f]/;

/**
 * A VFS path as the SMB2 CREATE name (MS-SMB2 2.2.13): relative to the share, no leading
 * separator. A POSIX-extensions session takes '/' as the separator (and '\' as a name
 * character); otherwise components join with '\' and Windows-invalid names are refused.
 */
export function smbName(path: string, posix: boolean, syscall: string): string {
  const parts = splitPath(path);
  if (posix) return parts.join('/');
  for (const p of parts) {
    if (WINDOWS_INVALID.test(p)) throw new FsError('EINVAL', `name '${p}' has a character SMB without POSIX extensions cannot carry`, { syscall, path });
  }
  return parts.join('\\');
}

export { resolveLink } from '../vfs/symlinks.js';
