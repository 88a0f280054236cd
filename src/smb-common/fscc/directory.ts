import type { Reader } from '../../wire/index.js';
import { FileAttributes } from './attributes.js';
import { readFileTimes, type FileTimes } from './common.js';
import { decodeEntryList } from './entry-list.js';

// QUERY_DIRECTORY output buffers (MS-SMB2 2.2.34): lists of MS-FSCC 2.4 directory entries.

/** MS-FSCC 2.4.10 FileDirectoryInformation. */
export interface FileDirectoryInformation extends FileTimes {
  fileIndex: number;
  endOfFile: bigint;
  allocationSize: bigint;
  fileAttributes: number;
  fileName: string;
}

/** MS-FSCC 2.4.15 FileFullDirectoryInformation. */
export interface FileFullDirectoryInformation extends FileDirectoryInformation {
  /** EaSize; for a reparse point the server puts the reparse tag here instead (see reparseTag). */
  eaSize: number;
  /** The reparse tag, when FILE_ATTRIBUTE_REPARSE_POINT is set (MS-FSCC 2.4.15 EaSize). */
  reparseTag?: number;
}

/** MS-FSCC 2.4.24 FileIdFullDirectoryInformation. */
export interface FileIdFullDirectoryInformation extends FileFullDirectoryInformation {
  fileId: bigint;
}

/** MS-FSCC 2.4.8 FileBothDirectoryInformation. */
export interface FileBothDirectoryInformation extends FileFullDirectoryInformation {
  shortName: string;
}

/** MS-FSCC 2.4.22 FileIdBothDirectoryInformation. */
export interface FileIdBothDirectoryInformation extends FileBothDirectoryInformation {
  fileId: bigint;
}

/** MS-FSCC 2.4.33 FileNamesInformation. */
export interface FileNamesInformation {
  fileIndex: number;
  fileName: string;
}

const SHORT_NAME_BYTES = 24;

/** FileIndex .. FileNameLength, the part shared by the directory classes. */
function readHead(r: Reader): { head: Omit<FileDirectoryInformation, 'fileName'>; nameLength: number } {
  const fileIndex = r.u32le();
  const times = readFileTimes(r);
  const endOfFile = r.i64le();
  const allocationSize = r.i64le();
  const fileAttributes = r.u32le();
  const nameLength = r.u32le();
  return { head: { fileIndex, ...times, endOfFile, allocationSize, fileAttributes }, nameLength };
}

function withEa<T extends FileDirectoryInformation>(e: T, eaSize: number): T & { eaSize: number; reparseTag?: number } {
  return e.fileAttributes & FileAttributes.FILE_ATTRIBUTE_REPARSE_POINT ? { ...e, eaSize, reparseTag: eaSize } : { ...e, eaSize };
}

function readShortName(r: Reader): string {
  const len = r.u8();
  r.skip(1); // Reserved1
  const short = r.sub(SHORT_NAME_BYTES);
  if (len > SHORT_NAME_BYTES) short.fail(`ShortNameLength ${len} > ${SHORT_NAME_BYTES}`);
  return short.utf16le(len);
}

export function decodeFileDirectoryInformation(buf: Buffer): FileDirectoryInformation[] {
  return decodeEntryList(buf, 64, 'FileDirectoryInformation', (r) => {
    const { head, nameLength } = readHead(r);
    return { ...head, fileName: r.utf16le(nameLength) };
  });
}

export function decodeFileFullDirectoryInformation(buf: Buffer): FileFullDirectoryInformation[] {
  return decodeEntryList(buf, 68, 'FileFullDirectoryInformation', (r) => {
    const { head, nameLength } = readHead(r);
    const eaSize = r.u32le();
    return withEa({ ...head, fileName: r.utf16le(nameLength) }, eaSize);
  });
}

export function decodeFileIdFullDirectoryInformation(buf: Buffer): FileIdFullDirectoryInformation[] {
  return decodeEntryList(buf, 80, 'FileIdFullDirectoryInformation', (r) => {
    const { head, nameLength } = readHead(r);
    const eaSize = r.u32le();
    r.skip(4); // Reserved
    const fileId = r.u64le();
    return withEa({ ...head, fileId, fileName: r.utf16le(nameLength) }, eaSize);
  });
}

export function decodeFileBothDirectoryInformation(buf: Buffer): FileBothDirectoryInformation[] {
  return decodeEntryList(buf, 94, 'FileBothDirectoryInformation', (r) => {
    const { head, nameLength } = readHead(r);
    const eaSize = r.u32le();
    const shortName = readShortName(r);
    return withEa({ ...head, shortName, fileName: r.utf16le(nameLength) }, eaSize);
  });
}

export function decodeFileIdBothDirectoryInformation(buf: Buffer): FileIdBothDirectoryInformation[] {
  return decodeEntryList(buf, 104, 'FileIdBothDirectoryInformation', (r) => {
    const { head, nameLength } = readHead(r);
    const eaSize = r.u32le();
    const shortName = readShortName(r);
    r.skip(2); // Reserved2
    const fileId = r.u64le();
    return withEa({ ...head, shortName, fileId, fileName: r.utf16le(nameLength) }, eaSize);
  });
}

export function decodeFileNamesInformation(buf: Buffer): FileNamesInformation[] {
  return decodeEntryList(buf, 12, 'FileNamesInformation', (r) => {
    const fileIndex = r.u32le();
    const nameLength = r.u32le();
    return { fileIndex, fileName: r.utf16le(nameLength) };
  });
}
