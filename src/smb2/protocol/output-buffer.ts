import type { Reader, Writer } from '../../wire/index.js';
import { bufferAt, expectStructureSize, padToStructureSize } from './body.js';

export const OUTPUT_BUFFER_RESPONSE_STRUCTURE_SIZE = 9;

/**
 * MS-SMB2 2.2.34 QUERY_DIRECTORY, 2.2.36 CHANGE_NOTIFY and 2.2.38 QUERY_INFO responses share
 * one shape: StructureSize 9, OutputBufferOffset (2), OutputBufferLength (4), Buffer.
 */
export interface OutputBufferResponse {
  /** A view of the received message. */
  outputBuffer: Buffer;
}

export function encodeOutputBufferResponse(w: Writer, res: OutputBufferResponse): void {
  const start = w.length;
  w.u16le(OUTPUT_BUFFER_RESPONSE_STRUCTURE_SIZE);
  const offsetAt = w.reserveU16le();
  w.u32le(res.outputBuffer.length);
  w.patchU16le(offsetAt, w.length);
  w.bytes(res.outputBuffer);
  padToStructureSize(w, start, OUTPUT_BUFFER_RESPONSE_STRUCTURE_SIZE);
}

export function decodeOutputBufferResponse(r: Reader, what: string): OutputBufferResponse {
  expectStructureSize(r, OUTPUT_BUFFER_RESPONSE_STRUCTURE_SIZE, what);
  const offset = r.u16le();
  const length = r.u32le();
  return { outputBuffer: bufferAt(r, offset, length, `${what} OutputBuffer`) };
}
