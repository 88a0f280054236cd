import type { Reader, Writer } from '../../wire/index.js';
import { decodeEmptyBody, encodeEmptyBody, type EmptyBody } from './simple.js';

// MS-SMB2 2.2.11 SMB2 TREE_DISCONNECT Request.
export type TreeDisconnectRequest = EmptyBody;
// MS-SMB2 2.2.12 SMB2 TREE_DISCONNECT Response.
export type TreeDisconnectResponse = EmptyBody;

export function encodeTreeDisconnectRequest(w: Writer, _req: TreeDisconnectRequest = {}): void {
  encodeEmptyBody(w);
}

export function decodeTreeDisconnectRequest(r: Reader): TreeDisconnectRequest {
  return decodeEmptyBody(r, 'TREE_DISCONNECT request');
}

export function encodeTreeDisconnectResponse(w: Writer, _res: TreeDisconnectResponse = {}): void {
  encodeEmptyBody(w);
}

export function decodeTreeDisconnectResponse(r: Reader): TreeDisconnectResponse {
  return decodeEmptyBody(r, 'TREE_DISCONNECT response');
}
