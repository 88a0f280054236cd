import type { Reader, Writer } from '../../wire/index.js';
import { expectStructureSize } from './body.js';
import { readFileId, writeFileId, type FileId } from './fileid.js';
import { decodeOutputBufferResponse, encodeOutputBufferResponse, type OutputBufferResponse } from './output-buffer.js';

export const CHANGE_NOTIFY_REQUEST_STRUCTURE_SIZE = 32;

/** MS-SMB2 2.2.35 Flags. */
export const ChangeNotifyFlags = { SMB2_WATCH_TREE: 0x0001 } as const;

/** MS-SMB2 2.2.35 CompletionFilter. */
export const CompletionFilter = {
  FILE_NOTIFY_CHANGE_FILE_NAME: 0x00000001,
  FILE_NOTIFY_CHANGE_DIR_NAME: 0x00000002,
  FILE_NOTIFY_CHANGE_ATTRIBUTES: 0x00000004,
  FILE_NOTIFY_CHANGE_SIZE: 0x00000008,
  FILE_NOTIFY_CHANGE_LAST_WRITE: 0x00000010,
  FILE_NOTIFY_CHANGE_LAST_ACCESS: 0x00000020,
  FILE_NOTIFY_CHANGE_CREATION: 0x00000040,
  FILE_NOTIFY_CHANGE_EA: 0x00000080,
  FILE_NOTIFY_CHANGE_SECURITY: 0x00000100,
  FILE_NOTIFY_CHANGE_STREAM_NAME: 0x00000200,
  FILE_NOTIFY_CHANGE_STREAM_SIZE: 0x00000400,
  FILE_NOTIFY_CHANGE_STREAM_WRITE: 0x00000800,
} as const;

// MS-SMB2 2.2.35 SMB2 CHANGE_NOTIFY Request.
export interface ChangeNotifyRequest {
  flags: number;
  outputBufferLength: number;
  fileId: FileId;
  completionFilter: number;
}

// MS-SMB2 2.2.36 SMB2 CHANGE_NOTIFY Response: OutputBuffer holds FILE_NOTIFY_INFORMATION entries (MS-FSCC 2.7.1).
export type ChangeNotifyResponse = OutputBufferResponse;

export function encodeChangeNotifyRequest(w: Writer, req: ChangeNotifyRequest): void {
  w.u16le(CHANGE_NOTIFY_REQUEST_STRUCTURE_SIZE).u16le(req.flags).u32le(req.outputBufferLength);
  writeFileId(w, req.fileId);
  w.u32le(req.completionFilter).u32le(0);
}

export function decodeChangeNotifyRequest(r: Reader): ChangeNotifyRequest {
  expectStructureSize(r, CHANGE_NOTIFY_REQUEST_STRUCTURE_SIZE, 'CHANGE_NOTIFY request');
  const flags = r.u16le();
  const outputBufferLength = r.u32le();
  const fileId = readFileId(r);
  const completionFilter = r.u32le();
  r.skip(4);
  return { flags, outputBufferLength, fileId, completionFilter };
}

export function encodeChangeNotifyResponse(w: Writer, res: ChangeNotifyResponse): void {
  encodeOutputBufferResponse(w, res);
}

export function decodeChangeNotifyResponse(r: Reader): ChangeNotifyResponse {
  return decodeOutputBufferResponse(r, 'CHANGE_NOTIFY response');
}
