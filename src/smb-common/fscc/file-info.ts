import { Reader } from '../../wire/index.js';
import { readFileTimes, readLengthPrefixedName, type FileTimes } from './common.js';

// Decoders for the file information classes a client queries (MS-FSCC 2.4). Each takes the
// QUERY_INFO output buffer; a buffer too short for the structure throws DecodeError.

/** MS-FSCC 2.4.7 FileBasicInformation (40 bytes). */
export interface FileBasicInformation extends FileTimes {
  fileAttributes: number;
}

export function readFileBasicInformation(r: Reader): FileBasicInformation {
  const times = readFileTimes(r);
  const fileAttributes = r.u32le();
  r.skip(4); // Reserved
  return { ...times, fileAttributes };
}

export function decodeFileBasicInformation(buf: Buffer): FileBasicInformation {
  return readFileBasicInformation(new Reader(buf));
}

/** MS-FSCC 2.4.47 FileStandardInformation (24 bytes). */
export interface FileStandardInformation {
  allocationSize: bigint;
  endOfFile: bigint;
  numberOfLinks: number;
  deletePending: boolean;
  directory: boolean;
}

export function readFileStandardInformation(r: Reader): FileStandardInformation {
  const allocationSize = r.i64le();
  const endOfFile = r.i64le();
  const numberOfLinks = r.u32le();
  const deletePending = r.u8() !== 0;
  const directory = r.u8() !== 0;
  r.skip(2); // Reserved
  return { allocationSize, endOfFile, numberOfLinks, deletePending, directory };
}

export function decodeFileStandardInformation(buf: Buffer): FileStandardInformation {
  return readFileStandardInformation(new Reader(buf));
}

/** MS-FSCC 2.4.27 FileInternalInformation: IndexNumber, the 64-bit file ID. */
export interface FileInternalInformation {
  indexNumber: bigint;
}

export function decodeFileInternalInformation(buf: Buffer): FileInternalInformation {
  return { indexNumber: new Reader(buf).u64le() };
}

/** MS-FSCC 2.4.13 FileEaInformation: EaSize, bytes the file's EAs take. */
export interface FileEaInformation {
  eaSize: number;
}

export function decodeFileEaInformation(buf: Buffer): FileEaInformation {
  return { eaSize: new Reader(buf).u32le() };
}

/** MS-FSCC 2.4.32 FileNameInformation (also 2.4.5 FileAlternateNameInformation). */
export interface FileNameInformation {
  fileName: string;
}

export function decodeFileNameInformation(buf: Buffer): FileNameInformation {
  return { fileName: readLengthPrefixedName(new Reader(buf)) };
}

/** MS-FSCC 2.4.2 FileAllInformation: Basic, Standard, Internal, Ea, Access, Position, Mode, Alignment, Name. */
export interface FileAllInformation {
  basic: FileBasicInformation;
  standard: FileStandardInformation;
  internal: FileInternalInformation;
  ea: FileEaInformation;
  /** 2.4.1 FileAccessInformation.AccessFlags. */
  accessFlags: number;
  /** 2.4.40 FilePositionInformation.CurrentByteOffset. */
  currentByteOffset: bigint;
  /** 2.4.31 FileModeInformation.Mode. */
  mode: number;
  /** 2.4.3 FileAlignmentInformation.AlignmentRequirement. */
  alignmentRequirement: number;
  name: FileNameInformation;
}

export function decodeFileAllInformation(buf: Buffer): FileAllInformation {
  const r = new Reader(buf);
  const basic = readFileBasicInformation(r);
  const standard = readFileStandardInformation(r);
  const internal = { indexNumber: r.u64le() };
  const ea = { eaSize: r.u32le() };
  const accessFlags = r.u32le();
  const currentByteOffset = r.i64le();
  const mode = r.u32le();
  const alignmentRequirement = r.u32le();
  const name = { fileName: readLengthPrefixedName(r) };
  return { basic, standard, internal, ea, accessFlags, currentByteOffset, mode, alignmentRequirement, name };
}

/** MS-FSCC 2.4.34 FileNetworkOpenInformation (56 bytes). */
export interface FileNetworkOpenInformation extends FileTimes {
  allocationSize: bigint;
  endOfFile: bigint;
  fileAttributes: number;
}

export function decodeFileNetworkOpenInformation(buf: Buffer): FileNetworkOpenInformation {
  const r = new Reader(buf);
  const times = readFileTimes(r);
  const allocationSize = r.i64le();
  const endOfFile = r.i64le();
  const fileAttributes = r.u32le();
  r.skip(4); // Reserved
  return { ...times, allocationSize, endOfFile, fileAttributes };
}

/** MS-FSCC 2.4.6 FileAttributeTagInformation. */
export interface FileAttributeTagInformation {
  fileAttributes: number;
  reparseTag: number;
}

export function decodeFileAttributeTagInformation(buf: Buffer): FileAttributeTagInformation {
  const r = new Reader(buf);
  return { fileAttributes: r.u32le(), reparseTag: r.u32le() };
}
