import type { Reader, Writer } from '../../wire/index.js';

// MS-NLMP 2.2.1: a payload field is Len (2), MaxLen (2), BufferOffset (4); the offset counts from
// the start of the message.

/** Reads a Len/MaxLen/BufferOffset triple from header and returns its bytes, bounds-checked against message. */
export function readPayloadField(header: Reader, message: Reader): Buffer {
  const len = header.u16le();
  header.u16le(); // MaxLen: SHOULD equal Len, MUST be ignored on receipt
  const offset = header.u32le();
  if (len === 0) return Buffer.alloc(0);
  return message.slice(offset, len);
}

/** Peeks at the BufferOffset of a non-empty field at pos (for locating optional header fields). */
export function payloadOffsetAt(message: Reader, pos: number): number | undefined {
  const r = message.at(pos, 8);
  const len = r.u16le();
  r.u16le();
  const offset = r.u32le();
  return len === 0 ? undefined : offset;
}

/** Reserves a field's 8 header bytes; returns the slot to fill with writePayloadField(). */
export function reservePayloadField(w: Writer): number {
  const at = w.length;
  w.zeros(8);
  return at;
}

/** Appends bytes to the payload and patches the reserved field to point at them. */
export function writePayloadField(w: Writer, slot: number, bytes: Uint8Array): void {
  if (bytes.length > 0xffff) throw new RangeError(`NTLM payload field of ${bytes.length} bytes`);
  w.patchU16le(slot, bytes.length);
  w.patchU16le(slot + 2, bytes.length);
  w.patchU32le(slot + 4, w.length);
  w.bytes(bytes);
}

/** A name field's text: UTF-16LE when NTLMSSP_NEGOTIATE_UNICODE is set, else the OEM code page (taken as Latin-1). */
export function decodeNtlmString(bytes: Buffer, unicode: boolean, message: Reader): string {
  if (!unicode) return bytes.toString('latin1');
  if (bytes.length % 2 !== 0) message.fail(`odd UTF-16 name length ${bytes.length}`);
  return bytes.toString('utf16le');
}

export function encodeNtlmString(s: string, unicode: boolean): Buffer {
  return Buffer.from(s, unicode ? 'utf16le' : 'latin1');
}
