import { describe, expect, it } from 'vitest';
import { decodeSid, encodeSid, parseSidString, sidByteLength, sidToString, sidToUnixId, unixIdToSid } from '../../../../src/smb-common/security/sid.js';
import { DecodeError, Reader, Writer } from '../../../../src/wire/index.js';
import { bytes } from '../golden.js';
import { expectEveryTruncationThrows } from '../truncation.js';

// Samba's Unix User SID for uid 1001 (MS-DTYP 2.4.2.2 layout).
const UNIX_USER_1001 = bytes(
  '01', // Revision
  '02', // SubAuthorityCount
  '000000000016', // IdentifierAuthority 22, big-endian
  '01000000', // SubAuthority[0] = 1 (Unix User)
  'e9030000', // SubAuthority[1] = 1001
);

describe('SID (MS-DTYP 2.4.2)', () => {
  it('decodes, prints and maps a Unix User SID to a uid', () => {
    const sid = decodeSid(new Reader(UNIX_USER_1001));
    expect(sidToString(sid)).toBe('S-1-22-1-1001');
    expect(sidToUnixId(sid)).toEqual({ kind: 'uid', id: 1001 });
    expect(sidByteLength(sid)).toBe(16);
  });

  it('maps Unix Group SIDs to gids, and nothing else', () => {
    expect(sidToUnixId(parseSidString('S-1-22-2-100'))).toEqual({ kind: 'gid', id: 100 });
    expect(sidToUnixId(parseSidString('S-1-5-21-1-2-3-500'))).toBeUndefined();
    expect(sidToUnixId(parseSidString('S-1-22-3-5'))).toBeUndefined();
  });

  it('encodes back to the same bytes, from string or Unix id', () => {
    const w = new Writer();
    encodeSid(w, parseSidString('S-1-22-1-1001'));
    expect(w.finish()).toEqual(UNIX_USER_1001);
    const w2 = new Writer();
    encodeSid(w2, unixIdToSid({ kind: 'uid', id: 1001 }));
    expect(w2.finish()).toEqual(UNIX_USER_1001);
  });

  it('prints a 48-bit authority in hex and parses it back', () => {
    const sid = parseSidString('S-1-0x123456789ABC-7');
    expect(sid.authority).toBe(0x123456789abc);
    expect(sidToString(sid)).toBe('S-1-0x123456789ABC-7');
    expect(sidToString(parseSidString('S-1-5-32-544'))).toBe('S-1-5-32-544');
    expect(() => parseSidString('S-2-5')).toThrow(RangeError);
    expect(() => parseSidString('S-1-5-4294967296')).toThrow(RangeError);
  });

  it('rejects truncation, a bad revision and too many sub-authorities with DecodeError', () => {
    expectEveryTruncationThrows(UNIX_USER_1001, (b) => decodeSid(new Reader(b)));
    const badRev = Buffer.from(UNIX_USER_1001);
    badRev[0] = 2;
    expect(() => decodeSid(new Reader(badRev))).toThrow(DecodeError);
    const many = Buffer.from(UNIX_USER_1001);
    many[1] = 16;
    expect(() => decodeSid(new Reader(many))).toThrow(DecodeError);
  });
});
