import type { Reader, Writer } from '../../wire/index.js';
import { expectStructureSize, padToStructureSize, u16Field, utf16At } from './body.js';
import {
  decodeCreateRequestContext,
  decodeCreateResponseContext,
  encodeCreateRequestContext,
  encodeCreateResponseContext,
  readCreateContexts,
  writeCreateContexts,
  type CreateRequestContext,
  type CreateResponseContext,
} from './create-contexts.js';
import { readFileId, writeFileId, type FileId } from './fileid.js';

export const CREATE_REQUEST_STRUCTURE_SIZE = 57;
export const CREATE_RESPONSE_STRUCTURE_SIZE = 89;

/** MS-SMB2 2.2.14 Flags. */
export const CreateResponseFlags = { SMB2_CREATE_FLAG_REPARSEPOINT: 0x01 } as const;

// MS-SMB2 2.2.13 SMB2 CREATE Request.
export interface CreateRequest {
  securityFlags: number;
  requestedOplockLevel: number;
  impersonationLevel: number;
  smbCreateFlags: bigint;
  desiredAccess: number;
  fileAttributes: number;
  shareAccess: number;
  createDisposition: number;
  createOptions: number;
  /** Relative to the share root, backslash-separated, no leading backslash. */
  name: string;
  createContexts: CreateRequestContext[];
}

// MS-SMB2 2.2.14 SMB2 CREATE Response.
export interface CreateResponse {
  oplockLevel: number;
  flags: number;
  createAction: number;
  creationTime: bigint;
  lastAccessTime: bigint;
  lastWriteTime: bigint;
  changeTime: bigint;
  allocationSize: bigint;
  endOfFile: bigint;
  fileAttributes: number;
  fileId: FileId;
  createContexts: CreateResponseContext[];
}

export function encodeCreateRequest(w: Writer, req: CreateRequest): void {
  const start = w.length;
  const name = Buffer.from(req.name, 'utf16le');
  w.u16le(CREATE_REQUEST_STRUCTURE_SIZE).u8(req.securityFlags).u8(req.requestedOplockLevel).u32le(req.impersonationLevel);
  w.u64le(req.smbCreateFlags).u64le(0);
  w.u32le(req.desiredAccess).u32le(req.fileAttributes).u32le(req.shareAccess).u32le(req.createDisposition).u32le(req.createOptions);
  const nameOffsetAt = w.reserveU16le();
  w.u16le(u16Field(name.length, 'NameLength'));
  const contextsOffsetAt = w.reserveU32le();
  const contextsLengthAt = w.reserveU32le();
  w.patchU16le(nameOffsetAt, w.length);
  w.bytes(name);
  if (req.createContexts.length > 0) {
    w.align(8);
    w.patchU32le(contextsOffsetAt, w.length);
    w.patchU32le(contextsLengthAt, writeCreateContexts(w, req.createContexts.map(encodeCreateRequestContext)));
  }
  padToStructureSize(w, start, CREATE_REQUEST_STRUCTURE_SIZE);
}

export function decodeCreateRequest(r: Reader): CreateRequest {
  expectStructureSize(r, CREATE_REQUEST_STRUCTURE_SIZE, 'CREATE request');
  const securityFlags = r.u8();
  const requestedOplockLevel = r.u8();
  const impersonationLevel = r.u32le();
  const smbCreateFlags = r.u64le();
  r.skip(8);
  const desiredAccess = r.u32le();
  const fileAttributes = r.u32le();
  const shareAccess = r.u32le();
  const createDisposition = r.u32le();
  const createOptions = r.u32le();
  const nameOffset = r.u16le();
  const nameLength = r.u16le();
  const createContextsOffset = r.u32le();
  const createContextsLength = r.u32le();
  const name = utf16At(r, nameOffset, nameLength, 'CREATE Name');
  const createContexts = createContextsLength === 0 ? [] : readCreateContexts(r, createContextsOffset, createContextsLength).map(decodeCreateRequestContext);
  return {
    securityFlags,
    requestedOplockLevel,
    impersonationLevel,
    smbCreateFlags,
    desiredAccess,
    fileAttributes,
    shareAccess,
    createDisposition,
    createOptions,
    name,
    createContexts,
  };
}

export function encodeCreateResponse(w: Writer, res: CreateResponse): void {
  const start = w.length;
  w.u16le(CREATE_RESPONSE_STRUCTURE_SIZE).u8(res.oplockLevel).u8(res.flags).u32le(res.createAction);
  w.u64le(res.creationTime).u64le(res.lastAccessTime).u64le(res.lastWriteTime).u64le(res.changeTime);
  w.u64le(res.allocationSize).u64le(res.endOfFile).u32le(res.fileAttributes).u32le(0);
  writeFileId(w, res.fileId);
  const contextsOffsetAt = w.reserveU32le();
  const contextsLengthAt = w.reserveU32le();
  if (res.createContexts.length > 0) {
    w.align(8);
    w.patchU32le(contextsOffsetAt, w.length);
    w.patchU32le(contextsLengthAt, writeCreateContexts(w, res.createContexts.map(encodeCreateResponseContext)));
  }
  padToStructureSize(w, start, CREATE_RESPONSE_STRUCTURE_SIZE);
}

export function decodeCreateResponse(r: Reader): CreateResponse {
  expectStructureSize(r, CREATE_RESPONSE_STRUCTURE_SIZE, 'CREATE response');
  const oplockLevel = r.u8();
  const flags = r.u8();
  const createAction = r.u32le();
  const creationTime = r.u64le();
  const lastAccessTime = r.u64le();
  const lastWriteTime = r.u64le();
  const changeTime = r.u64le();
  const allocationSize = r.u64le();
  const endOfFile = r.u64le();
  const fileAttributes = r.u32le();
  r.skip(4);
  const fileId = readFileId(r);
  const createContextsOffset = r.u32le();
  const createContextsLength = r.u32le();
  const createContexts = createContextsLength === 0 ? [] : readCreateContexts(r, createContextsOffset, createContextsLength).map(decodeCreateResponseContext);
  return {
    oplockLevel,
    flags,
    createAction,
    creationTime,
    lastAccessTime,
    lastWriteTime,
    changeTime,
    allocationSize,
    endOfFile,
    fileAttributes,
    fileId,
    createContexts,
  };
}
