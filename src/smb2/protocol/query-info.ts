import { Reader, Writer } from '../../wire/index.js';
import { bufferAt, expectStructureSize, padToStructureSize } from './body.js';
import { readFileId, writeFileId, type FileId } from './fileid.js';
import { decodeOutputBufferResponse, encodeOutputBufferResponse, type OutputBufferResponse } from './output-buffer.js';

export const QUERY_INFO_REQUEST_STRUCTURE_SIZE = 41;

// MS-SMB2 2.2.37 SMB2 QUERY_INFO Request.
export interface QueryInfoRequest {
  infoType: number;
  fileInfoClass: number;
  outputBufferLength: number;
  /** FILE_GET_EA_INFORMATION list (smb-common encodeFileGetEaInformation) or SMB2_QUERY_QUOTA_INFO (quota); usually empty. */
  inputBuffer: Buffer;
  additionalInformation: number;
  flags: number;
  fileId: FileId;
}

// MS-SMB2 2.2.38 SMB2 QUERY_INFO Response: OutputBuffer holds the class's structure (decoded in smb-common).
export type QueryInfoResponse = OutputBufferResponse;

export function encodeQueryInfoRequest(w: Writer, req: QueryInfoRequest): void {
  const start = w.length;
  w.u16le(QUERY_INFO_REQUEST_STRUCTURE_SIZE).u8(req.infoType).u8(req.fileInfoClass).u32le(req.outputBufferLength);
  const inputOffsetAt = w.reserveU16le();
  w.u16le(0).u32le(req.inputBuffer.length).u32le(req.additionalInformation).u32le(req.flags);
  writeFileId(w, req.fileId);
  if (req.inputBuffer.length > 0) {
    w.patchU16le(inputOffsetAt, w.length);
    w.bytes(req.inputBuffer);
  }
  padToStructureSize(w, start, QUERY_INFO_REQUEST_STRUCTURE_SIZE);
}

export function decodeQueryInfoRequest(r: Reader): QueryInfoRequest {
  expectStructureSize(r, QUERY_INFO_REQUEST_STRUCTURE_SIZE, 'QUERY_INFO request');
  const infoType = r.u8();
  const fileInfoClass = r.u8();
  const outputBufferLength = r.u32le();
  const inputOffset = r.u16le();
  r.skip(2);
  const inputLength = r.u32le();
  const additionalInformation = r.u32le();
  const flags = r.u32le();
  const fileId = readFileId(r);
  const inputBuffer = bufferAt(r, inputOffset, inputLength, 'QUERY_INFO InputBuffer');
  return { infoType, fileInfoClass, outputBufferLength, inputBuffer, additionalInformation, flags, fileId };
}

export function encodeQueryInfoResponse(w: Writer, res: QueryInfoResponse): void {
  encodeOutputBufferResponse(w, res);
}

export function decodeQueryInfoResponse(r: Reader): QueryInfoResponse {
  return decodeOutputBufferResponse(r, 'QUERY_INFO response');
}

// MS-SMB2 2.2.37.1 SMB2_QUERY_QUOTA_INFO.
export interface QueryQuotaInfo {
  returnSingle: boolean;
  restartScan: boolean;
  /** FILE_GET_QUOTA_INFORMATION list (MS-FSCC 2.4.41.1), raw. */
  sidList: Buffer;
  /** A SID to start the scan from, raw; empty when sidList is used. */
  startSid: Buffer;
}

export function encodeQueryQuotaInfo(q: QueryQuotaInfo): Buffer {
  const w = new Writer(16 + q.sidList.length + q.startSid.length);
  w.u8(q.returnSingle ? 1 : 0).u8(q.restartScan ? 1 : 0).u16le(0);
  w.u32le(q.sidList.length).u32le(q.startSid.length).u32le(0);
  w.bytes(q.sidList).bytes(q.startSid);
  return w.finish();
}

export function decodeQueryQuotaInfo(input: Buffer): QueryQuotaInfo {
  const r = new Reader(input);
  const returnSingle = r.u8() !== 0;
  const restartScan = r.u8() !== 0;
  r.skip(2);
  const sidListLength = r.u32le();
  const startSidLength = r.u32le();
  const startSidOffset = r.u32le();
  const sids = r.at(r.pos, r.remaining);
  const sidList = sids.slice(0, sidListLength);
  const startSid = startSidLength === 0 ? sids.slice(0, 0) : sids.slice(startSidOffset, startSidLength);
  return { returnSingle, restartScan, sidList, startSid };
}
