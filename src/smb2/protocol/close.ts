import type { Reader, Writer } from '../../wire/index.js';
import { expectStructureSize } from './body.js';
import { readFileId, writeFileId, type FileId } from './fileid.js';

export const CLOSE_REQUEST_STRUCTURE_SIZE = 24;
export const CLOSE_RESPONSE_STRUCTURE_SIZE = 60;

/** MS-SMB2 2.2.15 Flags. */
export const CloseFlags = { SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB: 0x0001 } as const;

// MS-SMB2 2.2.15 SMB2 CLOSE Request.
export interface CloseRequest {
  flags: number;
  fileId: FileId;
}

// MS-SMB2 2.2.16 SMB2 CLOSE Response (attributes are zero unless POSTQUERY_ATTRIB was asked).
export interface CloseResponse {
  flags: number;
  creationTime: bigint;
  lastAccessTime: bigint;
  lastWriteTime: bigint;
  changeTime: bigint;
  allocationSize: bigint;
  endOfFile: bigint;
  fileAttributes: number;
}

export function encodeCloseRequest(w: Writer, req: CloseRequest): void {
  w.u16le(CLOSE_REQUEST_STRUCTURE_SIZE).u16le(req.flags).u32le(0);
  writeFileId(w, req.fileId);
}

export function decodeCloseRequest(r: Reader): CloseRequest {
  expectStructureSize(r, CLOSE_REQUEST_STRUCTURE_SIZE, 'CLOSE request');
  const flags = r.u16le();
  r.skip(4);
  return { flags, fileId: readFileId(r) };
}

export function encodeCloseResponse(w: Writer, res: CloseResponse): void {
  w.u16le(CLOSE_RESPONSE_STRUCTURE_SIZE).u16le(res.flags).u32le(0);
  w.u64le(res.creationTime).u64le(res.lastAccessTime).u64le(res.lastWriteTime).u64le(res.changeTime);
  w.u64le(res.allocationSize).u64le(res.endOfFile).u32le(res.fileAttributes);
}

export function decodeCloseResponse(r: Reader): CloseResponse {
  expectStructureSize(r, CLOSE_RESPONSE_STRUCTURE_SIZE, 'CLOSE response');
  const flags = r.u16le();
  r.skip(4);
  const creationTime = r.u64le();
  const lastAccessTime = r.u64le();
  const lastWriteTime = r.u64le();
  const changeTime = r.u64le();
  const allocationSize = r.u64le();
  const endOfFile = r.u64le();
  const fileAttributes = r.u32le();
  return { flags, creationTime, lastAccessTime, lastWriteTime, changeTime, allocationSize, endOfFile, fileAttributes };
}
