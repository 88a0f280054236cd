// OPEN (RFC 8881 18.16; RFC 7530 16.16 with OPEN_CONFIRM 16.18) as the VFS asks for it.
import type { SetAttrs } from './attrs.js';
import { encodeAttrs } from './attrs.js';
import type { Compound, Out } from './compound.js';
import { Op } from './constants.js';
import type { IdMap } from './idmap.js';
import { CreateMode, encodeOpen, OpenType, type OpenHow } from './ops/open.js';
import type { OpenOwner } from './owners.js';
import { readOpenRes, type OpenRes } from './results.js';
import type { OpenOptions } from '../vfs/types.js';

/** OPEN4_SHARE_ACCESS_* (18.16.1) */
export const ShareAccess = { READ: 1, WRITE: 2, BOTH: 3 } as const;
/** OPEN4_SHARE_DENY_NONE */
export const SHARE_DENY_NONE = 0;
/** OPEN4_RESULT_CONFIRM (RFC 7530 16.16.5): an NFSv4.0 owner's first OPEN needs OPEN_CONFIRM. */
export const OPEN4_RESULT_CONFIRM = 0x2;
/** OPEN4_RESULT_LOCKTYPE_POSIX */
export const OPEN4_RESULT_LOCKTYPE_POSIX = 0x4;

export function shareAccess(how: OpenOptions): number {
  if (how.write && (how.read || how.append)) return ShareAccess.BOTH;
  return how.write ? ShareAccess.WRITE : ShareAccess.READ;
}

/** createhow4 for the VFS's create/exclusive/truncate/mode. */
export function openHow(how: OpenOptions, idmap: IdMap): OpenHow {
  if (!how.create) return { opentype: OpenType.OPEN4_NOCREATE };
  const attrs: SetAttrs = { mode: (how.mode ?? 0o644) & 0o7777 };
  // UNCHECKED4 with size 0 truncates a file that exists (18.16.4); GUARDED4 fails with EXIST.
  if (how.truncate && !how.exclusive) attrs.size = 0;
  return { opentype: OpenType.OPEN4_CREATE, mode: how.exclusive ? CreateMode.GUARDED4 : CreateMode.UNCHECKED4, createattrs: encodeAttrs(attrs, idmap) };
}

/** Adds OPEN of name in the current (directory) filehandle; its result lands in the returned Out. */
export function addOpen(c: Compound, owner: OpenOwner, access: number, how: OpenHow, name: string | undefined, previous = false): Out<OpenRes> {
  return c.res(Op.OPEN, (w) => encodeOpen(w, { seqid: owner.seqid, shareAccess: access, shareDeny: SHARE_DENY_NONE, owner: owner.owner, how, name, previous }), readOpenRes);
}
