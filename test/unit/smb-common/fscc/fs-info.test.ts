import { describe, expect, it } from 'vitest';
import {
  decodeFileFsAttributeInformation,
  decodeFileFsFullSizeInformation,
  decodeFileFsSizeInformation,
  decodeFileFsVolumeInformation,
  FileSystemAttributes,
} from '../../../../src/smb-common/fscc/index.js';
import { bytes, utf16 } from '../golden.js';
import { expectEveryTruncationThrows } from '../truncation.js';

describe('file system information classes (MS-FSCC 2.5)', () => {
  it('FileFsSizeInformation (2.5.8) from smbd (reference capture frame 31)', () => {
    const buf = bytes(
      '748ebf0f00000000', // TotalAllocationUnits
      '4887e50400000000', // AvailableAllocationUnits
      '02000000', // SectorsPerAllocationUnit
      '00020000', // BytesPerSector 512
    );
    expect(decodeFileFsSizeInformation(buf)).toEqual({ totalAllocationUnits: 0x0fbf8e74n, availableAllocationUnits: 0x04e58748n, sectorsPerAllocationUnit: 2, bytesPerSector: 512 });
    expectEveryTruncationThrows(buf, decodeFileFsSizeInformation);
  });

  it('FileFsFullSizeInformation (2.5.4)', () => {
    const buf = bytes(
      '0010000000000000', // TotalAllocationUnits 4096
      '0008000000000000', // CallerAvailableAllocationUnits 2048
      '0009000000000000', // ActualAvailableAllocationUnits 2304
      '08000000', // SectorsPerAllocationUnit
      '00020000', // BytesPerSector
    );
    expect(decodeFileFsFullSizeInformation(buf)).toEqual({
      totalAllocationUnits: 4096n,
      callerAvailableAllocationUnits: 2048n,
      actualAvailableAllocationUnits: 2304n,
      sectorsPerAllocationUnit: 8,
      bytesPerSector: 512,
    });
    expectEveryTruncationThrows(buf, decodeFileFsFullSizeInformation);
  });

  it('FileFsVolumeInformation (2.5.9)', () => {
    const buf = bytes(
      'ef3d627db47add01', // VolumeCreationTime
      '78563412', // VolumeSerialNumber
      '0a000000', // VolumeLabelLength 10
      '00', // SupportsObjects
      '00', // Reserved
      utf16('share'), // VolumeLabel
    );
    expect(decodeFileFsVolumeInformation(buf)).toEqual({ volumeCreationTime: 0x01dd7ab47d623defn, volumeSerialNumber: 0x12345678, supportsObjects: false, volumeLabel: 'share' });
    expectEveryTruncationThrows(buf, decodeFileFsVolumeInformation);
  });

  it('FileFsAttributeInformation (2.5.1)', () => {
    const buf = bytes(
      '8f000000', // FileSystemAttributes: CASE_SENSITIVE_SEARCH CASE_PRESERVED_NAMES UNICODE_ON_DISK PERSISTENT_ACLS SUPPORTS_REPARSE_POINTS
      'ff000000', // MaximumComponentNameLength 255
      '08000000', // FileSystemNameLength
      utf16('NTFS'), // FileSystemName
    );
    const info = decodeFileFsAttributeInformation(buf);
    expect(info).toEqual({ fileSystemAttributes: 0x8f, maximumComponentNameLength: 255, fileSystemName: 'NTFS' });
    expect(info.fileSystemAttributes & FileSystemAttributes.FILE_SUPPORTS_REPARSE_POINTS).not.toBe(0);
    expectEveryTruncationThrows(buf, decodeFileFsAttributeInformation);
  });
});
