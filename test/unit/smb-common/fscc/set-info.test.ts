import { describe, expect, it } from 'vitest';
import {
  encodeFileAllocationInformation,
  encodeFileBasicInformation,
  encodeFileDispositionInformation,
  encodeFileEndOfFileInformation,
  encodeFileLinkInformation,
  encodeFileRenameInformation,
  FileAttributes,
} from '../../../../src/smb-common/fscc/index.js';
import { FILETIME_SPECIAL } from '../../../../src/smb-common/filetime.js';
import { bytes, utf16 } from '../golden.js';

describe('SET_INFO encoders (MS-FSCC 2.4)', () => {
  it('FileRenameInformation for SMB2 (2.4.42.2), as smbclient sends it (reference capture frame 64)', () => {
    const golden = bytes(
      '00', // ReplaceIfExists
      '00000000000000', // Reserved
      '0000000000000000', // RootDirectory
      '18000000', // FileNameLength 24
      utf16('capdir\\t.txt'), // FileName
    );
    expect(golden.toString('hex')).toBe('00000000000000000000000000000000180000006300610070006400690072005c0074002e00740078007400');
    expect(encodeFileRenameInformation({ replaceIfExists: false, fileName: 'capdir\\t.txt' })).toEqual(golden);
  });

  it('pads a short rename buffer to 24 bytes, and sets ReplaceIfExists', () => {
    expect(encodeFileRenameInformation({ replaceIfExists: true, fileName: 'a' })).toEqual(
      bytes(
        '01', // ReplaceIfExists
        '00000000000000', // Reserved
        '0000000000000000', // RootDirectory
        '02000000', // FileNameLength
        utf16('a'), // FileName
        '0000', // padding to the 24-byte structure size
      ),
    );
  });

  it('FileLinkInformation for SMB2 (2.4.28.2)', () => {
    expect(encodeFileLinkInformation({ replaceIfExists: false, fileName: 'dir\\hard' })).toEqual(
      bytes(
        '00', // ReplaceIfExists
        '00000000000000', // Reserved
        '0000000000000000', // RootDirectory
        '10000000', // FileNameLength 16
        utf16('dir\\hard'), // FileName
      ),
    );
  });

  it('FileDispositionInformation (2.4.11), as smbclient sends it (frame 114)', () => {
    expect(encodeFileDispositionInformation(true)).toEqual(bytes('01')); // DeletePending
    expect(encodeFileDispositionInformation(false)).toEqual(bytes('00'));
  });

  it('FileEndOfFileInformation (2.4.14) and FileAllocationInformation (2.4.4)', () => {
    expect(encodeFileEndOfFileInformation(0x123456789n)).toEqual(bytes('8967452301000000')); // EndOfFile
    expect(encodeFileAllocationInformation(4096n)).toEqual(bytes('0010000000000000')); // AllocationSize
  });

  it('FileBasicInformation (2.4.7): 0 leaves a field alone, -1 stops updates', () => {
    expect(encodeFileBasicInformation({ lastWriteTime: 0x01dd7ab47d626d80n, lastAccessTime: FILETIME_SPECIAL.DISABLE_UPDATES, fileAttributes: FileAttributes.FILE_ATTRIBUTE_READONLY })).toEqual(
      bytes(
        '0000000000000000', // CreationTime: unchanged
        'ffffffffffffffff', // LastAccessTime: -1
        '806d627db47add01', // LastWriteTime
        '0000000000000000', // ChangeTime: unchanged
        '01000000', // FileAttributes: READONLY
        '00000000', // Reserved
      ),
    );
  });
});
