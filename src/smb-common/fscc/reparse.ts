import { DecodeError, Reader, Writer } from '../../wire/index.js';

// MS-FSCC 2.1.2 reparse points: REPARSE_DATA_BUFFER (2.1.2.2) = ReparseTag (4), ReparseDataLength (2),
// Reserved (2), DataBuffer; the symbolic link (2.1.2.4) and NFS (2.1.2.6) forms decoded.

/** MS-FSCC 2.1.2.1 reparse tags a file client meets. */
export const ReparseTag = {
  IO_REPARSE_TAG_MOUNT_POINT: 0xa0000003,
  IO_REPARSE_TAG_DFS: 0x8000000a,
  IO_REPARSE_TAG_SYMLINK: 0xa000000c,
  IO_REPARSE_TAG_DFSR: 0x80000012,
  IO_REPARSE_TAG_DEDUP: 0x80000013,
  IO_REPARSE_TAG_NFS: 0x80000014,
  IO_REPARSE_TAG_LX_SYMLINK: 0xa000001d,
  IO_REPARSE_TAG_AF_UNIX: 0x80000023,
  IO_REPARSE_TAG_LX_FIFO: 0x80000024,
  IO_REPARSE_TAG_LX_CHR: 0x80000025,
  IO_REPARSE_TAG_LX_BLK: 0x80000026,
} as const;

/** MS-FSCC 2.1.2.4 Flags of the symbolic link buffer. */
export const SYMLINK_FLAG_RELATIVE = 0x00000001;

/** MS-FSCC 2.1.2.6 NFS reparse Type values (ASCII "LNK", "CHR", "BLK", "FIFO", "SOCK", little-endian). */
export const NfsSpecFile = {
  NFS_SPECFILE_LNK: 0x00000000014b4e4cn,
  NFS_SPECFILE_CHR: 0x0000000000524843n,
  NFS_SPECFILE_BLK: 0x00000000004b4c42n,
  NFS_SPECFILE_FIFO: 0x000000004f464946n,
  NFS_SPECFILE_SOCK: 0x000000004b434f53n,
} as const;

export interface SymlinkReparse {
  tag: typeof ReparseTag.IO_REPARSE_TAG_SYMLINK;
  substituteName: string;
  printName: string;
  /** SYMLINK_FLAG_RELATIVE or 0. */
  flags: number;
}

export type NfsReparse =
  | { tag: typeof ReparseTag.IO_REPARSE_TAG_NFS; type: 'symlink'; target: string }
  | { tag: typeof ReparseTag.IO_REPARSE_TAG_NFS; type: 'chr' | 'blk'; major: number; minor: number }
  | { tag: typeof ReparseTag.IO_REPARSE_TAG_NFS; type: 'fifo' | 'sock' };

export interface OtherReparse {
  tag: number;
  data: Buffer;
}

export type ReparseData = SymlinkReparse | NfsReparse | OtherReparse;

/** The tag and DataBuffer of a REPARSE_DATA_BUFFER (bytes after DataBuffer are ignored). */
export function decodeReparseDataBuffer(buf: Buffer): { tag: number; reserved: number; data: Reader } {
  const r = new Reader(buf);
  const tag = r.u32le();
  const length = r.u16le();
  const reserved = r.u16le();
  return { tag, reserved, data: r.sub(length) };
}

function decodeSymlink(data: Reader): SymlinkReparse {
  const substituteOffset = data.u16le();
  const substituteLength = data.u16le();
  const printOffset = data.u16le();
  const printLength = data.u16le();
  const flags = data.u32le();
  const path = data.sub(data.remaining);
  return {
    tag: ReparseTag.IO_REPARSE_TAG_SYMLINK,
    substituteName: path.at(substituteOffset, substituteLength).utf16le(substituteLength),
    printName: path.at(printOffset, printLength).utf16le(printLength),
    flags,
  };
}

function decodeNfs(data: Reader): NfsReparse {
  const type = data.u64le();
  const tag = ReparseTag.IO_REPARSE_TAG_NFS;
  switch (type) {
    case NfsSpecFile.NFS_SPECFILE_LNK:
      return { tag, type: 'symlink', target: data.utf16le(data.remaining) };
    case NfsSpecFile.NFS_SPECFILE_CHR:
    case NfsSpecFile.NFS_SPECFILE_BLK:
      return { tag, type: type === NfsSpecFile.NFS_SPECFILE_CHR ? 'chr' : 'blk', major: data.u32le(), minor: data.u32le() };
    case NfsSpecFile.NFS_SPECFILE_FIFO:
      return { tag, type: 'fifo' };
    case NfsSpecFile.NFS_SPECFILE_SOCK:
      return { tag, type: 'sock' };
    default:
      throw new DecodeError(`unknown NFS reparse type 0x${type.toString(16)}`, data.absolute - 8);
  }
}

/** Decodes a reparse buffer (FSCTL_GET_REPARSE_POINT output): symlink and NFS forms, others raw. */
export function decodeReparseData(buf: Buffer): ReparseData {
  const { tag, data } = decodeReparseDataBuffer(buf);
  if (tag === ReparseTag.IO_REPARSE_TAG_SYMLINK) return decodeSymlink(data);
  if (tag === ReparseTag.IO_REPARSE_TAG_NFS) return decodeNfs(data);
  return { tag, data: data.rest() };
}

function reparseBuffer(tag: number, data: Buffer): Buffer {
  if (data.length > 0xffff) throw new RangeError(`reparse data of ${data.length} bytes`);
  return new Writer(8 + data.length).u32le(tag).u16le(data.length).u16le(0).bytes(data).finish();
}

export interface SymlinkReparseInput {
  substituteName: string;
  /** Defaults to substituteName. */
  printName?: string;
  flags?: number;
}

/** MS-FSCC 2.1.2.4: PathBuffer holds SubstituteName then PrintName. */
export function encodeSymlinkReparse(v: SymlinkReparseInput): Buffer {
  const sub = Buffer.from(v.substituteName, 'utf16le');
  const print = Buffer.from(v.printName ?? v.substituteName, 'utf16le');
  const data = new Writer(12 + sub.length + print.length)
    .u16le(0) // SubstituteNameOffset
    .u16le(sub.length)
    .u16le(sub.length) // PrintNameOffset
    .u16le(print.length)
    .u32le(v.flags ?? 0)
    .bytes(sub)
    .bytes(print)
    .finish();
  return reparseBuffer(ReparseTag.IO_REPARSE_TAG_SYMLINK, data);
}

export type NfsReparseInput =
  | { type: 'symlink'; target: string }
  | { type: 'chr' | 'blk'; major: number; minor: number }
  | { type: 'fifo' | 'sock' };

/** MS-FSCC 2.1.2.6 NFS reparse buffer (as Samba's SMB3 POSIX extensions create special files). */
export function encodeNfsReparse(v: NfsReparseInput): Buffer {
  const w = new Writer(32);
  switch (v.type) {
    case 'symlink':
      w.u64le(NfsSpecFile.NFS_SPECFILE_LNK).utf16le(v.target);
      break;
    case 'chr':
    case 'blk':
      w.u64le(v.type === 'chr' ? NfsSpecFile.NFS_SPECFILE_CHR : NfsSpecFile.NFS_SPECFILE_BLK).u32le(v.major).u32le(v.minor);
      break;
    case 'fifo':
      w.u64le(NfsSpecFile.NFS_SPECFILE_FIFO);
      break;
    case 'sock':
      w.u64le(NfsSpecFile.NFS_SPECFILE_SOCK);
      break;
  }
  return reparseBuffer(ReparseTag.IO_REPARSE_TAG_NFS, w.finish());
}
