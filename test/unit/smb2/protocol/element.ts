import { Reader, Writer } from '../../../../src/wire/index.js';
import { readHeader, writeHeader } from '../../../../src/smb2/protocol/index.js';

/** A Reader over a 64-byte zero header followed by `body`, positioned at the body (what a body decoder gets). */
export function elementOf(body: Buffer): Reader {
  const w = new Writer(64);
  writeHeader(w, { command: 0, messageId: 0n });
  const r = new Reader(Buffer.concat([w.finish(), body]));
  readHeader(r);
  return r;
}

/** The body an encoder writes after a header (offsets inside it count from the header). */
export function bodyOf(encode: (w: Writer) => void): Buffer {
  const w = new Writer(8192);
  writeHeader(w, { command: 0, messageId: 0n });
  encode(w);
  return Buffer.from(w.finish().subarray(64));
}
