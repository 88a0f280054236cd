import { Writer } from '../../wire/index.js';
import { decodeEntryList } from './entry-list.js';

// MS-FSCC 2.4.16 FileFullEaInformation: NextEntryOffset (4), Flags (1), EaNameLength (1),
// EaValueLength (2), EaName (EaNameLength bytes + a NUL), EaValue. Entries are 4-byte aligned.

/** Flags of an EA entry. */
export const EaFlags = {
  FILE_NEED_EA: 0x00000080,
} as const;

export interface FileFullEaInformation {
  flags: number;
  /** EA names are 8-bit (ASCII/OEM) strings. */
  name: string;
  value: Buffer;
}

const EA_ALIGN = 4;

export function decodeFileFullEaInformation(buf: Buffer): FileFullEaInformation[] {
  return decodeEntryList(buf, 8, 'FileFullEaInformation', (r) => {
    const flags = r.u8();
    const nameLength = r.u8();
    const valueLength = r.u16le();
    const name = r.bytes(nameLength).toString('latin1');
    if (r.u8() !== 0) r.fail('EaName is not NUL-terminated');
    return { flags, name, value: r.bytes(valueLength) };
  });
}

function checkName(name: string): Buffer {
  const bytes = Buffer.from(name, 'latin1');
  if (bytes.length === 0 || bytes.length > 255) throw new RangeError(`EA name of ${bytes.length} bytes`);
  return bytes;
}

/** Writes entries, each padded to 4 bytes and linked by NextEntryOffset (0 on the last). */
function encodeList<T>(items: readonly T[], writeEntry: (w: Writer, item: T) => void): Buffer {
  const w = new Writer(128);
  items.forEach((item, i) => {
    const start = w.length;
    const next = w.reserveU32le();
    writeEntry(w, item);
    if (i < items.length - 1) {
      w.align(EA_ALIGN);
      w.patchU32le(next, w.length - start);
    }
  });
  return w.finish();
}

export function encodeFileFullEaInformation(entries: readonly FileFullEaInformation[]): Buffer {
  return encodeList(entries, (w, e) => {
    const name = checkName(e.name);
    if (e.value.length > 0xffff) throw new RangeError(`EA value of ${e.value.length} bytes`);
    w.u8(e.flags).u8(name.length).u16le(e.value.length).bytes(name).u8(0).bytes(e.value);
  });
}

/** MS-FSCC 2.4.16.1 FILE_GET_EA_INFORMATION list: NextEntryOffset (4), EaNameLength (1), EaName + NUL. */
export function encodeFileGetEaInformation(names: readonly string[]): Buffer {
  return encodeList(names, (w, n) => {
    const name = checkName(n);
    w.u8(name.length).bytes(name).u8(0);
  });
}
