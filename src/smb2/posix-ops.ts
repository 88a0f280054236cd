import { FsError } from '../vfs/errors.js';
import type { OpOptions } from '../vfs/types.js';
import { AceType, encodeSecurityDescriptor, nfsModeSid } from '../smb-common/security/descriptor.js';
import { unixIdToSid } from '../smb-common/security/sid.js';
import { decodeReparseData, encodeSymlinkReparse, ReparseTag, SYMLINK_FLAG_RELATIVE } from '../smb-common/fscc/reparse.js';
import type { Smb2FileSystem } from './client.js';
import { Smb2AccessMask as A, Smb2CreateDisposition as D, Smb2CreateOptions as O } from './protocol/constants.js';
import { FsctlCode } from './protocol/fsctl.js';
import { RELATED_FILE_ID as RELATED } from './protocol/fileid.js';
import { Smb2InfoType, SecurityInformation } from './protocol/info-types.js';
import { decodeIoctlResponse } from './protocol/ioctl.js';
import { ioctlRequest, setInfoRequest } from './requests.js';

const REPARSE_MAX = 16384;

/**
 * What the SMB3 POSIX extensions add (Samba 4.22, smb3 unix extensions): chmod through an
 * ACE for S-1-5-88-3-<mode>, chown through S-1-22-1/2 owner and group SIDs, symlinks as
 * IO_REPARSE_TAG_SYMLINK reparse points (MS-FSCC 2.1.2.4). Each is one compound.
 */
export class SmbPosixOps {
  constructor(private readonly fs: Smb2FileSystem) {}

  async chmod(path: string, mode: number, opts: OpOptions): Promise<void> {
    const sd = encodeSecurityDescriptor({ dacl: [{ type: AceType.ACCESS_ALLOWED_ACE_TYPE, flags: 0, mask: 0, sid: nfsModeSid(mode) }] });
    await this.fs.withOpen(path, 'chmod', { desiredAccess: A.WRITE_DAC | A.FILE_READ_ATTRIBUTES, disposition: D.FILE_OPEN, options: 0 }, [
      setInfoRequest(RELATED, Smb2InfoType.SMB2_0_INFO_SECURITY, 0, sd, SecurityInformation.DACL_SECURITY_INFORMATION),
    ], opts);
  }

  async chown(path: string, uid: number, gid: number, opts: OpOptions): Promise<void> {
    const owner = uid >= 0 ? unixIdToSid({ kind: 'uid', id: uid }) : undefined;
    const group = gid >= 0 ? unixIdToSid({ kind: 'gid', id: gid }) : undefined;
    if (!owner && !group) return;
    const info = (owner ? SecurityInformation.OWNER_SECURITY_INFORMATION : 0) | (group ? SecurityInformation.GROUP_SECURITY_INFORMATION : 0);
    await this.fs.withOpen(path, 'chown', { desiredAccess: A.WRITE_OWNER | A.FILE_READ_ATTRIBUTES, disposition: D.FILE_OPEN, options: O.FILE_OPEN_REPARSE_POINT }, [
      setInfoRequest(RELATED, Smb2InfoType.SMB2_0_INFO_SECURITY, 0, encodeSecurityDescriptor({ owner, group }), info),
    ], opts);
  }

  async symlink(target: string, path: string, opts: OpOptions): Promise<void> {
    if (target === '') throw new FsError('ENOENT', 'empty symlink target', { syscall: 'symlink', path });
    const reparse = encodeSymlinkReparse({ substituteName: target, printName: target, flags: target.startsWith('/') ? 0 : SYMLINK_FLAG_RELATIVE });
    await this.fs.withOpen(
      path,
      'symlink',
      { desiredAccess: A.DELETE | A.FILE_READ_ATTRIBUTES | A.FILE_WRITE_ATTRIBUTES, disposition: D.FILE_CREATE, options: O.FILE_OPEN_REPARSE_POINT | O.FILE_NON_DIRECTORY_FILE },
      [ioctlRequest(RELATED, FsctlCode.FSCTL_SET_REPARSE_POINT, reparse, 0)],
      opts,
      0o777,
    ).catch((e: unknown) => {
      // FILE_CREATE of a non-directory over a directory: the name exists (symlink(2) says EEXIST).
      if (e instanceof FsError && e.code === 'EISDIR') throw new FsError('EEXIST', 'the name exists (a directory)', { syscall: 'symlink', path, protocol: 'smb2', status: e.status, statusCode: e.statusCode });
      throw e;
    });
  }

  async readlink(path: string, opts: OpOptions): Promise<string> {
    const res = await this.fs.withOpen(path, 'readlink', { desiredAccess: A.FILE_READ_ATTRIBUTES, disposition: D.FILE_OPEN, options: O.FILE_OPEN_REPARSE_POINT }, [
      ioctlRequest(RELATED, FsctlCode.FSCTL_GET_REPARSE_POINT, Buffer.alloc(0), REPARSE_MAX),
    ], opts).catch((e: unknown) => {
      if (e instanceof FsError && e.status === 'STATUS_NOT_A_REPARSE_POINT') throw new FsError('EINVAL', 'not a symbolic link', { syscall: 'readlink', path, protocol: 'smb2', status: e.status });
      throw e;
    });
    const data = decodeReparseData(decodeIoctlResponse(res[1].reader.seek(64)).output);
    if (data.tag === ReparseTag.IO_REPARSE_TAG_SYMLINK && 'substituteName' in data) return data.substituteName.replace(/\\/g, '/');
    if (data.tag === ReparseTag.IO_REPARSE_TAG_NFS && 'target' in data) return data.target;
    throw new FsError('EINVAL', `not a symbolic link (reparse tag 0x${data.tag.toString(16)})`, { syscall: 'readlink', path });
  }
}
