import { Writer } from '../../wire/index.js';
import { FILETIME_SPECIAL } from '../filetime.js';

// Encoders for SET_INFO buffers (MS-FSCC 2.4, SMB2 forms).

export interface FileBasicInformationSet {
  /** FILETIMEs; 0 (the default) leaves a time unchanged, see FILETIME_SPECIAL. */
  creationTime?: bigint;
  lastAccessTime?: bigint;
  lastWriteTime?: bigint;
  changeTime?: bigint;
  /** 0 (the default) leaves the attributes unchanged. */
  fileAttributes?: number;
}

/** MS-FSCC 2.4.7 FileBasicInformation (40 bytes). */
export function encodeFileBasicInformation(v: FileBasicInformationSet): Buffer {
  const none = FILETIME_SPECIAL.NOT_SPECIFIED;
  return new Writer(40)
    .u64le(v.creationTime ?? none)
    .u64le(v.lastAccessTime ?? none)
    .u64le(v.lastWriteTime ?? none)
    .u64le(v.changeTime ?? none)
    .u32le(v.fileAttributes ?? 0)
    .u32le(0) // Reserved
    .finish();
}

export interface FileRenameInformationSet {
  replaceIfExists: boolean;
  /** Target path relative to the share root, with backslashes. */
  fileName: string;
  /** MUST be 0 for SMB2 network operations (MS-FSCC 2.4.42.2). */
  rootDirectory?: bigint;
}

/**
 * The buffer is padded to at least 24 bytes, the size of the structure with its one-character
 * FileName array: Windows servers reject a shorter buffer with STATUS_INFO_LENGTH_MISMATCH.
 */
const MIN_RENAME_BUFFER = 24;

function encodeRenameOrLink(v: FileRenameInformationSet): Buffer {
  const name = Buffer.from(v.fileName, 'utf16le');
  const w = new Writer(20 + name.length + 4)
    .u8(v.replaceIfExists ? 1 : 0)
    .zeros(7) // Reserved
    .u64le(v.rootDirectory ?? 0n)
    .u32le(name.length)
    .bytes(name);
  if (w.length < MIN_RENAME_BUFFER) w.zeros(MIN_RENAME_BUFFER - w.length);
  return w.finish();
}

/** MS-FSCC 2.4.42.2 FileRenameInformation for SMB2 (FILE_RENAME_INFORMATION_TYPE_2). */
export function encodeFileRenameInformation(v: FileRenameInformationSet): Buffer {
  return encodeRenameOrLink(v);
}

/** MS-FSCC 2.4.28.2 FileLinkInformation for SMB2: same layout as the SMB2 rename structure. */
export function encodeFileLinkInformation(v: FileRenameInformationSet): Buffer {
  return encodeRenameOrLink(v);
}

/** MS-FSCC 2.4.11 FileDispositionInformation: DeletePending (1 byte). */
export function encodeFileDispositionInformation(deletePending: boolean): Buffer {
  return new Writer(1).u8(deletePending ? 1 : 0).finish();
}

/** MS-FSCC 2.4.14 FileEndOfFileInformation: EndOfFile (8 bytes, signed). */
export function encodeFileEndOfFileInformation(endOfFile: bigint): Buffer {
  return new Writer(8).i64le(endOfFile).finish();
}

/** MS-FSCC 2.4.4 FileAllocationInformation: AllocationSize (8 bytes, signed). */
export function encodeFileAllocationInformation(allocationSize: bigint): Buffer {
  return new Writer(8).i64le(allocationSize).finish();
}
