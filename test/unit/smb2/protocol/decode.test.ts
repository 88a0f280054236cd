import { describe, expect, it } from 'vitest';
import { DecodeError, Reader, type Writer } from '../../../../src/wire/index.js';
import {
  describeSmb2,
  encodeErrorResponse,
  encodeMessage,
  encodeOutputBufferResponse,
  encodeSessionSetupResponse,
  Smb2Command,
  Smb2FramingStatus,
  Smb2HeaderFlags,
} from '../../../../src/smb2/protocol/index.js';

const RESPONSE = Smb2HeaderFlags.SERVER_TO_REDIR;

function message(command: number, status: number, flags: number, body: (w: Writer) => void): Reader {
  return new Reader(encodeMessage({ command, messageId: 9n, status, flags }, body));
}

const errorBody = (w: Writer) => encodeErrorResponse(w, { errorContextCount: 0, errorData: Buffer.alloc(0) });

describe('describeSmb2 (dispatch by command, direction and status)', () => {
  it('a failure status with StructureSize 9 is the ERROR response', () => {
    const d = describeSmb2(message(Smb2Command.QUERY_DIRECTORY, 0x80000006, RESPONSE, errorBody));
    expect(d.kind).toBe('error');
    expect(d.body).toEqual({ errorContextCount: 0, errorData: Buffer.alloc(0) });
  });

  it('an interim async STATUS_PENDING response is an ERROR response', () => {
    const d = describeSmb2(message(Smb2Command.CHANGE_NOTIFY, Smb2FramingStatus.STATUS_PENDING, RESPONSE | Smb2HeaderFlags.ASYNC_COMMAND, errorBody));
    expect(d.kind).toBe('error');
    expect(d.header.asyncId).toBe(0n);
  });

  it('SESSION_SETUP with STATUS_MORE_PROCESSING_REQUIRED keeps its body', () => {
    const d = describeSmb2(
      message(Smb2Command.SESSION_SETUP, Smb2FramingStatus.STATUS_MORE_PROCESSING_REQUIRED, RESPONSE, (w) => encodeSessionSetupResponse(w, { sessionFlags: 0, securityBuffer: Buffer.from('a1') })),
    );
    expect(d.kind).toBe('response');
    expect(d.body).toEqual({ sessionFlags: 0, securityBuffer: Buffer.from('a1') });
  });

  it('SESSION_SETUP with STATUS_LOGON_FAILURE is an ERROR response', () => {
    expect(describeSmb2(message(Smb2Command.SESSION_SETUP, 0xc000006d, RESPONSE, errorBody)).kind).toBe('error');
  });

  it('QUERY_INFO with STATUS_BUFFER_OVERFLOW keeps its body', () => {
    const d = describeSmb2(message(Smb2Command.QUERY_INFO, Smb2FramingStatus.STATUS_BUFFER_OVERFLOW, RESPONSE, (w) => encodeOutputBufferResponse(w, { outputBuffer: Buffer.alloc(8, 1) })));
    expect(d.kind).toBe('response');
    expect(d.body).toEqual({ outputBuffer: Buffer.alloc(8, 1) });
  });

  it('a READ failure is an ERROR response although READ responses are 17 bytes', () => {
    expect(describeSmb2(message(Smb2Command.READ, 0xc0000011, RESPONSE, errorBody)).kind).toBe('error');
  });

  it('requests are never ERROR responses', () => {
    const d = describeSmb2(message(Smb2Command.ECHO, 0, 0, (w) => w.u16le(4).u16le(0)));
    expect(d.kind).toBe('request');
  });

  it('an undefined command is kept raw', () => {
    const d = describeSmb2(message(0x0042, 0, 0, (w) => w.u32le(0xdeadbeef)));
    expect(d.kind).toBe('unknown');
    expect(d.body).toEqual({ raw: Buffer.from('efbeadde', 'hex') });
    expect(describeSmb2(message(Smb2Command.CANCEL, 0, RESPONSE, (w) => w.u16le(4).u16le(0))).kind).toBe('unknown');
  });

  it('a body that does not decode is reported malformed with the header', () => {
    const d = describeSmb2(message(Smb2Command.CLOSE, 0, 0, (w) => w.u16le(24).u16le(0)));
    expect(d.kind).toBe('malformed');
    expect(d.header.messageId).toBe(9n);
    expect(d.error).toBeInstanceOf(DecodeError);
  });

  it('a header whose StructureSize is not 64 is reported malformed, not thrown', () => {
    const b = encodeMessage({ command: Smb2Command.ECHO, messageId: 1n }, (w) => w.u16le(4).u16le(0));
    b.writeUInt16LE(319, 4);
    const d = describeSmb2(new Reader(b));
    expect(d.kind).toBe('malformed');
    expect(d.error?.message).toMatch(/StructureSize 319/);
  });

  it('throws DecodeError when there is no SMB2 header to report', () => {
    expect(() => describeSmb2(new Reader(Buffer.from('ff534d4272000000', 'hex')))).toThrow(DecodeError);
    expect(() => describeSmb2(new Reader(Buffer.alloc(63)))).toThrow(DecodeError);
  });
});
