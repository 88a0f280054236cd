import type { Smb2Request } from './connection.js';
import { Smb2Command, Smb2ImpersonationLevel, Smb2OplockLevel, Smb2ShareAccess } from './protocol/constants.js';
import { encodeCreateRequest, type CreateRequest } from './protocol/create.js';
import type { CreateRequestContext } from './protocol/create-contexts.js';
import { encodeCloseRequest, CloseFlags } from './protocol/close.js';
import { encodeReadRequest } from './protocol/read.js';
import { encodeWriteRequestHeaderOnly } from './protocol/write.js';
import { encodeFlushRequest } from './protocol/flush.js';
import { encodeQueryInfoRequest } from './protocol/query-info.js';
import { encodeSetInfoRequest } from './protocol/set-info.js';
import { encodeQueryDirectoryRequest } from './protocol/query-directory.js';
import { encodeLockRequest, type LockElement } from './protocol/lock.js';
import { encodeIoctlRequest } from './protocol/ioctl.js';
import { RELATED_FILE_ID, type FileId } from './protocol/fileid.js';

/** Builders of one request each, ready for Smb2Connection.send or a compound (MS-SMB2 2.2.x). */

/** Credits a payload of n bytes charges (MS-SMB2 3.1.5.2): one per 64 KiB. */
export function creditCharge(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 65536));
}

export interface CreateSpec {
  /** SMB path: relative to the share, separators already translated. */
  name: string;
  desiredAccess: number;
  disposition: number;
  options: number;
  fileAttributes?: number;
  shareAccess?: number;
  contexts?: CreateRequestContext[];
}

const SHARE_ALL = Smb2ShareAccess.FILE_SHARE_READ | Smb2ShareAccess.FILE_SHARE_WRITE | Smb2ShareAccess.FILE_SHARE_DELETE;

export function createRequest(spec: CreateSpec): Smb2Request {
  const req: CreateRequest = {
    securityFlags: 0,
    requestedOplockLevel: Smb2OplockLevel.NONE,
    impersonationLevel: Smb2ImpersonationLevel.Impersonation,
    smbCreateFlags: 0n,
    desiredAccess: spec.desiredAccess,
    fileAttributes: spec.fileAttributes ?? 0,
    shareAccess: spec.shareAccess ?? SHARE_ALL,
    createDisposition: spec.disposition,
    createOptions: spec.options,
    name: spec.name,
    createContexts: spec.contexts ?? [],
  };
  return { command: Smb2Command.CREATE, body: (w) => encodeCreateRequest(w, req) };
}

/** For the elements after a CREATE in a related compound. */
export const related = (r: Smb2Request): Smb2Request => ({ ...r, related: true });

export function closeRequest(fileId: FileId = RELATED_FILE_ID, postQuery = false): Smb2Request {
  return {
    command: Smb2Command.CLOSE,
    body: (w) => encodeCloseRequest(w, { flags: postQuery ? CloseFlags.SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB : 0, fileId }),
  };
}

export function readRequest(fileId: FileId, offset: number, length: number): Smb2Request {
  return {
    command: Smb2Command.READ,
    creditCharge: creditCharge(length),
    body: (w) =>
      encodeReadRequest(w, {
        padding: 0x50,
        flags: 0,
        length,
        offset: BigInt(offset),
        fileId,
        minimumCount: 0,
        channel: 0,
        remainingBytes: 0,
        readChannelInfo: Buffer.alloc(0),
      }),
  };
}

export function writeRequest(fileId: FileId, offset: number, data: Buffer): Smb2Request {
  return {
    command: Smb2Command.WRITE,
    creditCharge: creditCharge(data.length),
    body: (w) => encodeWriteRequestHeaderOnly(w, { offset: BigInt(offset), fileId, channel: 0, remainingBytes: 0, flags: 0, writeChannelInfo: Buffer.alloc(0) }, data.length),
    payload: data,
  };
}

export function flushRequest(fileId: FileId): Smb2Request {
  return { command: Smb2Command.FLUSH, body: (w) => encodeFlushRequest(w, { fileId }) };
}

export function queryInfoRequest(fileId: FileId, infoType: number, fileInfoClass: number, outputBufferLength: number, inputBuffer: Buffer = Buffer.alloc(0), additionalInformation = 0): Smb2Request {
  return {
    command: Smb2Command.QUERY_INFO,
    creditCharge: creditCharge(outputBufferLength),
    body: (w) => encodeQueryInfoRequest(w, { infoType, fileInfoClass, outputBufferLength, inputBuffer, additionalInformation, flags: 0, fileId }),
  };
}

export function setInfoRequest(fileId: FileId, infoType: number, fileInfoClass: number, buffer: Buffer, additionalInformation = 0): Smb2Request {
  return {
    command: Smb2Command.SET_INFO,
    creditCharge: creditCharge(buffer.length),
    body: (w) => encodeSetInfoRequest(w, { infoType, fileInfoClass, buffer, additionalInformation, fileId }),
  };
}

export function queryDirectoryRequest(fileId: FileId, fileInformationClass: number, flags: number, outputBufferLength: number, pattern = '*'): Smb2Request {
  return {
    command: Smb2Command.QUERY_DIRECTORY,
    creditCharge: creditCharge(outputBufferLength),
    body: (w) => encodeQueryDirectoryRequest(w, { fileInformationClass, flags, fileIndex: 0, fileId, fileName: pattern, outputBufferLength }),
  };
}

export function lockRequest(fileId: FileId, locks: LockElement[]): Smb2Request {
  return { command: Smb2Command.LOCK, body: (w) => encodeLockRequest(w, { lockSequenceNumber: 0, lockSequenceIndex: 0, fileId, locks }) };
}

export function ioctlRequest(fileId: FileId, ctlCode: number, input: Buffer, maxOutputResponse: number): Smb2Request {
  return {
    command: Smb2Command.IOCTL,
    creditCharge: creditCharge(Math.max(input.length, maxOutputResponse)),
    body: (w) => encodeIoctlRequest(w, { ctlCode, fileId, input, maxInputResponse: 0, output: Buffer.alloc(0), maxOutputResponse, flags: 1 /* SMB2_0_IOCTL_IS_FSCTL */ }),
  };
}
