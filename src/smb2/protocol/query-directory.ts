import type { Reader, Writer } from '../../wire/index.js';
import { expectStructureSize, padToStructureSize, u16Field, utf16At } from './body.js';
import { readFileId, writeFileId, type FileId } from './fileid.js';
import { decodeOutputBufferResponse, encodeOutputBufferResponse, type OutputBufferResponse } from './output-buffer.js';

export const QUERY_DIRECTORY_REQUEST_STRUCTURE_SIZE = 33;

/** MS-SMB2 2.2.33 Flags. */
export const QueryDirectoryFlags = {
  SMB2_RESTART_SCANS: 0x01,
  SMB2_RETURN_SINGLE_ENTRY: 0x02,
  SMB2_INDEX_SPECIFIED: 0x04,
  SMB2_REOPEN: 0x10,
} as const;

/** MS-SMB2 2.2.33 FileInformationClass values (the structures are MS-FSCC 2.4, decoded in smb-common). */
export const QueryDirectoryInformationClass = {
  FileDirectoryInformation: 0x01,
  FileFullDirectoryInformation: 0x02,
  FileBothDirectoryInformation: 0x03,
  FileNamesInformation: 0x0c,
  FileIdBothDirectoryInformation: 0x25,
  FileIdFullDirectoryInformation: 0x26,
  FileIdExtdDirectoryInformation: 0x3c,
  FileId64ExtdDirectoryInformation: 0x4e,
  FileId64ExtdBothDirectoryInformation: 0x4f,
  FileIdAllExtdDirectoryInformation: 0x50,
  FileIdAllExtdBothDirectoryInformation: 0x51,
  /** SMB3 POSIX extensions (Samba: SMB2_FIND_POSIX_INFORMATION). */
  FilePosixInformation: 0x64,
} as const;

// MS-SMB2 2.2.33 SMB2 QUERY_DIRECTORY Request.
export interface QueryDirectoryRequest {
  fileInformationClass: number;
  flags: number;
  fileIndex: number;
  fileId: FileId;
  /** The search pattern, e.g. "*". */
  fileName: string;
  outputBufferLength: number;
}

// MS-SMB2 2.2.34 SMB2 QUERY_DIRECTORY Response: OutputBuffer holds the FSCC entries.
export type QueryDirectoryResponse = OutputBufferResponse;

export function encodeQueryDirectoryRequest(w: Writer, req: QueryDirectoryRequest): void {
  const start = w.length;
  const name = Buffer.from(req.fileName, 'utf16le');
  w.u16le(QUERY_DIRECTORY_REQUEST_STRUCTURE_SIZE).u8(req.fileInformationClass).u8(req.flags).u32le(req.fileIndex);
  writeFileId(w, req.fileId);
  const nameOffsetAt = w.reserveU16le();
  w.u16le(u16Field(name.length, 'FileNameLength')).u32le(req.outputBufferLength);
  w.patchU16le(nameOffsetAt, w.length);
  w.bytes(name);
  padToStructureSize(w, start, QUERY_DIRECTORY_REQUEST_STRUCTURE_SIZE);
}

export function decodeQueryDirectoryRequest(r: Reader): QueryDirectoryRequest {
  expectStructureSize(r, QUERY_DIRECTORY_REQUEST_STRUCTURE_SIZE, 'QUERY_DIRECTORY request');
  const fileInformationClass = r.u8();
  const flags = r.u8();
  const fileIndex = r.u32le();
  const fileId = readFileId(r);
  const nameOffset = r.u16le();
  const nameLength = r.u16le();
  const outputBufferLength = r.u32le();
  const fileName = utf16At(r, nameOffset, nameLength, 'QUERY_DIRECTORY FileName');
  return { fileInformationClass, flags, fileIndex, fileId, fileName, outputBufferLength };
}

export function encodeQueryDirectoryResponse(w: Writer, res: QueryDirectoryResponse): void {
  encodeOutputBufferResponse(w, res);
}

export function decodeQueryDirectoryResponse(r: Reader): QueryDirectoryResponse {
  return decodeOutputBufferResponse(r, 'QUERY_DIRECTORY response');
}

