import type { Reader, Writer } from '../../wire/index.js';
import { bufferAt, expectStructureSize, padToStructureSize, u16Field } from './body.js';
import { readFileId, writeFileId, type FileId } from './fileid.js';
import { SMB2_HEADER_SIZE } from './header.js';

export const READ_REQUEST_STRUCTURE_SIZE = 49;
export const READ_RESPONSE_STRUCTURE_SIZE = 17;
/** Header plus the 16 fixed bytes of a READ response: where Samba and Windows put the data. */
export const READ_RESPONSE_DATA_OFFSET = SMB2_HEADER_SIZE + 16;

/** MS-SMB2 2.2.19 Flags. */
export const ReadRequestFlags = {
  SMB2_READFLAG_READ_UNBUFFERED: 0x01,
  SMB2_READFLAG_REQUEST_COMPRESSED: 0x02,
} as const;

/** MS-SMB2 2.2.20 Flags. */
export const ReadResponseFlags = {
  SMB2_READFLAG_RESPONSE_NONE: 0x00000000,
  SMB2_READFLAG_RESPONSE_RDMA_TRANSFORM: 0x00000001,
} as const;

// MS-SMB2 2.2.19 SMB2 READ Request.
export interface ReadRequest {
  /** Where the server should place the data in its response, from the header (0x50 is usual). */
  padding: number;
  flags: number;
  length: number;
  offset: bigint;
  fileId: FileId;
  minimumCount: number;
  channel: number;
  remainingBytes: number;
  /** RDMA channel descriptors; empty for Channel NONE. */
  readChannelInfo: Buffer;
}

// MS-SMB2 2.2.20 SMB2 READ Response.
export interface ReadResponse {
  /** From the header; validated to lie after the fixed part of the response. */
  dataOffset: number;
  /** A view of the received message (no copy). */
  data: Buffer;
  dataRemaining: number;
  flags: number;
}

export function encodeReadRequest(w: Writer, req: ReadRequest): void {
  const start = w.length;
  w.u16le(READ_REQUEST_STRUCTURE_SIZE).u8(req.padding).u8(req.flags).u32le(req.length).u64le(req.offset);
  writeFileId(w, req.fileId);
  w.u32le(req.minimumCount).u32le(req.channel).u32le(req.remainingBytes);
  const infoOffsetAt = w.reserveU16le();
  w.u16le(u16Field(req.readChannelInfo.length, 'ReadChannelInfoLength'));
  if (req.readChannelInfo.length > 0) {
    w.patchU16le(infoOffsetAt, w.length);
    w.bytes(req.readChannelInfo);
  }
  padToStructureSize(w, start, READ_REQUEST_STRUCTURE_SIZE);
}

export function decodeReadRequest(r: Reader): ReadRequest {
  expectStructureSize(r, READ_REQUEST_STRUCTURE_SIZE, 'READ request');
  const padding = r.u8();
  const flags = r.u8();
  const length = r.u32le();
  const offset = r.u64le();
  const fileId = readFileId(r);
  const minimumCount = r.u32le();
  const channel = r.u32le();
  const remainingBytes = r.u32le();
  const infoOffset = r.u16le();
  const infoLength = r.u16le();
  const readChannelInfo = bufferAt(r, infoOffset, infoLength, 'READ ReadChannelInfo');
  return { padding, flags, length, offset, fileId, minimumCount, channel, remainingBytes, readChannelInfo };
}

/** Encodes the response with the data copied in at dataOffset (a test and replay helper; a server would gather-write). */
export function encodeReadResponse(w: Writer, res: ReadResponse): void {
  const start = w.length;
  const dataOffset = res.data.length === 0 ? res.dataOffset : Math.max(res.dataOffset, start + 16);
  if (dataOffset > 0xff) throw new RangeError(`READ DataOffset ${dataOffset} does not fit in 8 bits`);
  w.u16le(READ_RESPONSE_STRUCTURE_SIZE).u8(dataOffset).u8(0).u32le(res.data.length).u32le(res.dataRemaining).u32le(res.flags);
  if (res.data.length > 0) {
    w.zeros(dataOffset - w.length);
    w.bytes(res.data);
  }
  padToStructureSize(w, start, READ_RESPONSE_STRUCTURE_SIZE);
}

export function decodeReadResponse(r: Reader): ReadResponse {
  const start = r.pos;
  expectStructureSize(r, READ_RESPONSE_STRUCTURE_SIZE, 'READ response');
  const dataOffset = r.u8();
  r.skip(1);
  const dataLength = r.u32le();
  const dataRemaining = r.u32le();
  const flags = r.u32le();
  if (dataLength > 0 && dataOffset < start + 16) r.fail(`READ DataOffset ${dataOffset} overlaps the response structure`);
  const data = bufferAt(r, dataOffset, dataLength, 'READ data');
  return { dataOffset, data, dataRemaining, flags };
}
