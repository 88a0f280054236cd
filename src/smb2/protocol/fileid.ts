import type { Reader, Writer } from '../../wire/index.js';

/** MS-SMB2 2.2.14.1 SMB2_FILEID: Persistent (8 bytes) then Volatile (8 bytes). */
export interface FileId {
  persistent: bigint;
  volatile: bigint;
}

export const FILE_ID_SIZE = 16;

/** MS-SMB2 3.2.4.1.4: the FileId of a related compound request that refers to the previous CREATE's handle. */
export const RELATED_FILE_ID: Readonly<FileId> = Object.freeze({
  persistent: 0xffffffffffffffffn,
  volatile: 0xffffffffffffffffn,
});

export function readFileId(r: Reader): FileId {
  const persistent = r.u64le();
  const volatile = r.u64le();
  return { persistent, volatile };
}

export function writeFileId(w: Writer, id: FileId): void {
  w.u64le(id.persistent).u64le(id.volatile);
}
