import { filetimeToNs } from '../smb-common/filetime.js';
import { FileAttributes } from '../smb-common/fscc/attributes.js';
import type { FileTimes } from '../smb-common/fscc/common.js';
import { posixModeFromWire, type FilePosixInformation } from '../smb-common/fscc/posix.js';
import { ReparseTag } from '../smb-common/fscc/reparse.js';
import { sidToUnixId, type Sid } from '../smb-common/security/sid.js';
import { makeStat, typeFromMode } from '../vfs/stat.js';
import type { FileType, Stat } from '../vfs/types.js';

/** What to report where the server gives no Unix owner or mode (mount.cifs uid=, gid=, file_mode=, dir_mode=). */
export interface UnixDefaults {
  uid: number;
  gid: number;
  fileMode: number;
  dirMode: number;
}

/** The fields every SMB2 attribute source has (CREATE response, FileAllInformation, directory entries). */
export interface WindowsAttrs extends FileTimes {
  endOfFile: bigint;
  allocationSize: bigint;
  fileAttributes: number;
  ino?: bigint;
  nlink?: number;
  reparseTag?: number;
}

const ns = (ft: bigint) => filetimeToNs(ft) ?? 0n;

function times(t: FileTimes) {
  return { atimeNs: ns(t.lastAccessTime), mtimeNs: ns(t.lastWriteTime), ctimeNs: ns(t.changeTime), birthtimeNs: ns(t.creationTime) };
}

function windowsType(a: WindowsAttrs): FileType {
  if (a.fileAttributes & FileAttributes.FILE_ATTRIBUTE_REPARSE_POINT && a.reparseTag === ReparseTag.IO_REPARSE_TAG_SYMLINK) return 'symlink';
  return a.fileAttributes & FileAttributes.FILE_ATTRIBUTE_DIRECTORY ? 'directory' : 'file';
}

/** A Stat from Windows attributes: the Unix parts come from the defaults, less the write bits for a read-only file. */
export function statFromWindows(a: WindowsAttrs, d: UnixDefaults): Stat {
  const type = windowsType(a);
  let perm = type === 'directory' ? d.dirMode : type === 'symlink' ? 0o777 : d.fileMode;
  if (a.fileAttributes & FileAttributes.FILE_ATTRIBUTE_READONLY && type !== 'directory') perm &= ~0o222;
  return makeStat({
    type,
    perm,
    uid: d.uid,
    gid: d.gid,
    size: Number(a.endOfFile),
    allocated: Number(a.allocationSize),
    nlink: a.nlink ?? 1,
    ino: a.ino ?? 0n,
    dev: 0n,
    ...times(a),
    unixOwner: false,
    unixMode: false,
  });
}

function unixId(sid: Sid, kind: 'uid' | 'gid'): number | undefined {
  const u = sidToUnixId(sid);
  return u?.kind === kind ? u.id : undefined;
}

/** A Stat from SMB3 POSIX information (query class 100 or a POSIX directory entry). */
export function statFromPosix(p: FilePosixInformation, d: UnixDefaults): Stat {
  const isDir = (p.fileAttributes & FileAttributes.FILE_ATTRIBUTE_DIRECTORY) !== 0;
  let mode = posixModeFromWire(p.cc.mode, isDir);
  if (mode === undefined) mode = isDir ? 0o040000 | d.dirMode : 0o100000 | d.fileMode;
  if (p.cc.reparseTag === ReparseTag.IO_REPARSE_TAG_SYMLINK) mode = 0o120000 | (mode & 0o7777);
  const uid = unixId(p.cc.owner, 'uid');
  const gid = unixId(p.cc.group, 'gid');
  return makeStat({
    type: typeFromMode(mode),
    perm: mode & 0o7777,
    uid: uid ?? d.uid,
    gid: gid ?? d.gid,
    size: Number(p.endOfFile),
    allocated: Number(p.allocationSize),
    nlink: p.cc.nlinks,
    ino: p.inode,
    dev: BigInt(p.device),
    ...times(p),
    unixOwner: uid !== undefined && gid !== undefined,
    unixMode: true,
  });
}
