import type { Reader, Writer } from '../../wire/index.js';
import { expectStructureSize } from './body.js';
import { readFileId, writeFileId, type FileId } from './fileid.js';
import { decodeEmptyBody, encodeEmptyBody, type EmptyBody } from './simple.js';

export const FLUSH_REQUEST_STRUCTURE_SIZE = 24;

// MS-SMB2 2.2.17 SMB2 FLUSH Request.
export interface FlushRequest {
  fileId: FileId;
}

// MS-SMB2 2.2.18 SMB2 FLUSH Response.
export type FlushResponse = EmptyBody;

export function encodeFlushRequest(w: Writer, req: FlushRequest): void {
  w.u16le(FLUSH_REQUEST_STRUCTURE_SIZE).u16le(0).u32le(0);
  writeFileId(w, req.fileId);
}

export function decodeFlushRequest(r: Reader): FlushRequest {
  expectStructureSize(r, FLUSH_REQUEST_STRUCTURE_SIZE, 'FLUSH request');
  r.skip(6);
  return { fileId: readFileId(r) };
}

export function encodeFlushResponse(w: Writer, _res: FlushResponse = {}): void {
  encodeEmptyBody(w);
}

export function decodeFlushResponse(r: Reader): FlushResponse {
  return decodeEmptyBody(r, 'FLUSH response');
}
