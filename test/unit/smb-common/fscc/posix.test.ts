import { describe, expect, it } from 'vitest';
import {
  decodeFilePosixDirectoryInformation,
  decodeFilePosixInformation,
  decodePosixCreateContextInfo,
  posixModeFromWire,
  posixModeToWire,
} from '../../../../src/smb-common/fscc/index.js';
import { sidToString, sidToUnixId } from '../../../../src/smb-common/security/sid.js';
import { DecodeError } from '../../../../src/wire/index.js';
import { bytes, utf16 } from '../golden.js';
import { expectEveryTruncationThrows } from '../truncation.js';

// smb3_posix_cc_info (Samba librpc/idl/smb3posix.idl): a directory, mode 0755, uid 1001, gid 100.
const CC = [
  '02000000', // nlinks
  '00000000', // reparse_tag
  'ed110000', // posix_perms: POSIX_TYPE_DIR << 12 | 0755
  '0102', '000000000016', '01000000', 'e9030000', // owner S-1-22-1-1001
  '0102', '000000000016', '02000000', '64000000', // group S-1-22-2-100
];

// smb3_file_posix_information.
const INFO = [
  'ef3d627db47add01', // creation_time
  '0acb627db47add01', // last_access_time
  '806d627db47add01', // last_write_time
  '806d627db47add01', // change_time
  '0010000000000000', // end_of_file
  '0010000000000000', // allocation_size
  '10000000', // file_attributes: DIRECTORY
  '9806210000000000', // inode
  '03080000', // device
  '00000000', // reserved
  ...CC,
];

describe('SMB3 POSIX extensions', () => {
  it('create context response: nlinks, mode, owner and group SIDs', () => {
    const buf = bytes(...CC);
    const cc = decodePosixCreateContextInfo(buf);
    expect(cc.nlinks).toBe(2);
    expect(cc.mode).toBe(0x11ed);
    expect(sidToString(cc.owner)).toBe('S-1-22-1-1001');
    expect(sidToUnixId(cc.owner)).toEqual({ kind: 'uid', id: 1001 });
    expect(sidToUnixId(cc.group)).toEqual({ kind: 'gid', id: 100 });
    expectEveryTruncationThrows(buf, decodePosixCreateContextInfo);
  });

  it('FILE_POSIX_INFORMATION (query info class 100)', () => {
    const buf = bytes(...INFO);
    const info = decodeFilePosixInformation(buf);
    expect(info.inode).toBe(0x210698n);
    expect(info.device).toBe(0x803);
    expect(info.endOfFile).toBe(4096n);
    expect(info.fileAttributes).toBe(0x10);
    expect(info.lastWriteTime).toBe(0x01dd7ab47d626d80n);
    expect(posixModeFromWire(info.cc.mode, true)).toBe(0o40755);
    expectEveryTruncationThrows(buf, decodeFilePosixInformation);
  });

  it('SMB2_FIND_POSIX_INFORMATION directory entries', () => {
    const buf = bytes(
      '80000000', // NextEntryOffset 128
      '00000000', // FileIndex
      ...INFO,
      '02000000', // FileNameLength
      utf16('.'), // FileName
      '0000', // padding to 128 (8 + 68 + 44 + 4 + 2 = 126)
      '00000000', // NextEntryOffset: last
      '00000000', // FileIndex
      ...INFO,
      '06000000', // FileNameLength
      utf16('sub'), // FileName
    );
    const entries = decodeFilePosixDirectoryInformation(buf);
    expect(entries.map((e) => e.fileName)).toEqual(['.', 'sub']);
    expect(entries[1].cc.nlinks).toBe(2);
    expect(sidToUnixId(entries[1].cc.group)).toEqual({ kind: 'gid', id: 100 });
    expectEveryTruncationThrows(buf, decodeFilePosixDirectoryInformation, 1);
    const bad = Buffer.from(buf);
    bad.writeUInt32LE(16, 0); // NextEntryOffset back into the entry
    expect(() => decodeFilePosixDirectoryInformation(bad)).toThrow(DecodeError);
  });

  it('maps wire modes to st_mode and back', () => {
    expect(posixModeFromWire(0o0644, false)).toBe(0o100644); // POSIX_TYPE_FILE
    expect(posixModeFromWire(0o0755, true)).toBe(0o040755); // older servers: type 0 on a directory
    expect(posixModeFromWire((2 << 12) | 0o777, false)).toBe(0o120777); // symlink
    expect(posixModeFromWire((3 << 12) | 0o600, false)).toBe(0o020600); // character device
    expect(posixModeFromWire((4 << 12) | 0o600, false)).toBe(0o060600); // block device
    expect(posixModeFromWire((5 << 12) | 0o644, false)).toBe(0o010644); // FIFO
    expect(posixModeFromWire((6 << 12) | 0o755, false)).toBe(0o140755); // socket
    expect(posixModeFromWire((6 << 12) | 0o7777, false)).toBe(0o147777); // setuid, setgid, sticky kept
    expect(posixModeFromWire(9 << 12, false)).toBeUndefined();
    expect(posixModeToWire(0o040755)).toBe(0x11ed);
    expect(posixModeToWire(0o100644)).toBe(0o644);
    expect(posixModeToWire(0o644)).toBe(0o644);
  });
});
