import type { Reader, Writer } from '../../wire/index.js';
import { bufferAt, expectStructureSize, padToStructureSize, u16Field } from './body.js';

export const SESSION_SETUP_REQUEST_STRUCTURE_SIZE = 25;
export const SESSION_SETUP_RESPONSE_STRUCTURE_SIZE = 9;

/** MS-SMB2 2.2.5 Flags. */
export const SessionSetupRequestFlags = { SMB2_SESSION_FLAG_BINDING: 0x01 } as const;

/** MS-SMB2 2.2.6 SessionFlags. */
export const SessionFlags = {
  SMB2_SESSION_FLAG_IS_GUEST: 0x0001,
  SMB2_SESSION_FLAG_IS_NULL: 0x0002,
  SMB2_SESSION_FLAG_ENCRYPT_DATA: 0x0004,
} as const;

// MS-SMB2 2.2.5 SMB2 SESSION_SETUP Request.
export interface SessionSetupRequest {
  flags: number;
  securityMode: number;
  capabilities: number;
  channel: number;
  /** The GSS token (SPNEGO). */
  securityBuffer: Buffer;
  previousSessionId: bigint;
}

// MS-SMB2 2.2.6 SMB2 SESSION_SETUP Response.
export interface SessionSetupResponse {
  sessionFlags: number;
  securityBuffer: Buffer;
}

export function encodeSessionSetupRequest(w: Writer, req: SessionSetupRequest): void {
  const start = w.length;
  w.u16le(SESSION_SETUP_REQUEST_STRUCTURE_SIZE).u8(req.flags).u8(req.securityMode).u32le(req.capabilities).u32le(req.channel);
  const offsetAt = w.reserveU16le();
  w.u16le(u16Field(req.securityBuffer.length, 'SecurityBufferLength')).u64le(req.previousSessionId);
  w.patchU16le(offsetAt, w.length);
  w.bytes(req.securityBuffer);
  padToStructureSize(w, start, SESSION_SETUP_REQUEST_STRUCTURE_SIZE);
}

export function decodeSessionSetupRequest(r: Reader): SessionSetupRequest {
  expectStructureSize(r, SESSION_SETUP_REQUEST_STRUCTURE_SIZE, 'SESSION_SETUP request');
  const flags = r.u8();
  const securityMode = r.u8();
  const capabilities = r.u32le();
  const channel = r.u32le();
  const offset = r.u16le();
  const length = r.u16le();
  const previousSessionId = r.u64le();
  const securityBuffer = bufferAt(r, offset, length, 'SESSION_SETUP SecurityBuffer');
  return { flags, securityMode, capabilities, channel, securityBuffer, previousSessionId };
}

export function encodeSessionSetupResponse(w: Writer, res: SessionSetupResponse): void {
  const start = w.length;
  w.u16le(SESSION_SETUP_RESPONSE_STRUCTURE_SIZE).u16le(res.sessionFlags);
  const offsetAt = w.reserveU16le();
  w.u16le(u16Field(res.securityBuffer.length, 'SecurityBufferLength'));
  w.patchU16le(offsetAt, w.length);
  w.bytes(res.securityBuffer);
  padToStructureSize(w, start, SESSION_SETUP_RESPONSE_STRUCTURE_SIZE);
}

export function decodeSessionSetupResponse(r: Reader): SessionSetupResponse {
  expectStructureSize(r, SESSION_SETUP_RESPONSE_STRUCTURE_SIZE, 'SESSION_SETUP response');
  const sessionFlags = r.u16le();
  const offset = r.u16le();
  const length = r.u16le();
  return { sessionFlags, securityBuffer: bufferAt(r, offset, length, 'SESSION_SETUP SecurityBuffer') };
}
