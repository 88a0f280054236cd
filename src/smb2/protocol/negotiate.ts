import type { Reader, Writer } from '../../wire/index.js';
import { bufferAt, expectStructureSize, guidField, padToStructureSize, u16Field } from './body.js';
import { Smb2Dialects } from './constants.js';
import { readNegotiateContexts, writeNegotiateContexts, type NegotiateContext } from './negotiate-contexts.js';

export const NEGOTIATE_REQUEST_STRUCTURE_SIZE = 36;
export const NEGOTIATE_RESPONSE_STRUCTURE_SIZE = 65;

// MS-SMB2 2.2.3 SMB2 NEGOTIATE Request.
export interface NegotiateRequest {
  securityMode: number;
  capabilities: number;
  /** 16 bytes. */
  clientGuid: Buffer;
  dialects: number[];
  /** Present on the wire (NegotiateContextOffset/Count) only when dialects include 3.1.1. */
  negotiateContexts: NegotiateContext[];
}

// MS-SMB2 2.2.4 SMB2 NEGOTIATE Response.
export interface NegotiateResponse {
  securityMode: number;
  dialectRevision: number;
  serverGuid: Buffer;
  capabilities: number;
  maxTransactSize: number;
  maxReadSize: number;
  maxWriteSize: number;
  /** FILETIME. */
  systemTime: bigint;
  /** FILETIME. */
  serverStartTime: bigint;
  securityBuffer: Buffer;
  /** Only with DialectRevision 3.1.1. */
  negotiateContexts: NegotiateContext[];
}

export function encodeNegotiateRequest(w: Writer, req: NegotiateRequest): void {
  const start = w.length;
  const withContexts = req.dialects.includes(Smb2Dialects.SMB_3_1_1) && req.negotiateContexts.length > 0;
  w.u16le(NEGOTIATE_REQUEST_STRUCTURE_SIZE).u16le(u16Field(req.dialects.length, 'DialectCount'));
  w.u16le(req.securityMode).u16le(0).u32le(req.capabilities).bytes(guidField(req.clientGuid, 'ClientGuid'));
  const contextOffsetAt = w.reserveU32le(); // NegotiateContextOffset, or the low half of ClientStartTime
  w.u16le(withContexts ? u16Field(req.negotiateContexts.length, 'NegotiateContextCount') : 0).u16le(0);
  for (const d of req.dialects) w.u16le(d);
  if (withContexts) {
    w.align(8);
    w.patchU32le(contextOffsetAt, w.length);
    writeNegotiateContexts(w, req.negotiateContexts);
  }
  padToStructureSize(w, start, NEGOTIATE_REQUEST_STRUCTURE_SIZE);
}

export function decodeNegotiateRequest(r: Reader): NegotiateRequest {
  expectStructureSize(r, NEGOTIATE_REQUEST_STRUCTURE_SIZE, 'NEGOTIATE request');
  const dialectCount = r.u16le();
  const securityMode = r.u16le();
  r.skip(2);
  const capabilities = r.u32le();
  const clientGuid = r.bytes(16);
  const negotiateContextOffset = r.u32le();
  const negotiateContextCount = r.u16le();
  r.skip(2);
  const dialects: number[] = [];
  for (let i = 0; i < dialectCount; i++) dialects.push(r.u16le());
  const negotiateContexts = dialects.includes(Smb2Dialects.SMB_3_1_1) ? readNegotiateContexts(r, negotiateContextOffset, negotiateContextCount) : [];
  return { securityMode, capabilities, clientGuid, dialects, negotiateContexts };
}

export function encodeNegotiateResponse(w: Writer, res: NegotiateResponse): void {
  const start = w.length;
  const withContexts = res.dialectRevision === Smb2Dialects.SMB_3_1_1 && res.negotiateContexts.length > 0;
  w.u16le(NEGOTIATE_RESPONSE_STRUCTURE_SIZE).u16le(res.securityMode).u16le(res.dialectRevision);
  w.u16le(withContexts ? u16Field(res.negotiateContexts.length, 'NegotiateContextCount') : 0);
  w.bytes(guidField(res.serverGuid, 'ServerGuid')).u32le(res.capabilities);
  w.u32le(res.maxTransactSize).u32le(res.maxReadSize).u32le(res.maxWriteSize);
  w.u64le(res.systemTime).u64le(res.serverStartTime);
  const securityOffsetAt = w.reserveU16le();
  w.u16le(u16Field(res.securityBuffer.length, 'SecurityBufferLength'));
  const contextOffsetAt = w.reserveU32le();
  w.patchU16le(securityOffsetAt, w.length);
  w.bytes(res.securityBuffer);
  if (withContexts) {
    w.align(8);
    w.patchU32le(contextOffsetAt, w.length);
    writeNegotiateContexts(w, res.negotiateContexts);
  }
  padToStructureSize(w, start, NEGOTIATE_RESPONSE_STRUCTURE_SIZE);
}

export function decodeNegotiateResponse(r: Reader): NegotiateResponse {
  expectStructureSize(r, NEGOTIATE_RESPONSE_STRUCTURE_SIZE, 'NEGOTIATE response');
  const securityMode = r.u16le();
  const dialectRevision = r.u16le();
  const negotiateContextCount = r.u16le();
  const serverGuid = r.bytes(16);
  const capabilities = r.u32le();
  const maxTransactSize = r.u32le();
  const maxReadSize = r.u32le();
  const maxWriteSize = r.u32le();
  const systemTime = r.u64le();
  const serverStartTime = r.u64le();
  const securityBufferOffset = r.u16le();
  const securityBufferLength = r.u16le();
  const negotiateContextOffset = r.u32le();
  const securityBuffer = bufferAt(r, securityBufferOffset, securityBufferLength, 'NEGOTIATE SecurityBuffer');
  const negotiateContexts = dialectRevision === Smb2Dialects.SMB_3_1_1 ? readNegotiateContexts(r, negotiateContextOffset, negotiateContextCount) : [];
  return {
    securityMode,
    dialectRevision,
    serverGuid,
    capabilities,
    maxTransactSize,
    maxReadSize,
    maxWriteSize,
    systemTime,
    serverStartTime,
    securityBuffer,
    negotiateContexts,
  };
}
