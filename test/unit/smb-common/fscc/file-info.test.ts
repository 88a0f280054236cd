import { describe, expect, it } from 'vitest';
import {
  decodeFileAllInformation,
  decodeFileAttributeTagInformation,
  decodeFileBasicInformation,
  decodeFileEaInformation,
  decodeFileInternalInformation,
  decodeFileNameInformation,
  decodeFileNetworkOpenInformation,
  decodeFileStandardInformation,
  FileAttributes,
  FileInformationClass,
  FsInformationClass,
  ReparseTag,
} from '../../../../src/smb-common/fscc/index.js';
import { bytes, utf16 } from '../golden.js';
import { expectEveryTruncationThrows } from '../truncation.js';

const T1 = 'ef3d627db47add01';
const T2 = '806d627db47add01';

describe('file information classes (MS-FSCC 2.4)', () => {
  it('class numbers (MS-FSCC 2.4, 2.5; as the reference capture uses them)', () => {
    expect(FileInformationClass.FileIdBothDirectoryInformation).toBe(0x25);
    expect(FileInformationClass.FileAllInformation).toBe(18);
    expect(FileInformationClass.FileRenameInformation).toBe(10);
    expect(FileInformationClass.FileDispositionInformation).toBe(13);
    expect(FileInformationClass.FilePosixInformation).toBe(100);
    expect(FsInformationClass.FileFsSizeInformation).toBe(3);
    expect(FsInformationClass.FileFsFullSizeInformation).toBe(7);
  });

  it('FileAllInformation from smbd (reference capture frame 71)', () => {
    const buf = bytes(
      T1, // CreationTime
      T1, // LastAccessTime
      T2, // LastWriteTime
      T2, // ChangeTime
      '20000000', // FileAttributes: ARCHIVE
      '00000000', // Reserved
      '0010000000000000', // AllocationSize 4096
      '0600000000000000', // EndOfFile 6
      '01000000', // NumberOfLinks
      '00', // DeletePending
      '00', // Directory
      '0000', // Reserved
      '9806210000000000', // IndexNumber
      '00000000', // EaSize
      '89001200', // AccessFlags
      '0000000000000000', // CurrentByteOffset
      '20000000', // Mode: FILE_SYNCHRONOUS_IO_NONALERT
      '00000000', // AlignmentRequirement
      '1a000000', // FileNameLength 26
      utf16('\\capdir\\t.txt'), // FileName
    );
    // The golden layout is exactly the captured output buffer.
    expect(buf.toString('hex')).toBe(
      'ef3d627db47add01ef3d627db47add01806d627db47add01806d627db47add01200000000000000000100000000000000600000000000000010000000000000098062100000000000000000089001200000000000000000020000000000000001a0000005c006300610070006400690072005c0074002e00740078007400',
    );
    const all = decodeFileAllInformation(buf);
    expect(all.basic).toEqual({
      creationTime: 0x01dd7ab47d623defn,
      lastAccessTime: 0x01dd7ab47d623defn,
      lastWriteTime: 0x01dd7ab47d626d80n,
      changeTime: 0x01dd7ab47d626d80n,
      fileAttributes: FileAttributes.FILE_ATTRIBUTE_ARCHIVE,
    });
    expect(all.standard).toEqual({ allocationSize: 4096n, endOfFile: 6n, numberOfLinks: 1, deletePending: false, directory: false });
    expect(all.internal.indexNumber).toBe(0x210698n);
    expect(all.ea.eaSize).toBe(0);
    expect(all.accessFlags).toBe(0x00120089);
    expect(all.currentByteOffset).toBe(0n);
    expect(all.mode).toBe(0x20);
    expect(all.alignmentRequirement).toBe(0);
    expect(all.name.fileName).toBe('\\capdir\\t.txt');
    expectEveryTruncationThrows(buf, decodeFileAllInformation);
  });

  it('FileBasicInformation (2.4.7)', () => {
    const buf = bytes(
      T1, // CreationTime
      '0000000000000000', // LastAccessTime (unknown)
      T2, // LastWriteTime
      T2, // ChangeTime
      '10000000', // FileAttributes: DIRECTORY
      '00000000', // Reserved
    );
    expect(decodeFileBasicInformation(buf)).toEqual({
      creationTime: 0x01dd7ab47d623defn,
      lastAccessTime: 0n,
      lastWriteTime: 0x01dd7ab47d626d80n,
      changeTime: 0x01dd7ab47d626d80n,
      fileAttributes: FileAttributes.FILE_ATTRIBUTE_DIRECTORY,
    });
    expectEveryTruncationThrows(buf, decodeFileBasicInformation);
  });

  it('FileStandardInformation (2.4.47)', () => {
    const buf = bytes(
      '0000100000000000', // AllocationSize 1 MiB
      'ffffffffff000000', // EndOfFile 0xffffffffff
      '03000000', // NumberOfLinks
      '01', // DeletePending
      '01', // Directory
      '0000', // Reserved
    );
    expect(decodeFileStandardInformation(buf)).toEqual({ allocationSize: 0x100000n, endOfFile: 0xffffffffffn, numberOfLinks: 3, deletePending: true, directory: true });
    expectEveryTruncationThrows(buf, decodeFileStandardInformation);
  });

  it('FileInternalInformation (2.4.27), FileEaInformation (2.4.13), FileNameInformation (2.4.32)', () => {
    const internal = bytes('0102030405060708'); // IndexNumber
    expect(decodeFileInternalInformation(internal).indexNumber).toBe(0x0807060504030201n);
    expectEveryTruncationThrows(internal, decodeFileInternalInformation);
    const ea = bytes('2a000000'); // EaSize 42
    expect(decodeFileEaInformation(ea).eaSize).toBe(42);
    expectEveryTruncationThrows(ea, decodeFileEaInformation);
    // FileAlternateNameInformation from smbd (reference capture frame 79).
    const name = bytes(
      '0a000000', // FileNameLength 10
      utf16('t.txt'), // FileName
    );
    expect(decodeFileNameInformation(name).fileName).toBe('t.txt');
    expectEveryTruncationThrows(name, decodeFileNameInformation);
  });

  it('FileNetworkOpenInformation (2.4.34)', () => {
    const buf = bytes(
      T1, // CreationTime
      T1, // LastAccessTime
      T2, // LastWriteTime
      T2, // ChangeTime
      '0010000000000000', // AllocationSize
      '0600000000000000', // EndOfFile
      '80000000', // FileAttributes: NORMAL
      '00000000', // Reserved
    );
    expect(decodeFileNetworkOpenInformation(buf)).toEqual({
      creationTime: 0x01dd7ab47d623defn,
      lastAccessTime: 0x01dd7ab47d623defn,
      lastWriteTime: 0x01dd7ab47d626d80n,
      changeTime: 0x01dd7ab47d626d80n,
      allocationSize: 4096n,
      endOfFile: 6n,
      fileAttributes: FileAttributes.FILE_ATTRIBUTE_NORMAL,
    });
    expectEveryTruncationThrows(buf, decodeFileNetworkOpenInformation);
  });

  it('FileAttributeTagInformation (2.4.6)', () => {
    const buf = bytes(
      '00040000', // FileAttributes: REPARSE_POINT
      '0c0000a0', // ReparseTag: IO_REPARSE_TAG_SYMLINK
    );
    expect(decodeFileAttributeTagInformation(buf)).toEqual({ fileAttributes: FileAttributes.FILE_ATTRIBUTE_REPARSE_POINT, reparseTag: ReparseTag.IO_REPARSE_TAG_SYMLINK });
    expectEveryTruncationThrows(buf, decodeFileAttributeTagInformation);
  });
});
