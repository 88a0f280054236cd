import { describe, expect, it } from 'vitest';
import { DecodeError, Reader } from '../../../../src/wire/index.js';
import {
  decodeErrorResponse,
  decodeSymbolicLinkErrorResponse,
  encodeErrorResponse,
  encodeSymbolicLinkErrorResponse,
  Smb2FramingStatus,
  SymbolicLinkFlags,
} from '../../../../src/smb2/protocol/index.js';
import { bodyOf, elementOf } from './element.js';
import { hex } from './hex.js';

// MS-SMB2 2.2.2 carrying a 2.2.2.2.1 Symbolic Link Error Response for "link\rest" -> "..\target".
const SYMLINK_ERROR = hex(
  '0900', // StructureSize 9
  '00', // ErrorContextCount 0
  '00', // Reserved
  '40000000', // ByteCount 64
  '3c000000', // SymLinkLength 60
  '53594d4c', // SymLinkErrorTag 'SYML'
  '0c0000a0', // ReparseTag IO_REPARSE_TAG_SYMLINK
  '3000', // ReparseDataLength 48
  '0a00', // UnparsedPathLength 10 ("\rest")
  '0000', // SubstituteNameOffset 0
  '1200', // SubstituteNameLength 18
  '1200', // PrintNameOffset 18
  '1200', // PrintNameLength 18
  '01000000', // Flags SYMLINK_FLAG_RELATIVE
  '2e002e005c00740061007200670065007400', // SubstituteName "..\target"
  '2e002e005c00740061007200670065007400', // PrintName "..\target"
);

// Windows' interim response, zeek smb2-zero-byte-error-ioctl.pcapng frame 60 (body): ByteCount 0, then the 1-byte ErrorData.
const PENDING = hex(
  '0900', // StructureSize 9
  '00', // ErrorContextCount
  '00', // Reserved
  '00000000', // ByteCount 0
  '21', // ErrorData (one byte, content ignored)
);

// ErrorContextCount 2: a share-redirect context and the default one (3.1.1).
const WITH_CONTEXTS = hex(
  '0900', // StructureSize 9
  '02', // ErrorContextCount 2
  '00', // Reserved
  '1c000000', // ByteCount 28
  '04000000', // [0] ErrorDataLength 4
  '53526472', // [0] ErrorId SMB2_ERROR_ID_SHARE_REDIRECT
  'aabbccdd', // [0] ErrorContextData
  '00000000', // Padding to 8
  '04000000', // [1] ErrorDataLength 4
  '00000000', // [1] ErrorId SMB2_ERROR_ID_DEFAULT
  '20000000', // [1] ErrorContextData
);

describe('ERROR response (MS-SMB2 2.2.2)', () => {
  const link = { unparsedPathLength: 10, substituteName: '..\\target', printName: '..\\target', flags: SymbolicLinkFlags.SYMLINK_FLAG_RELATIVE };

  it('decodes the symbolic link error response STATUS_STOPPED_ON_SYMLINK carries', () => {
    const res = decodeErrorResponse(elementOf(SYMLINK_ERROR), Smb2FramingStatus.STATUS_STOPPED_ON_SYMLINK);
    expect(res.symbolicLink).toEqual(link);
    expect(res.errorData.length).toBe(64);
  });

  it('encodes the symbolic link error response to the laid-out bytes', () => {
    const errorData = encodeSymbolicLinkErrorResponse(link);
    expect(bodyOf((w) => encodeErrorResponse(w, { errorContextCount: 0, errorData })).toString('hex')).toBe(SYMLINK_ERROR.toString('hex'));
  });

  it('without the status, ErrorData stays raw', () => {
    expect(decodeErrorResponse(elementOf(SYMLINK_ERROR))).not.toHaveProperty('symbolicLink');
  });

  it('decodes an interim STATUS_PENDING body and tolerates a missing pad byte', () => {
    expect(decodeErrorResponse(elementOf(PENDING), Smb2FramingStatus.STATUS_PENDING)).toEqual({ errorContextCount: 0, errorData: Buffer.alloc(0) });
    expect(decodeErrorResponse(elementOf(PENDING.subarray(0, 8)))).toEqual({ errorContextCount: 0, errorData: Buffer.alloc(0) });
    expect(bodyOf((w) => encodeErrorResponse(w, { errorContextCount: 0, errorData: Buffer.alloc(0) })).length).toBe(9);
  });

  it('decodes 3.1.1 error contexts and reads the default one by status', () => {
    const res = decodeErrorResponse(elementOf(WITH_CONTEXTS), Smb2FramingStatus.STATUS_BUFFER_TOO_SMALL);
    expect(res.errorContexts).toEqual([
      { errorId: 0x72645253, errorContextData: Buffer.from('aabbccdd', 'hex') },
      { errorId: 0, errorContextData: Buffer.from('20000000', 'hex') },
    ]);
    expect(res.requiredBufferLength).toBe(32);
  });

  it('rejects a wrong tag, a name outside the path buffer, and a short SymLinkLength', () => {
    const tag = Buffer.from(SYMLINK_ERROR.subarray(8));
    tag[4] = 0x58;
    expect(() => decodeSymbolicLinkErrorResponse(new Reader(tag))).toThrow(/SYML/);
    const name = Buffer.from(SYMLINK_ERROR.subarray(8));
    name.writeUInt16LE(30, 20); // PrintNameOffset 18 -> 30
    expect(() => decodeSymbolicLinkErrorResponse(new Reader(name))).toThrow(DecodeError);
    const short = Buffer.from(SYMLINK_ERROR.subarray(8));
    short.writeUInt32LE(40, 0);
    expect(() => decodeSymbolicLinkErrorResponse(new Reader(short))).toThrow(DecodeError);
  });
});
