import type { Reader } from '../../wire/index.js';

/** CreationTime, LastAccessTime, LastWriteTime, ChangeTime: FILETIMEs (MS-FSCC 2.1.1), kept raw. */
export interface FileTimes {
  creationTime: bigint;
  lastAccessTime: bigint;
  lastWriteTime: bigint;
  changeTime: bigint;
}

export function readFileTimes(r: Reader): FileTimes {
  return { creationTime: r.u64le(), lastAccessTime: r.u64le(), lastWriteTime: r.u64le(), changeTime: r.u64le() };
}

/** A FileNameLength-prefixed UTF-16LE name whose length field sits at the reader's position. */
export function readLengthPrefixedName(r: Reader): string {
  const len = r.u32le();
  return r.utf16le(len);
}
