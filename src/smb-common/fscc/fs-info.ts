import { Reader } from '../../wire/index.js';

// Decoders for the file system information classes (MS-FSCC 2.5).

/** MS-FSCC 2.5.9 FileFsVolumeInformation. */
export interface FileFsVolumeInformation {
  volumeCreationTime: bigint;
  volumeSerialNumber: number;
  supportsObjects: boolean;
  volumeLabel: string;
}

export function decodeFileFsVolumeInformation(buf: Buffer): FileFsVolumeInformation {
  const r = new Reader(buf);
  const volumeCreationTime = r.u64le();
  const volumeSerialNumber = r.u32le();
  const labelLength = r.u32le();
  const supportsObjects = r.u8() !== 0;
  r.skip(1); // Reserved
  return { volumeCreationTime, volumeSerialNumber, supportsObjects, volumeLabel: r.utf16le(labelLength) };
}

/** MS-FSCC 2.5.8 FileFsSizeInformation (24 bytes). */
export interface FileFsSizeInformation {
  totalAllocationUnits: bigint;
  availableAllocationUnits: bigint;
  sectorsPerAllocationUnit: number;
  bytesPerSector: number;
}

export function decodeFileFsSizeInformation(buf: Buffer): FileFsSizeInformation {
  const r = new Reader(buf);
  return {
    totalAllocationUnits: r.i64le(),
    availableAllocationUnits: r.i64le(),
    sectorsPerAllocationUnit: r.u32le(),
    bytesPerSector: r.u32le(),
  };
}

/** MS-FSCC 2.5.4 FileFsFullSizeInformation (32 bytes). */
export interface FileFsFullSizeInformation {
  totalAllocationUnits: bigint;
  callerAvailableAllocationUnits: bigint;
  actualAvailableAllocationUnits: bigint;
  sectorsPerAllocationUnit: number;
  bytesPerSector: number;
}

export function decodeFileFsFullSizeInformation(buf: Buffer): FileFsFullSizeInformation {
  const r = new Reader(buf);
  return {
    totalAllocationUnits: r.i64le(),
    callerAvailableAllocationUnits: r.i64le(),
    actualAvailableAllocationUnits: r.i64le(),
    sectorsPerAllocationUnit: r.u32le(),
    bytesPerSector: r.u32le(),
  };
}

/** MS-FSCC 2.5.1 FileFsAttributeInformation. */
export interface FileFsAttributeInformation {
  /** FileSystemAttributes table. */
  fileSystemAttributes: number;
  maximumComponentNameLength: number;
  fileSystemName: string;
}

export function decodeFileFsAttributeInformation(buf: Buffer): FileFsAttributeInformation {
  const r = new Reader(buf);
  const fileSystemAttributes = r.u32le();
  const maximumComponentNameLength = r.i32le();
  const nameLength = r.u32le();
  return { fileSystemAttributes, maximumComponentNameLength, fileSystemName: r.utf16le(nameLength) };
}
