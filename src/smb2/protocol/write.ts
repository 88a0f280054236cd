import type { Reader, Writer } from '../../wire/index.js';
import { bufferAt, expectStructureSize, padToStructureSize, u16Field } from './body.js';
import { readFileId, writeFileId, type FileId } from './fileid.js';

export const WRITE_REQUEST_STRUCTURE_SIZE = 49;
export const WRITE_RESPONSE_STRUCTURE_SIZE = 17;

/** MS-SMB2 2.2.21 Flags. */
export const WriteFlags = {
  SMB2_WRITEFLAG_WRITE_THROUGH: 0x00000001,
  SMB2_WRITEFLAG_WRITE_UNBUFFERED: 0x00000002,
} as const;

// MS-SMB2 2.2.21 SMB2 WRITE Request, without its data.
export interface WriteRequestFields {
  offset: bigint;
  fileId: FileId;
  channel: number;
  remainingBytes: number;
  flags: number;
  /** RDMA channel descriptors (placed before the data); empty for Channel NONE. */
  writeChannelInfo: Buffer;
}

// MS-SMB2 2.2.21 SMB2 WRITE Request.
export interface WriteRequest extends WriteRequestFields {
  /** Decoded: a view of the received message. */
  data: Buffer;
}

// MS-SMB2 2.2.22 SMB2 WRITE Response.
export interface WriteResponse {
  count: number;
  remaining: number;
}

/**
 * Everything but the data: Length says `length`, DataOffset points just past what this
 * writes, and the caller appends exactly `length` bytes there (encodeMessage's payload,
 * or encodeMessageChunks for a gather write). A 1 MiB write then costs at most one copy.
 */
export function encodeWriteRequestHeaderOnly(w: Writer, req: WriteRequestFields, length: number): void {
  const start = w.length;
  w.u16le(WRITE_REQUEST_STRUCTURE_SIZE);
  const dataOffsetAt = w.reserveU16le();
  w.u32le(length).u64le(req.offset);
  writeFileId(w, req.fileId);
  w.u32le(req.channel).u32le(req.remainingBytes);
  const infoOffsetAt = w.reserveU16le();
  w.u16le(u16Field(req.writeChannelInfo.length, 'WriteChannelInfoLength')).u32le(req.flags);
  if (req.writeChannelInfo.length > 0) {
    w.patchU16le(infoOffsetAt, w.length);
    w.bytes(req.writeChannelInfo);
  }
  w.patchU16le(dataOffsetAt, w.length);
  if (length === 0) padToStructureSize(w, start, WRITE_REQUEST_STRUCTURE_SIZE);
}

/** The whole request with the data copied into the Writer (one copy). */
export function encodeWriteRequest(w: Writer, req: WriteRequest): void {
  encodeWriteRequestHeaderOnly(w, req, req.data.length);
  w.bytes(req.data);
}

export function decodeWriteRequest(r: Reader): WriteRequest {
  expectStructureSize(r, WRITE_REQUEST_STRUCTURE_SIZE, 'WRITE request');
  const dataOffset = r.u16le();
  const length = r.u32le();
  const offset = r.u64le();
  const fileId = readFileId(r);
  const channel = r.u32le();
  const remainingBytes = r.u32le();
  const infoOffset = r.u16le();
  const infoLength = r.u16le();
  const flags = r.u32le();
  const writeChannelInfo = bufferAt(r, infoOffset, infoLength, 'WRITE WriteChannelInfo');
  const data = bufferAt(r, dataOffset, length, 'WRITE data');
  return { offset, fileId, channel, remainingBytes, flags, writeChannelInfo, data };
}

export function encodeWriteResponse(w: Writer, res: WriteResponse): void {
  w.u16le(WRITE_RESPONSE_STRUCTURE_SIZE).u16le(0).u32le(res.count).u32le(res.remaining).u16le(0).u16le(0);
}

export function decodeWriteResponse(r: Reader): WriteResponse {
  expectStructureSize(r, WRITE_RESPONSE_STRUCTURE_SIZE, 'WRITE response');
  r.skip(2);
  const count = r.u32le();
  const remaining = r.u32le();
  r.skip(4); // WriteChannelInfoOffset, WriteChannelInfoLength: reserved in responses
  return { count, remaining };
}
