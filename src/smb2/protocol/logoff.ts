import type { Reader, Writer } from '../../wire/index.js';
import { decodeEmptyBody, encodeEmptyBody, type EmptyBody } from './simple.js';

// MS-SMB2 2.2.7 SMB2 LOGOFF Request.
export type LogoffRequest = EmptyBody;
// MS-SMB2 2.2.8 SMB2 LOGOFF Response.
export type LogoffResponse = EmptyBody;

export function encodeLogoffRequest(w: Writer, _req: LogoffRequest = {}): void {
  encodeEmptyBody(w);
}

export function decodeLogoffRequest(r: Reader): LogoffRequest {
  return decodeEmptyBody(r, 'LOGOFF request');
}

export function encodeLogoffResponse(w: Writer, _res: LogoffResponse = {}): void {
  encodeEmptyBody(w);
}

export function decodeLogoffResponse(r: Reader): LogoffResponse {
  return decodeEmptyBody(r, 'LOGOFF response');
}
