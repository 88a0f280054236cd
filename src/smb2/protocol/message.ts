import { Reader, Writer } from '../../wire/index.js';
import { SMB2_HEADER_SIZE, SMB2_NEXT_COMMAND_OFFSET, SMB2_PROTOCOL_ID, writeHeader, type Smb2HeaderInit } from './header.js';

// MS-SMB2 3.2.4.1.4 / 3.3.5.2.7 compounded requests and responses: elements chained by NextCommand.

/** Compound elements are aligned to 8 bytes (MS-SMB2 2.2.1.2 NextCommand). */
export const COMPOUND_ALIGNMENT = 8;
/** A header and body rarely exceed this; bulk data travels as a payload, outside the Writer. */
const INITIAL_ELEMENT_SIZE = 1024;

/**
 * Splits an SMB2 message into its compound elements. Each Reader windows one element,
 * [start, start + NextCommand) or [start, end of message) for the last, with its base at
 * the element's header, so body offsets are read with r.at(offset, len).
 */
export function splitCompound(message: Buffer): Reader[] {
  const whole = new Reader(message);
  const elements: Reader[] = [];
  let start = 0;
  for (;;) {
    const head = whole.at(start, SMB2_NEXT_COMMAND_OFFSET + 4);
    if (head.u32le() !== SMB2_PROTOCOL_ID) head.seek(0).fail(`compound element at ${start} is not an SMB2 header`);
    const next = head.seek(SMB2_NEXT_COMMAND_OFFSET).u32le();
    if (next === 0) {
      elements.push(whole.at(start, whole.length - start));
      return elements;
    }
    if (next % COMPOUND_ALIGNMENT !== 0 || next < SMB2_HEADER_SIZE || start + next >= whole.length) {
      head.seek(SMB2_NEXT_COMMAND_OFFSET).fail(`NextCommand ${next} of the element at ${start} is not an 8-aligned offset >= 64 inside the ${whole.length}-byte message`);
    }
    elements.push(whole.at(start, next));
    start += next;
  }
}

/** One element of an outgoing message: its header, a body encoder, and optional bulk data appended after the body. */
export interface Smb2MessagePart {
  header: Smb2HeaderInit;
  /** Writes the body; the Writer's byte 0 is the header, so w.length is an offset from the header. */
  body: (w: Writer) => void;
  /** Appended after the body without passing through the Writer (a WRITE request's data). */
  payload?: Buffer;
}

/** The byte range of one element inside an encoded message (what the signer covers). */
export interface ElementRange {
  start: number;
  end: number;
}

export interface EncodedCompound {
  message: Buffer;
  /** Per element: [start, end); a non-last element's range includes its padding (it is NextCommand long). */
  elements: ElementRange[];
}

function encodeHead(part: Smb2MessagePart, sizeHint: number): Buffer {
  const w = new Writer(sizeHint);
  writeHeader(w, part.header);
  part.body(w);
  return w.finish();
}

/** One SMB2 message: header then body (and payload, costing one concatenation). */
export function encodeMessage(header: Smb2HeaderInit, body: (w: Writer) => void, payload?: Buffer): Buffer {
  const head = encodeHead({ header, body }, INITIAL_ELEMENT_SIZE);
  return payload && payload.length > 0 ? Buffer.concat([head, payload]) : head;
}

/**
 * The same message as separate chunks (header+body, then the payload untouched), for a
 * gather write that copies nothing. The signature slot is in the first chunk.
 */
export function encodeMessageChunks(header: Smb2HeaderInit, body: (w: Writer) => void, payload?: Buffer): Buffer[] {
  const head = encodeHead({ header, body }, INITIAL_ELEMENT_SIZE);
  return payload && payload.length > 0 ? [head, payload] : [head];
}

/**
 * A compound: every element but the last padded to 8 bytes with NextCommand set to its
 * padded length (any NextCommand in the parts' headers is overwritten). The caller sets
 * RELATED_OPERATIONS where the elements are related. One concatenation builds the message.
 */
export function encodeCompound(parts: readonly Smb2MessagePart[]): EncodedCompound {
  if (parts.length === 0) throw new RangeError('a compound needs at least one element');
  const chunks: Buffer[] = [];
  const elements: ElementRange[] = [];
  let offset = 0;
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const head = encodeHead({ header: { ...part.header, nextCommand: 0 }, body: part.body }, INITIAL_ELEMENT_SIZE);
    const payloadLength = part.payload?.length ?? 0;
    const size = head.length + payloadLength;
    const pad = last ? 0 : (COMPOUND_ALIGNMENT - (size % COMPOUND_ALIGNMENT)) % COMPOUND_ALIGNMENT;
    if (!last) head.writeUInt32LE(size + pad, SMB2_NEXT_COMMAND_OFFSET);
    chunks.push(head);
    if (part.payload && payloadLength > 0) chunks.push(part.payload);
    if (pad) chunks.push(Buffer.alloc(pad));
    elements.push({ start: offset, end: offset + size + pad });
    offset += size + pad;
  });
  return { message: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, offset), elements };
}
