import type { Reader, Writer } from '../../wire/index.js';
import { SMB2_HEADER_SIZE } from './header.js';

/**
 * Helpers every SMB2 body codec shares. Decoders get the element's Reader (base at the
 * SMB2 header, positioned just after it), so a body offset, which MS-SMB2 counts from the
 * start of the header, is read with r.at(offset, length). Encoders get a Writer whose
 * byte 0 is the header, so w.length is the offset of the next byte from the header.
 */

/** Reads StructureSize and checks it (MS-SMB2 2.2: every body begins with it). */
export function expectStructureSize(r: Reader, expected: number, what: string): void {
  const size = r.u16le();
  if (size !== expected) r.fail(`${what}: StructureSize ${size}, expected ${expected}`);
}

/** Peeks the StructureSize of the body at the reader's position without moving. */
export function peekStructureSize(r: Reader): number {
  return r.at(r.pos, 2).u16le();
}

/**
 * The buffer at [offset, offset+length) counted from the header, as a view. An empty
 * buffer may carry any offset (servers write 0 or the would-be position); a non-empty one
 * must lie after the header and inside the element.
 */
export function bufferAt(r: Reader, offset: number, length: number, what: string): Buffer {
  if (length === 0) return r.buf.subarray(0, 0);
  if (offset < SMB2_HEADER_SIZE) r.fail(`${what}: offset ${offset} points into the SMB2 header`);
  return r.slice(offset, length);
}

/** A Reader over [offset, offset+length) counted from the header (empty when length is 0). */
export function readerAt(r: Reader, offset: number, length: number, what: string): Reader {
  if (length === 0) return r.at(r.length, 0);
  if (offset < SMB2_HEADER_SIZE) r.fail(`${what}: offset ${offset} points into the SMB2 header`);
  return r.at(offset, length);
}

/** UTF-16LE text at [offset, offset+length) counted from the header. */
export function utf16At(r: Reader, offset: number, length: number, what: string): string {
  if (length % 2 !== 0) r.fail(`${what}: odd UTF-16 length ${length}`);
  return bufferAt(r, offset, length, what).toString('utf16le');
}

/**
 * MS-SMB2 2.2: a StructureSize that counts one byte of a variable Buffer means the body is
 * at least that long; pads with one zero byte when the buffer turned out empty.
 */
export function padToStructureSize(w: Writer, bodyStart: number, structureSize: number): void {
  const have = w.length - bodyStart;
  if (have < structureSize) w.zeros(structureSize - have);
}

/** Checks a 16-bit field before encoding (an encoder error, not a decode error). */
export function u16Field(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) throw new RangeError(`${what} ${value} does not fit in 16 bits`);
  return value;
}

/** A 16-byte GUID field, checked before encoding. */
export function guidField(value: Buffer, what: string): Buffer {
  if (value.length !== 16) throw new RangeError(`${what} must be 16 bytes, got ${value.length}`);
  return value;
}
