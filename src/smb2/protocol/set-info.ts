import type { Reader, Writer } from '../../wire/index.js';
import { bufferAt, expectStructureSize, padToStructureSize } from './body.js';
import { readFileId, writeFileId, type FileId } from './fileid.js';

export const SET_INFO_REQUEST_STRUCTURE_SIZE = 33;
export const SET_INFO_RESPONSE_STRUCTURE_SIZE = 2;

// MS-SMB2 2.2.39 SMB2 SET_INFO Request.
export interface SetInfoRequest {
  infoType: number;
  fileInfoClass: number;
  /** The class's structure (MS-FSCC), encoded by the caller; decoded as a view. */
  buffer: Buffer;
  additionalInformation: number;
  fileId: FileId;
}

// MS-SMB2 2.2.40 SMB2 SET_INFO Response.
export type SetInfoResponse = Record<string, never>;

export function encodeSetInfoRequest(w: Writer, req: SetInfoRequest): void {
  const start = w.length;
  w.u16le(SET_INFO_REQUEST_STRUCTURE_SIZE).u8(req.infoType).u8(req.fileInfoClass).u32le(req.buffer.length);
  const offsetAt = w.reserveU16le();
  w.u16le(0).u32le(req.additionalInformation);
  writeFileId(w, req.fileId);
  w.patchU16le(offsetAt, w.length);
  w.bytes(req.buffer);
  padToStructureSize(w, start, SET_INFO_REQUEST_STRUCTURE_SIZE);
}

export function decodeSetInfoRequest(r: Reader): SetInfoRequest {
  expectStructureSize(r, SET_INFO_REQUEST_STRUCTURE_SIZE, 'SET_INFO request');
  const infoType = r.u8();
  const fileInfoClass = r.u8();
  const bufferLength = r.u32le();
  const bufferOffset = r.u16le();
  r.skip(2);
  const additionalInformation = r.u32le();
  const fileId = readFileId(r);
  const buffer = bufferAt(r, bufferOffset, bufferLength, 'SET_INFO Buffer');
  return { infoType, fileInfoClass, buffer, additionalInformation, fileId };
}

export function encodeSetInfoResponse(w: Writer, _res: SetInfoResponse = {}): void {
  w.u16le(SET_INFO_RESPONSE_STRUCTURE_SIZE);
}

export function decodeSetInfoResponse(r: Reader): SetInfoResponse {
  expectStructureSize(r, SET_INFO_RESPONSE_STRUCTURE_SIZE, 'SET_INFO response');
  return {};
}
