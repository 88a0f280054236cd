import { Reader, Writer } from '../../wire/index.js';
import { guidField, u16Field } from './body.js';

/** MS-SMB2 2.2.31 CtlCode values (MS-FSCC 2.3 for the FSCTL_ numbers). */
export const FsctlCode = {
  FSCTL_DFS_GET_REFERRALS: 0x00060194,
  FSCTL_DFS_GET_REFERRALS_EX: 0x000601b0,
  FSCTL_PIPE_PEEK: 0x0011400c,
  FSCTL_PIPE_WAIT: 0x00110018,
  FSCTL_PIPE_TRANSCEIVE: 0x0011c017,
  FSCTL_SRV_COPYCHUNK: 0x001440f2,
  FSCTL_SRV_COPYCHUNK_WRITE: 0x001480f2,
  FSCTL_SRV_ENUMERATE_SNAPSHOTS: 0x00144064,
  FSCTL_SRV_REQUEST_RESUME_KEY: 0x00140078,
  FSCTL_SRV_READ_HASH: 0x001441bb,
  FSCTL_LMR_REQUEST_RESILIENCY: 0x001401d4,
  FSCTL_QUERY_NETWORK_INTERFACE_INFO: 0x001401fc,
  FSCTL_VALIDATE_NEGOTIATE_INFO: 0x00140204,
  FSCTL_GET_REPARSE_POINT: 0x000900a8,
  FSCTL_SET_REPARSE_POINT: 0x000900a4,
  FSCTL_DELETE_REPARSE_POINT: 0x000900ac,
  FSCTL_CREATE_OR_GET_OBJECT_ID: 0x000900c0,
  FSCTL_SET_SPARSE: 0x000900c4,
  FSCTL_SET_ZERO_DATA: 0x000980c8,
  FSCTL_QUERY_ALLOCATED_RANGES: 0x000940cf,
  FSCTL_FILE_LEVEL_TRIM: 0x00098208,
  FSCTL_GET_INTEGRITY_INFORMATION: 0x0009027c,
  FSCTL_SET_INTEGRITY_INFORMATION: 0x0009c280,
  FSCTL_DUPLICATE_EXTENTS_TO_FILE: 0x00098344,
} as const;

// MS-SMB2 2.2.31.4 VALIDATE_NEGOTIATE_INFO Request.
export interface ValidateNegotiateInfoRequest {
  capabilities: number;
  guid: Buffer;
  securityMode: number;
  dialects: number[];
}

// MS-SMB2 2.2.32.6 VALIDATE_NEGOTIATE_INFO Response.
export interface ValidateNegotiateInfoResponse {
  capabilities: number;
  guid: Buffer;
  securityMode: number;
  dialect: number;
}

/** The IOCTL input buffer of FSCTL_VALIDATE_NEGOTIATE_INFO. */
export function encodeValidateNegotiateInfoRequest(req: ValidateNegotiateInfoRequest): Buffer {
  const w = new Writer(24 + 2 * req.dialects.length);
  w.u32le(req.capabilities).bytes(guidField(req.guid, 'Guid')).u16le(req.securityMode).u16le(u16Field(req.dialects.length, 'DialectCount'));
  for (const d of req.dialects) w.u16le(d);
  return w.finish();
}

export function decodeValidateNegotiateInfoRequest(input: Buffer): ValidateNegotiateInfoRequest {
  const r = new Reader(input);
  const capabilities = r.u32le();
  const guid = r.bytes(16);
  const securityMode = r.u16le();
  const count = r.u16le();
  const dialects: number[] = [];
  for (let i = 0; i < count; i++) dialects.push(r.u16le());
  return { capabilities, guid, securityMode, dialects };
}

/** The IOCTL output buffer of FSCTL_VALIDATE_NEGOTIATE_INFO. */
export function encodeValidateNegotiateInfoResponse(res: ValidateNegotiateInfoResponse): Buffer {
  const w = new Writer(24);
  w.u32le(res.capabilities).bytes(guidField(res.guid, 'Guid')).u16le(res.securityMode).u16le(res.dialect);
  return w.finish();
}

export function decodeValidateNegotiateInfoResponse(output: Buffer): ValidateNegotiateInfoResponse {
  const r = new Reader(output);
  const capabilities = r.u32le();
  const guid = r.bytes(16);
  const securityMode = r.u16le();
  return { capabilities, guid, securityMode, dialect: r.u16le() };
}
