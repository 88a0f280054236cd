import { Reader } from '../../wire/index.js';

/**
 * Walks a list of entries linked by a leading 4-byte NextEntryOffset (MS-FSCC 2.4: directory
 * listings, EA lists, stream lists). Each entry is decoded inside its own window, from its start
 * up to the next entry (or the end of the buffer for the last, NextEntryOffset 0), so an entry
 * that overruns its neighbour, a NextEntryOffset pointing outside the buffer, or one pointing
 * back into the entry itself (smaller than the fixed part) throws DecodeError. Offsets are
 * unsigned and never 0 for a non-final entry, so the walk always moves forward and cannot loop.
 *
 * decode gets a reader positioned just after NextEntryOffset.
 */
export function decodeEntryList<T>(buf: Buffer, fixedSize: number, what: string, decode: (entry: Reader) => T): T[] {
  const list = new Reader(buf);
  const out: T[] = [];
  if (buf.length === 0) return out;
  let offset = 0;
  for (;;) {
    const next = list.at(offset, 4).u32le();
    if (next !== 0 && next < fixedSize) {
      list.seek(offset).fail(`${what}: NextEntryOffset ${next} is smaller than the ${fixedSize}-byte entry`);
    }
    const entry = next === 0 ? list.at(offset, list.length - offset) : list.at(offset, next);
    if (entry.length < fixedSize) entry.fail(`${what}: entry of ${entry.length} bytes, at least ${fixedSize} needed`);
    entry.skip(4);
    out.push(decode(entry));
    if (next === 0) return out;
    offset += next;
  }
}
