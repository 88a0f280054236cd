import { describe, expect, it } from 'vitest';
import {
  decodeReparseData,
  encodeNfsReparse,
  encodeSymlinkReparse,
  NfsSpecFile,
  ReparseTag,
  SYMLINK_FLAG_RELATIVE,
} from '../../../../src/smb-common/fscc/index.js';
import { DecodeError } from '../../../../src/wire/index.js';
import { bytes, utf16 } from '../golden.js';
import { expectEveryTruncationThrows } from '../truncation.js';

// MS-FSCC 2.1.2.4 Symbolic Link Reparse Data Buffer, relative link "..\t.txt".
const SYMLINK = bytes(
  '0c0000a0', // ReparseTag IO_REPARSE_TAG_SYMLINK
  '2c00', // ReparseDataLength 44
  '0000', // Reserved
  '0000', // SubstituteNameOffset
  '1000', // SubstituteNameLength 16
  '1000', // PrintNameOffset 16
  '1000', // PrintNameLength 16
  '01000000', // Flags SYMLINK_FLAG_RELATIVE
  utf16('..\\t.txt'), // SubstituteName
  utf16('..\\t.txt'), // PrintName
);

// MS-FSCC 2.1.2.6 NFS reparse buffer for a symlink to "a/b".
const NFS_SYMLINK = bytes(
  '14000080', // ReparseTag IO_REPARSE_TAG_NFS
  '0e00', // ReparseDataLength 14
  '0000', // Reserved
  '4c4e4b0100000000', // Type NFS_SPECFILE_LNK
  utf16('a/b'), // DataBuffer: the target, no terminator
);

// NFS reparse buffer for a character device 1:3 (/dev/null).
const NFS_CHR = bytes(
  '14000080', // ReparseTag IO_REPARSE_TAG_NFS
  '1000', // ReparseDataLength 16
  '0000', // Reserved
  '4348520000000000', // Type NFS_SPECFILE_CHR
  '01000000', // major
  '03000000', // minor
);

describe('reparse data buffers (MS-FSCC 2.1.2)', () => {
  it('symbolic link: encode and decode', () => {
    expect(encodeSymlinkReparse({ substituteName: '..\\t.txt', flags: SYMLINK_FLAG_RELATIVE })).toEqual(SYMLINK);
    expect(decodeReparseData(SYMLINK)).toEqual({ tag: ReparseTag.IO_REPARSE_TAG_SYMLINK, substituteName: '..\\t.txt', printName: '..\\t.txt', flags: 1 });
    expectEveryTruncationThrows(SYMLINK, decodeReparseData);
  });

  it('symbolic link: names outside the PathBuffer throw DecodeError', () => {
    const bad = Buffer.from(SYMLINK);
    bad.writeUInt16LE(40, 12); // PrintNameOffset beyond the 32-byte PathBuffer
    expect(() => decodeReparseData(bad)).toThrow(DecodeError);
  });

  it('NFS: symlink and device forms', () => {
    expect(encodeNfsReparse({ type: 'symlink', target: 'a/b' })).toEqual(NFS_SYMLINK);
    expect(decodeReparseData(NFS_SYMLINK)).toEqual({ tag: ReparseTag.IO_REPARSE_TAG_NFS, type: 'symlink', target: 'a/b' });
    expect(encodeNfsReparse({ type: 'chr', major: 1, minor: 3 })).toEqual(NFS_CHR);
    expect(decodeReparseData(NFS_CHR)).toEqual({ tag: ReparseTag.IO_REPARSE_TAG_NFS, type: 'chr', major: 1, minor: 3 });
    expectEveryTruncationThrows(NFS_SYMLINK, decodeReparseData);
    expectEveryTruncationThrows(NFS_CHR, decodeReparseData);
  });

  it('NFS: FIFO and socket carry only the type', () => {
    for (const type of ['fifo', 'sock'] as const) {
      const buf = encodeNfsReparse({ type });
      expect(buf.length).toBe(16);
      expect(buf.readBigUInt64LE(8)).toBe(type === 'fifo' ? NfsSpecFile.NFS_SPECFILE_FIFO : NfsSpecFile.NFS_SPECFILE_SOCK);
      expect(decodeReparseData(buf)).toEqual({ tag: ReparseTag.IO_REPARSE_TAG_NFS, type });
    }
  });

  it('an unknown NFS type throws DecodeError; other tags come back raw', () => {
    const bad = Buffer.from(NFS_CHR);
    bad.writeUInt32LE(0x41414141, 8);
    expect(() => decodeReparseData(bad)).toThrow(DecodeError);
    expect(decodeReparseData(bytes('030000a0', '0200', '0000', 'abcd'))).toEqual({ tag: ReparseTag.IO_REPARSE_TAG_MOUNT_POINT, data: Buffer.from('abcd', 'hex') });
  });
});
