import { Reader } from '../wire/index.js';

// MS-DTYP 2.3.10 RPC_UNICODE_STRING: SMB carries names as UTF-16LE without a terminator.

/** The UTF-16LE bytes of a string. */
export function encodeUtf16le(s: string): Buffer {
  return Buffer.from(s, 'utf16le');
}

/** Byte length of a string once encoded as UTF-16LE. */
export function utf16leByteLength(s: string): number {
  return s.length * 2;
}

/** Decodes untrusted UTF-16LE bytes; an odd length is malformed and throws DecodeError. */
export function decodeUtf16le(buf: Buffer): string {
  return new Reader(buf).utf16le(buf.length);
}

/** Drops trailing UTF-16 NUL characters (some servers count a terminator in a name length). */
export function stripUtf16Nul(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0) end--;
  return end === s.length ? s : s.slice(0, end);
}

/**
 * Upper-cases one UTF-16 code unit at a time, the way Windows' RtlUpcaseUnicodeString does:
 * a character whose upper case is longer (German sharp s -> "SS") is left alone, so the
 * length never changes. NTOWFv2 hashes Uppercase(User) this way (MS-NLMP 3.3.2).
 */
export function upcaseUtf16(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const u = c.toUpperCase();
    out += u.length === 1 ? u : c;
  }
  return out;
}
