import { Reader, Writer } from '../../wire/index.js';
import { expectStructureSize, padToStructureSize } from './body.js';
import { Smb2FramingStatus } from './status.js';

// MS-SMB2 2.2.2 SMB2 ERROR Response.
export const ERROR_RESPONSE_STRUCTURE_SIZE = 9;

/** MS-SMB2 2.2.2.1 ErrorId. */
export const Smb2ErrorId = {
  SMB2_ERROR_ID_DEFAULT: 0x00000000,
  SMB2_ERROR_ID_SHARE_REDIRECT: 0x72645253,
} as const;

/** MS-SMB2 2.2.2.1 SMB2 ERROR Context Response. */
export interface ErrorContext {
  errorId: number;
  errorContextData: Buffer;
}

/** MS-SMB2 2.2.2.2.1 Symbolic Link Error Response (the fields after SymLinkLength/SymLinkErrorTag/ReparseTag). */
export interface SymbolicLinkErrorResponse {
  unparsedPathLength: number;
  substituteName: string;
  printName: string;
  flags: number;
}

/** MS-SMB2 2.2.2.2.1 Flags. */
export const SymbolicLinkFlags = {
  SYMLINK_FLAG_RELATIVE: 0x00000001,
} as const;
/** MS-SMB2 2.2.2.2.1 SymLinkErrorTag: 'SYML'. */
export const SYMLINK_ERROR_TAG = 0x4c4d5953;
/** MS-FSCC 2.1.2.1 IO_REPARSE_TAG_SYMLINK. */
export const IO_REPARSE_TAG_SYMLINK = 0xa000000c;

export interface ErrorResponse {
  errorContextCount: number;
  /** The raw ErrorData (ByteCount bytes; the 1-byte pad of an empty ErrorData is not included). */
  errorData: Buffer;
  /** Decoded when ErrorContextCount > 0 (SMB 3.1.1). */
  errorContexts?: ErrorContext[];
  /** Decoded when the status is STATUS_STOPPED_ON_SYMLINK. */
  symbolicLink?: SymbolicLinkErrorResponse;
  /** Decoded when the status is STATUS_BUFFER_TOO_SMALL: the minimum buffer length (2.2.2.2). */
  requiredBufferLength?: number;
}

/** Encodes the body; only errorContextCount and errorData are written (the decoded views are ignored). */
export function encodeErrorResponse(w: Writer, res: Pick<ErrorResponse, 'errorContextCount' | 'errorData'>): void {
  const start = w.length;
  w.u16le(ERROR_RESPONSE_STRUCTURE_SIZE).u8(res.errorContextCount).u8(0).u32le(res.errorData.length).bytes(res.errorData);
  padToStructureSize(w, start, ERROR_RESPONSE_STRUCTURE_SIZE);
}

/**
 * Decodes the body. With the header's status, also decodes the ErrorData that status
 * defines (2.2.2.2): the symbolic link response, or the required buffer length.
 */
export function decodeErrorResponse(r: Reader, status?: number): ErrorResponse {
  expectStructureSize(r, ERROR_RESPONSE_STRUCTURE_SIZE, 'ERROR response');
  const errorContextCount = r.u8();
  r.skip(1);
  const byteCount = r.u32le();
  const errorData = r.bytes(byteCount);
  const res: ErrorResponse = { errorContextCount, errorData };
  const dataReader = new Reader(errorData);
  let payload = errorData;
  if (errorContextCount > 0) {
    res.errorContexts = decodeErrorContexts(dataReader, errorContextCount);
    const first = res.errorContexts.find((c) => c.errorId === Smb2ErrorId.SMB2_ERROR_ID_DEFAULT);
    payload = first ? first.errorContextData : Buffer.alloc(0);
  }
  if (status === Smb2FramingStatus.STATUS_STOPPED_ON_SYMLINK && payload.length > 0) {
    res.symbolicLink = decodeSymbolicLinkErrorResponse(new Reader(payload));
  } else if (status === Smb2FramingStatus.STATUS_BUFFER_TOO_SMALL && payload.length >= 4) {
    res.requiredBufferLength = new Reader(payload).u32le();
  }
  return res;
}

/** MS-SMB2 2.2.2.1: ErrorContextCount contexts, each 8-byte aligned. */
export function decodeErrorContexts(r: Reader, count: number): ErrorContext[] {
  const contexts: ErrorContext[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) r.align(8);
    const errorDataLength = r.u32le();
    const errorId = r.u32le();
    contexts.push({ errorId, errorContextData: r.bytes(errorDataLength) });
  }
  return contexts;
}

/** The ErrorData of a 3.1.1 ERROR response carrying contexts. */
export function encodeErrorContexts(contexts: readonly ErrorContext[]): Buffer {
  const w = new Writer(contexts.reduce((n, c) => n + 16 + c.errorContextData.length, 0));
  contexts.forEach((c, i) => {
    if (i > 0) w.align(8);
    w.u32le(c.errorContextData.length).u32le(c.errorId).bytes(c.errorContextData);
  });
  return w.finish();
}

const SYMLINK_FIXED = 28;

export function decodeSymbolicLinkErrorResponse(r: Reader): SymbolicLinkErrorResponse {
  const symLinkLength = r.u32le();
  const body = r.sub(symLinkLength);
  const tag = body.u32le();
  if (tag !== SYMLINK_ERROR_TAG) body.fail(`SymLinkErrorTag 0x${tag.toString(16)}, expected 'SYML'`);
  const reparseTag = body.u32le();
  if (reparseTag !== IO_REPARSE_TAG_SYMLINK) body.fail(`ReparseTag 0x${reparseTag.toString(16)}, expected IO_REPARSE_TAG_SYMLINK`);
  body.skip(2); // ReparseDataLength
  const unparsedPathLength = body.u16le();
  const substituteNameOffset = body.u16le();
  const substituteNameLength = body.u16le();
  const printNameOffset = body.u16le();
  const printNameLength = body.u16le();
  const flags = body.u32le();
  const pathBuffer = body.at(SYMLINK_FIXED - 4, body.length - (SYMLINK_FIXED - 4));
  const substituteName = pathBuffer.at(substituteNameOffset, substituteNameLength).utf16le(substituteNameLength);
  const printName = pathBuffer.at(printNameOffset, printNameLength).utf16le(printNameLength);
  return { unparsedPathLength, substituteName, printName, flags };
}

/** MS-SMB2 2.2.2.2.1 laid out as Windows does: SubstituteName, then PrintName. */
export function encodeSymbolicLinkErrorResponse(s: SymbolicLinkErrorResponse): Buffer {
  const sub = Buffer.from(s.substituteName, 'utf16le');
  const print = Buffer.from(s.printName, 'utf16le');
  const pathLength = sub.length + print.length;
  const w = new Writer(SYMLINK_FIXED + pathLength);
  w.u32le(SYMLINK_FIXED - 4 + pathLength).u32le(SYMLINK_ERROR_TAG).u32le(IO_REPARSE_TAG_SYMLINK);
  w.u16le(12 + pathLength); // ReparseDataLength: from UnparsedPathLength to the end
  w.u16le(s.unparsedPathLength).u16le(0).u16le(sub.length).u16le(sub.length).u16le(print.length).u32le(s.flags);
  w.bytes(sub).bytes(print);
  return w.finish();
}
