import { FsError } from '../vfs/errors.js';
import type { Smb2Response } from './connection.js';
import { decodeErrorResponse, SymbolicLinkFlags } from './protocol/error.js';
import { resolveLink } from './paths.js';

/**
 * Where a path continues after STATUS_STOPPED_ON_SYMLINK (MS-SMB2 2.2.2.2.1, 3.2.5.1.3):
 * the link's target joined with the part of the path the server did not parse. Null when
 * the target is absolute or climbs out of the share.
 */
export function pathAfterSymlink(path: string, res: Smb2Response): string | null {
  const link = decodeErrorResponse(res.reader.seek(64), res.header.status).symbolicLink;
  if (!link) throw new FsError('EIO', 'STATUS_STOPPED_ON_SYMLINK without a symbolic link error response', { path, protocol: 'smb2' });
  const full = path.replace(/^\/+/, '').replace(/\/+$/, '');
  const unparsedChars = Math.min(full.length, link.unparsedPathLength / 2);
  const unparsed = full.slice(full.length - unparsedChars).replace(/^\/+/, '');
  const linkPath = '/' + full.slice(0, full.length - unparsedChars).replace(/\/+$/, '');
  const target = link.flags & SymbolicLinkFlags.SYMLINK_FLAG_RELATIVE ? resolveLink(linkPath, link.substituteName) : null;
  if (target === null) return null;
  return unparsed ? `${target === '/' ? '' : target}/${unparsed}` : target;
}
