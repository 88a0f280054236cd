import { describe, expect, it } from 'vitest';
import {
  decodeFileBothDirectoryInformation,
  decodeFileDirectoryInformation,
  decodeFileFullDirectoryInformation,
  decodeFileIdBothDirectoryInformation,
  decodeFileIdFullDirectoryInformation,
  decodeFileNamesInformation,
  FileAttributes,
  ReparseTag,
} from '../../../../src/smb-common/fscc/index.js';
import { DecodeError } from '../../../../src/wire/index.js';
import { bytes, utf16 } from '../golden.js';
import { expectEveryTruncationThrows } from '../truncation.js';

const T1 = 'ef3d627db47add01';
const T2 = '0acb627db47add01';
const T3 = '806d627db47add01';
const ZERO24 = '00'.repeat(24);

// One FileIdBothDirectoryInformation entry from smbd (reference capture frame 103).
const ID_BOTH_ONE = bytes(
  '00000000', // NextEntryOffset: last
  '00000000', // FileIndex
  T1, // CreationTime
  T2, // LastAccessTime
  T3, // LastWriteTime
  T3, // ChangeTime
  '0600000000000000', // EndOfFile 6
  '0010000000000000', // AllocationSize 4096
  '20000000', // FileAttributes: ARCHIVE
  '0a000000', // FileNameLength 10
  '00000000', // EaSize
  '00', // ShortNameLength
  '00', // Reserved1
  ZERO24, // ShortName
  '0000', // Reserved2
  '9806210000000000', // FileId
  utf16('t.txt'), // FileName
);

// Three entries (".", "..", "s.txt") from smbd (reference capture frame 51).
const ID_BOTH_THREE = Buffer.from(
  '70000000000000006de6617db47add017e56627db47add01b35a627db47add01b35a627db47add01000000000000000000000000000000001000000002000000000000000000000000000000000000000000000000000000000000000000000097062100000000002e00000000000000' +
    '70000000000000006de6617db47add016de6617db47add01ef3d627db47add01ef3d627db47add01000000000000000000000000000000001000000004000000000000000000000000000000000000000000000000000000000000000000000093c02000000000002e002e0000000000' +
    '0000000000000000ef3d627db47add01ef3d627db47add01806d627db47add01806d627db47add0106000000000000000010000000000000200000000a0000000000000000000000000000000000000000000000000000000000000000000000980621000000000073002e0074007800' +
    '7400',
  'hex',
);

describe('directory information classes (MS-FSCC 2.4)', () => {
  it('FileIdBothDirectoryInformation (2.4.22): one entry', () => {
    expect(decodeFileIdBothDirectoryInformation(ID_BOTH_ONE)).toEqual([
      {
        fileIndex: 0,
        creationTime: 0x01dd7ab47d623defn,
        lastAccessTime: 0x01dd7ab47d62cb0an,
        lastWriteTime: 0x01dd7ab47d626d80n,
        changeTime: 0x01dd7ab47d626d80n,
        endOfFile: 6n,
        allocationSize: 4096n,
        fileAttributes: FileAttributes.FILE_ATTRIBUTE_ARCHIVE,
        eaSize: 0,
        shortName: '',
        fileId: 0x210698n,
        fileName: 't.txt',
      },
    ]);
    expectEveryTruncationThrows(ID_BOTH_ONE, decodeFileIdBothDirectoryInformation, 1);
  });

  it('FileIdBothDirectoryInformation: a real three-entry listing', () => {
    const entries = decodeFileIdBothDirectoryInformation(ID_BOTH_THREE);
    expect(entries.map((e) => e.fileName)).toEqual(['.', '..', 's.txt']);
    expect(entries.map((e) => e.fileAttributes & FileAttributes.FILE_ATTRIBUTE_DIRECTORY)).toEqual([0x10, 0x10, 0]);
    expect(entries[2].endOfFile).toBe(6n);
    expect(entries[1].fileId).toBe(0x20c093n);
    expectEveryTruncationThrows(ID_BOTH_THREE, decodeFileIdBothDirectoryInformation, 1);
  });

  it('an empty buffer is an empty listing', () => {
    expect(decodeFileIdBothDirectoryInformation(Buffer.alloc(0))).toEqual([]);
  });

  it('NextEntryOffset pointing outside the buffer throws DecodeError', () => {
    const bad = Buffer.from(ID_BOTH_THREE);
    bad.writeUInt32LE(0x1000, 0);
    expect(() => decodeFileIdBothDirectoryInformation(bad)).toThrow(DecodeError);
  });

  it('NextEntryOffset pointing back into the entry throws DecodeError', () => {
    const bad = Buffer.from(ID_BOTH_THREE);
    bad.writeUInt32LE(8, 0); // smaller than the 104-byte fixed part
    expect(() => decodeFileIdBothDirectoryInformation(bad)).toThrow(DecodeError);
    const overlap = Buffer.from(ID_BOTH_THREE);
    overlap.writeUInt32LE(104, 0); // the fixed part fits, the name overruns into the next entry
    overlap.writeUInt32LE(0x40, 60); // FileNameLength 64
    expect(() => decodeFileIdBothDirectoryInformation(overlap)).toThrow(DecodeError);
  });

  it('a ShortNameLength beyond 24 bytes throws DecodeError', () => {
    const bad = Buffer.from(ID_BOTH_ONE);
    bad[68] = 26;
    expect(() => decodeFileIdBothDirectoryInformation(bad)).toThrow(DecodeError);
  });

  const HEAD = [
    '07000000', // FileIndex
    T1, // CreationTime
    T2, // LastAccessTime
    T3, // LastWriteTime
    T3, // ChangeTime
    '0500000000000000', // EndOfFile 5
    '0010000000000000', // AllocationSize
  ];
  const common = {
    fileIndex: 7,
    creationTime: 0x01dd7ab47d623defn,
    lastAccessTime: 0x01dd7ab47d62cb0an,
    lastWriteTime: 0x01dd7ab47d626d80n,
    changeTime: 0x01dd7ab47d626d80n,
    endOfFile: 5n,
    allocationSize: 4096n,
  };

  it('FileDirectoryInformation (2.4.10)', () => {
    const buf = bytes(
      '00000000', // NextEntryOffset
      ...HEAD,
      '80000000', // FileAttributes: NORMAL
      '02000000', // FileNameLength
      utf16('a'), // FileName
    );
    expect(decodeFileDirectoryInformation(buf)).toEqual([{ ...common, fileAttributes: 0x80, fileName: 'a' }]);
    expectEveryTruncationThrows(buf, decodeFileDirectoryInformation, 1);
  });

  it('FileFullDirectoryInformation (2.4.15): EaSize, and the reparse tag in it for a reparse point', () => {
    const buf = bytes(
      '48000000', // NextEntryOffset 72
      ...HEAD,
      '80000000', // FileAttributes: NORMAL
      '02000000', // FileNameLength
      '10000000', // EaSize 16
      utf16('a'), // FileName
      '0000', // padding to 72
      '00000000', // NextEntryOffset: last
      ...HEAD,
      '00040000', // FileAttributes: REPARSE_POINT
      '04000000', // FileNameLength
      '0c0000a0', // EaSize holds IO_REPARSE_TAG_SYMLINK
      utf16('ln'), // FileName
    );
    expect(decodeFileFullDirectoryInformation(buf)).toEqual([
      { ...common, fileAttributes: 0x80, eaSize: 16, fileName: 'a' },
      { ...common, fileAttributes: 0x400, eaSize: ReparseTag.IO_REPARSE_TAG_SYMLINK, reparseTag: ReparseTag.IO_REPARSE_TAG_SYMLINK, fileName: 'ln' },
    ]);
    expectEveryTruncationThrows(buf, decodeFileFullDirectoryInformation, 1);
  });

  it('FileIdFullDirectoryInformation (2.4.24)', () => {
    const buf = bytes(
      '00000000', // NextEntryOffset
      ...HEAD,
      '20000000', // FileAttributes
      '02000000', // FileNameLength
      '00000000', // EaSize
      '00000000', // Reserved
      '2a00000000000000', // FileId 42
      utf16('z'), // FileName
    );
    expect(decodeFileIdFullDirectoryInformation(buf)).toEqual([{ ...common, fileAttributes: 0x20, eaSize: 0, fileId: 42n, fileName: 'z' }]);
    expectEveryTruncationThrows(buf, decodeFileIdFullDirectoryInformation, 1);
  });

  it('FileBothDirectoryInformation (2.4.8) with a short name', () => {
    const buf = bytes(
      '00000000', // NextEntryOffset
      ...HEAD,
      '20000000', // FileAttributes
      '14000000', // FileNameLength 20
      '00000000', // EaSize
      '10', // ShortNameLength 16
      '00', // Reserved1
      utf16('LONGNA~1'), '00'.repeat(8), // ShortName (24 bytes)
      utf16('longname.x'), // FileName
    );
    expect(decodeFileBothDirectoryInformation(buf)).toEqual([{ ...common, fileAttributes: 0x20, eaSize: 0, shortName: 'LONGNA~1', fileName: 'longname.x' }]);
    expectEveryTruncationThrows(buf, decodeFileBothDirectoryInformation, 1);
  });

  it('FileNamesInformation (2.4.33)', () => {
    const buf = bytes(
      '10000000', // NextEntryOffset 16
      '00000000', // FileIndex
      '02000000', // FileNameLength
      utf16('a'), // FileName
      '0000', // padding
      '00000000', // NextEntryOffset: last
      '01000000', // FileIndex
      '04000000', // FileNameLength
      utf16('bc'), // FileName
    );
    expect(decodeFileNamesInformation(buf)).toEqual([
      { fileIndex: 0, fileName: 'a' },
      { fileIndex: 1, fileName: 'bc' },
    ]);
    expectEveryTruncationThrows(buf, decodeFileNamesInformation, 1);
  });
});
