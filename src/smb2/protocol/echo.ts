import type { Reader, Writer } from '../../wire/index.js';
import { decodeEmptyBody, encodeEmptyBody, type EmptyBody } from './simple.js';

// MS-SMB2 2.2.28 SMB2 ECHO Request.
export type EchoRequest = EmptyBody;
// MS-SMB2 2.2.29 SMB2 ECHO Response.
export type EchoResponse = EmptyBody;

export function encodeEchoRequest(w: Writer, _req: EchoRequest = {}): void {
  encodeEmptyBody(w);
}

export function decodeEchoRequest(r: Reader): EchoRequest {
  return decodeEmptyBody(r, 'ECHO request');
}

export function encodeEchoResponse(w: Writer, _res: EchoResponse = {}): void {
  encodeEmptyBody(w);
}

export function decodeEchoResponse(r: Reader): EchoResponse {
  return decodeEmptyBody(r, 'ECHO response');
}
