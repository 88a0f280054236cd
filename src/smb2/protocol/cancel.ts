import type { Reader, Writer } from '../../wire/index.js';
import { decodeEmptyBody, encodeEmptyBody, type EmptyBody } from './simple.js';

// MS-SMB2 2.2.30 SMB2 CANCEL Request (there is no CANCEL response).
export type CancelRequest = EmptyBody;

export function encodeCancelRequest(w: Writer, _req: CancelRequest = {}): void {
  encodeEmptyBody(w);
}

export function decodeCancelRequest(r: Reader): CancelRequest {
  return decodeEmptyBody(r, 'CANCEL request');
}
