import type { Reader, Writer } from '../../wire/index.js';
import { bufferAt, expectStructureSize, padToStructureSize } from './body.js';
import { readFileId, writeFileId, type FileId } from './fileid.js';

export const IOCTL_REQUEST_STRUCTURE_SIZE = 57;
export const IOCTL_RESPONSE_STRUCTURE_SIZE = 49;

/** MS-SMB2 2.2.31 Flags. */
export const IoctlFlags = {
  SMB2_0_IOCTL_IS_IOCTL: 0x00000000,
  SMB2_0_IOCTL_IS_FSCTL: 0x00000001,
} as const;

// MS-SMB2 2.2.31 SMB2 IOCTL Request.
export interface IoctlRequest {
  ctlCode: number;
  fileId: FileId;
  input: Buffer;
  maxInputResponse: number;
  output: Buffer;
  maxOutputResponse: number;
  flags: number;
}

// MS-SMB2 2.2.32 SMB2 IOCTL Response.
export interface IoctlResponse {
  ctlCode: number;
  fileId: FileId;
  /** Views of the received message. */
  input: Buffer;
  output: Buffer;
  flags: number;
}

export function encodeIoctlRequest(w: Writer, req: IoctlRequest): void {
  const start = w.length;
  w.u16le(IOCTL_REQUEST_STRUCTURE_SIZE).u16le(0).u32le(req.ctlCode);
  writeFileId(w, req.fileId);
  const inputOffsetAt = w.reserveU32le();
  w.u32le(req.input.length).u32le(req.maxInputResponse);
  const outputOffsetAt = w.reserveU32le();
  w.u32le(req.output.length).u32le(req.maxOutputResponse).u32le(req.flags).u32le(0);
  const bufferStart = w.length;
  w.patchU32le(inputOffsetAt, bufferStart);
  w.bytes(req.input);
  if (req.output.length > 0) {
    w.align(8);
    w.patchU32le(outputOffsetAt, w.length);
    w.bytes(req.output);
  } else {
    w.patchU32le(outputOffsetAt, bufferStart); // as Samba: an empty output buffer points at the Buffer field
  }
  padToStructureSize(w, start, IOCTL_REQUEST_STRUCTURE_SIZE);
}

export function decodeIoctlRequest(r: Reader): IoctlRequest {
  expectStructureSize(r, IOCTL_REQUEST_STRUCTURE_SIZE, 'IOCTL request');
  r.skip(2);
  const ctlCode = r.u32le();
  const fileId = readFileId(r);
  const inputOffset = r.u32le();
  const inputCount = r.u32le();
  const maxInputResponse = r.u32le();
  const outputOffset = r.u32le();
  const outputCount = r.u32le();
  const maxOutputResponse = r.u32le();
  const flags = r.u32le();
  const input = bufferAt(r, inputOffset, inputCount, 'IOCTL input');
  const output = bufferAt(r, outputOffset, outputCount, 'IOCTL output');
  return { ctlCode, fileId, input, maxInputResponse, output, maxOutputResponse, flags };
}

export function encodeIoctlResponse(w: Writer, res: IoctlResponse): void {
  const start = w.length;
  w.u16le(IOCTL_RESPONSE_STRUCTURE_SIZE).u16le(0).u32le(res.ctlCode);
  writeFileId(w, res.fileId);
  const inputOffsetAt = w.reserveU32le();
  w.u32le(res.input.length);
  const outputOffsetAt = w.reserveU32le();
  w.u32le(res.output.length).u32le(res.flags).u32le(0);
  w.patchU32le(inputOffsetAt, w.length);
  w.bytes(res.input);
  if (res.input.length > 0) w.align(8);
  w.patchU32le(outputOffsetAt, w.length);
  w.bytes(res.output);
  padToStructureSize(w, start, IOCTL_RESPONSE_STRUCTURE_SIZE);
}

export function decodeIoctlResponse(r: Reader): IoctlResponse {
  expectStructureSize(r, IOCTL_RESPONSE_STRUCTURE_SIZE, 'IOCTL response');
  r.skip(2);
  const ctlCode = r.u32le();
  const fileId = readFileId(r);
  const inputOffset = r.u32le();
  const inputCount = r.u32le();
  const outputOffset = r.u32le();
  const outputCount = r.u32le();
  const flags = r.u32le();
  const input = bufferAt(r, inputOffset, inputCount, 'IOCTL input');
  const output = bufferAt(r, outputOffset, outputCount, 'IOCTL output');
  return { ctlCode, fileId, input, output, flags };
}
