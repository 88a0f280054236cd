import { Reader } from '../../wire/index.js';
import { decodeSid, type Sid } from '../security/sid.js';
import { readFileTimes, type FileTimes } from './common.js';
import { decodeEntryList } from './entry-list.js';

// SMB3 POSIX extensions (Samba librpc/idl/smb3posix.idl; the SMB3 POSIX extensions draft,
// "fscc_posix_extensions"): the POSIX create context response (smb3_posix_cc_info), the
// FILE_POSIX_INFORMATION query class 100 (smb3_file_posix_information) and the matching
// QUERY_DIRECTORY entry (SMB2_FIND_POSIX_INFORMATION, class 100). Owner and group are SIDs;
// Samba maps Unix ids to S-1-22-1-<uid> / S-1-22-2-<gid> (see security/sid.ts sidToUnixId).

/** smb3_posix_cc_info. */
export interface PosixCreateContextInfo {
  nlinks: number;
  reparseTag: number;
  /** The wire mode: permission bits 0..11 and a POSIX_FILE_TYPE in bits 12..15 (posixModeFromWire). */
  mode: number;
  owner: Sid;
  group: Sid;
}

/** smb3_file_posix_information. */
export interface FilePosixInformation extends FileTimes {
  endOfFile: bigint;
  allocationSize: bigint;
  fileAttributes: number;
  inode: bigint;
  device: number;
  cc: PosixCreateContextInfo;
}

/** SMB2_FIND_POSIX_INFORMATION directory entry. */
export interface FilePosixDirectoryInformation extends FilePosixInformation {
  fileIndex: number;
  fileName: string;
}

/** File type in bits 12..15 of the wire mode ("POSIX file type definition" of the draft). */
export const PosixFileType = {
  POSIX_TYPE_FILE: 0,
  POSIX_TYPE_DIR: 1,
  POSIX_TYPE_SYMLINK: 2,
  POSIX_TYPE_CHARDEV: 3,
  POSIX_TYPE_BLKDEV: 4,
  POSIX_TYPE_FIFO: 5,
  POSIX_TYPE_SOCKET: 6,
} as const;

const POSIX_FILETYPE_SHIFT = 12;
const POSIX_PERMS_MASK = 0o7777;

/** S_IF* values of st_mode, by POSIX_TYPE_* (index). */
const S_IF_BY_POSIX_TYPE = [0o100000, 0o040000, 0o120000, 0o020000, 0o060000, 0o010000, 0o140000] as const;
const S_IFDIR = 0o040000;

/**
 * The st_mode for a wire mode. The permission bits have POSIX values on the wire (Samba's
 * UNIX_* constants equal S_I*). Older servers leave the type 0 (regular file) even for a
 * directory, so isDirectory (from FILE_ATTRIBUTE_DIRECTORY) corrects that, as Linux does.
 * Returns undefined for a type this code does not know.
 */
export function posixModeFromWire(wire: number, isDirectory: boolean): number | undefined {
  const type = (wire >>> POSIX_FILETYPE_SHIFT) & 0xf;
  const perms = wire & POSIX_PERMS_MASK;
  if (type === PosixFileType.POSIX_TYPE_FILE && isDirectory) return S_IFDIR | perms;
  const ifmt = S_IF_BY_POSIX_TYPE[type];
  return ifmt === undefined ? undefined : ifmt | perms;
}

/** The wire mode for an st_mode (type bits included), for the POSIX create context request. */
export function posixModeToWire(mode: number): number {
  const ifmt = mode & 0o170000;
  const type = S_IF_BY_POSIX_TYPE.indexOf(ifmt as (typeof S_IF_BY_POSIX_TYPE)[number]);
  return ((type < 0 ? 0 : type) << POSIX_FILETYPE_SHIFT) | (mode & POSIX_PERMS_MASK);
}

export function readPosixCreateContextInfo(r: Reader): PosixCreateContextInfo {
  const nlinks = r.u32le();
  const reparseTag = r.u32le();
  const mode = r.u32le();
  const owner = decodeSid(r);
  const group = decodeSid(r);
  return { nlinks, reparseTag, mode, owner, group };
}

/** The data of the SMB2_CREATE POSIX create context response. */
export function decodePosixCreateContextInfo(buf: Buffer): PosixCreateContextInfo {
  return readPosixCreateContextInfo(new Reader(buf));
}

function readFilePosixInformation(r: Reader): FilePosixInformation {
  const times = readFileTimes(r);
  const endOfFile = r.i64le();
  const allocationSize = r.i64le();
  const fileAttributes = r.u32le();
  const inode = r.u64le();
  const device = r.u32le();
  r.skip(4); // reserved
  const cc = readPosixCreateContextInfo(r);
  return { ...times, endOfFile, allocationSize, fileAttributes, inode, device, cc };
}

/** QUERY_INFO FILE_POSIX_INFORMATION (class 100) output. */
export function decodeFilePosixInformation(buf: Buffer): FilePosixInformation {
  return readFilePosixInformation(new Reader(buf));
}

/** QUERY_DIRECTORY SMB2_FIND_POSIX_INFORMATION (class 100) output. */
export function decodeFilePosixDirectoryInformation(buf: Buffer): FilePosixDirectoryInformation[] {
  // NextEntryOffset, FileIndex, 68 bytes of posix info, 12 of cc, two minimal SIDs (8 each), FileNameLength.
  return decodeEntryList(buf, 4 + 4 + 68 + 12 + 16 + 4, 'SMB2_FIND_POSIX_INFORMATION', (r) => {
    const fileIndex = r.u32le();
    const info = readFilePosixInformation(r);
    const nameLength = r.u32le();
    return { fileIndex, ...info, fileName: r.utf16le(nameLength) };
  });
}
