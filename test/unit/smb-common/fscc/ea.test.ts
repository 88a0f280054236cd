import { describe, expect, it } from 'vitest';
import { decodeFileFullEaInformation, EaFlags, encodeFileFullEaInformation, encodeFileGetEaInformation } from '../../../../src/smb-common/fscc/index.js';
import { DecodeError } from '../../../../src/wire/index.js';
import { bytes } from '../golden.js';
import { expectEveryTruncationThrows } from '../truncation.js';

const latin1 = (s: string): string => Buffer.from(s, 'latin1').toString('hex');

// MS-FSCC 2.4.16 FileFullEaInformation, two entries.
const TWO_EAS = bytes(
  '10000000', // NextEntryOffset 16
  '00', // Flags
  '03', // EaNameLength
  '0300', // EaValueLength
  latin1('abc'), // EaName
  '00', // NUL
  latin1('xyz'), // EaValue
  '00', // padding to 4
  '00000000', // NextEntryOffset: last
  '80', // Flags: FILE_NEED_EA
  '04', // EaNameLength
  '0000', // EaValueLength
  latin1('USER'), // EaName
  '00', // NUL
);

describe('extended attributes (MS-FSCC 2.4.16)', () => {
  it('encodes a FileFullEaInformation list, 4-byte aligned', () => {
    expect(
      encodeFileFullEaInformation([
        { flags: 0, name: 'abc', value: Buffer.from('xyz') },
        { flags: EaFlags.FILE_NEED_EA, name: 'USER', value: Buffer.alloc(0) },
      ]),
    ).toEqual(TWO_EAS);
  });

  it('decodes it back', () => {
    expect(decodeFileFullEaInformation(TWO_EAS)).toEqual([
      { flags: 0, name: 'abc', value: Buffer.from('xyz') },
      { flags: 0x80, name: 'USER', value: Buffer.alloc(0) },
    ]);
    expectEveryTruncationThrows(TWO_EAS, decodeFileFullEaInformation, 1);
  });

  it('rejects a missing NUL after the name and a value running into the next entry', () => {
    const noNul = Buffer.from(TWO_EAS);
    noNul[11] = 0x41;
    expect(() => decodeFileFullEaInformation(noNul)).toThrow(DecodeError);
    const long = Buffer.from(TWO_EAS);
    long.writeUInt16LE(8, 6); // EaValueLength past the 16-byte entry
    expect(() => decodeFileFullEaInformation(long)).toThrow(DecodeError);
  });

  it('encodes a FILE_GET_EA_INFORMATION list (2.4.16.1)', () => {
    expect(encodeFileGetEaInformation(['a', 'user.x'])).toEqual(
      bytes(
        '08000000', // NextEntryOffset 8
        '01', // EaNameLength
        latin1('a'), // EaName
        '00', // NUL
        '00', // padding to 4
        '00000000', // NextEntryOffset: last
        '06', // EaNameLength
        latin1('user.x'), // EaName
        '00', // NUL
      ),
    );
  });

  it('refuses names that cannot be encoded', () => {
    expect(() => encodeFileGetEaInformation([''])).toThrow(RangeError);
    expect(() => encodeFileFullEaInformation([{ flags: 0, name: 'x'.repeat(256), value: Buffer.alloc(0) }])).toThrow(RangeError);
  });
});
