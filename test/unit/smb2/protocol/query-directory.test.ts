import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../../src/wire/index.js';
import {
  decodeQueryDirectoryRequest,
  decodeQueryDirectoryResponse,
  encodeQueryDirectoryRequest,
  encodeQueryDirectoryResponse,
  QueryDirectoryFlags,
  QueryDirectoryInformationClass,
} from '../../../../src/smb2/protocol/index.js';
import { bodyOf, elementOf } from './element.js';
import { hex } from './hex.js';

// smbclient 4.22 "ls", smb311-smbclient-basic.pcapng frame 22 (body).
const QUERY_DIRECTORY_REQUEST = hex(
  '2100', // StructureSize 33
  '25', // FileInformationClass FileIdBothDirectoryInformation
  '00', // Flags
  '00000000', // FileIndex
  'e1398fa700000000', // FileId.Persistent
  '9229b84100000000', // FileId.Volatile
  '6000', // FileNameOffset 0x60
  '0200', // FileNameLength 2
  '00008000', // OutputBufferLength 8 MiB
  '2a00', // FileName "*"
);

// The start of Samba's answer, frame 23: the fixed part and the first entry's NextEntryOffset.
const QUERY_DIRECTORY_RESPONSE_HEAD = hex(
  '0900', // StructureSize 9
  '4800', // OutputBufferOffset 0x48
  '46020000', // OutputBufferLength 582
);

describe('QUERY_DIRECTORY (MS-SMB2 2.2.33, 2.2.34)', () => {
  it('decodes and re-encodes smbclient request byte for byte', () => {
    const req = decodeQueryDirectoryRequest(elementOf(QUERY_DIRECTORY_REQUEST));
    expect(req).toEqual({
      fileInformationClass: QueryDirectoryInformationClass.FileIdBothDirectoryInformation,
      flags: 0,
      fileIndex: 0,
      fileId: { persistent: 0xa78f39e1n, volatile: 0x41b82992n },
      fileName: '*',
      outputBufferLength: 0x800000,
    });
    expect(bodyOf((w) => encodeQueryDirectoryRequest(w, req)).toString('hex')).toBe(QUERY_DIRECTORY_REQUEST.toString('hex'));
  });

  it('encodes the flags and an empty pattern', () => {
    const body = bodyOf((w) =>
      encodeQueryDirectoryRequest(w, { fileInformationClass: 0x64, flags: QueryDirectoryFlags.SMB2_RESTART_SCANS | QueryDirectoryFlags.SMB2_REOPEN, fileIndex: 0, fileId: { persistent: 1n, volatile: 2n }, fileName: '', outputBufferLength: 65536 }),
    );
    expect(body.length).toBe(33);
    expect(body[3]).toBe(0x11);
    expect(decodeQueryDirectoryRequest(elementOf(body)).fileName).toBe('');
  });

  it('returns the output buffer as a view of the message', () => {
    const entries = Buffer.alloc(582, 0xee);
    const element = elementOf(Buffer.concat([QUERY_DIRECTORY_RESPONSE_HEAD, entries]));
    const res = decodeQueryDirectoryResponse(element);
    expect(res.outputBuffer.length).toBe(582);
    expect(res.outputBuffer.buffer).toBe(element.buf.buffer);
    expect(res.outputBuffer.byteOffset).toBe(element.buf.byteOffset + 0x48);
    expect(bodyOf((w) => encodeQueryDirectoryResponse(w, res)).subarray(0, 8).toString('hex')).toBe(QUERY_DIRECTORY_RESPONSE_HEAD.toString('hex'));
  });

  it('rejects an output buffer longer than the message', () => {
    expect(() => decodeQueryDirectoryResponse(elementOf(Buffer.concat([QUERY_DIRECTORY_RESPONSE_HEAD, Buffer.alloc(581)])))).toThrow(DecodeError);
  });
});
