import { FsError } from '../vfs/errors.js';
import type { OpOptions } from '../vfs/types.js';
import { decodeFileFullEaInformation, encodeFileFullEaInformation, encodeFileGetEaInformation } from '../smb-common/fscc/ea.js';
import { FileInformationClass } from '../smb-common/fscc/info-classes.js';
import type { Smb2FileSystem } from './client.js';
import { Smb2AccessMask as A, Smb2CreateDisposition as D, Smb2CreateOptions as O } from './protocol/constants.js';
import { RELATED_FILE_ID as RELATED } from './protocol/fileid.js';
import { Smb2InfoType } from './protocol/info-types.js';
import { decodeQueryInfoResponse } from './protocol/query-info.js';
import { queryInfoRequest, setInfoRequest } from './requests.js';
import { STATUS } from '../smb-common/ntstatus.js';

const USER = 'user.';
const EA_BUFFER = 65536;

/**
 * Extended attributes as SMB extended attributes (MS-FSCC 2.4.15 FileFullEaInformation).
 * Samba stores an EA `name` as the Linux xattr `user.name`, so the VFS's `user.*` namespace
 * maps onto EAs and other namespaces are not reachable. An EA with an empty value does not
 * exist in SMB: setting one removes it.
 */
export class SmbXattrs {
  constructor(private readonly fs: Smb2FileSystem) {}

  private eaName(name: string, syscall: string, path: string): string {
    if (!name.startsWith(USER) || name.length === USER.length) throw new FsError('EOPNOTSUPP', `only the user.* namespace is stored in SMB extended attributes (got '${name}')`, { syscall, path });
    const ea = name.slice(USER.length);
    if (Buffer.byteLength(ea, 'latin1') > 255 || /[^\x20-\x7e]/.test(ea)) throw new FsError('EINVAL', `extended attribute name '${name}' is not a printable ASCII name of at most 255 bytes`, { syscall, path });
    return ea;
  }

  private async query(path: string, syscall: string, names: string[], opts: OpOptions) {
    const input: Buffer = names.length ? encodeFileGetEaInformation(names) : Buffer.alloc(0);
    const res = await this.fs.withOpen(
      path,
      syscall,
      { desiredAccess: A.FILE_READ_EA | A.FILE_READ_ATTRIBUTES, disposition: D.FILE_OPEN, options: 0 },
      [queryInfoRequest(RELATED, Smb2InfoType.SMB2_0_INFO_FILE, FileInformationClass.FileFullEaInformation, EA_BUFFER, input)],
      opts,
      undefined,
      [STATUS.NO_EAS_ON_FILE],
    );
    if (res[1].header.status === STATUS.NO_EAS_ON_FILE) return [];
    return decodeFileFullEaInformation(decodeQueryInfoResponse(res[1].reader.seek(64)).outputBuffer);
  }

  async get(path: string, name: string, opts: OpOptions): Promise<Buffer> {
    const ea = this.eaName(name, 'getxattr', path);
    const found = (await this.query(path, 'getxattr', [ea], opts)).find((e) => e.name.toLowerCase() === ea.toLowerCase());
    if (!found || found.value.length === 0) throw new FsError('ENODATA', 'no such extended attribute', { syscall: 'getxattr', path });
    return Buffer.from(found.value);
  }

  async list(path: string, opts: OpOptions): Promise<string[]> {
    return (await this.query(path, 'listxattr', [], opts)).filter((e) => e.value.length > 0).map((e) => USER + e.name);
  }

  async set(path: string, name: string, value: Buffer, opts: OpOptions): Promise<void> {
    const ea = this.eaName(name, 'setxattr', path);
    if (value.length === 0) throw new FsError('EINVAL', 'SMB cannot store an empty extended attribute value', { syscall: 'setxattr', path });
    await this.write(path, 'setxattr', ea, value, opts);
  }

  async remove(path: string, name: string, opts: OpOptions): Promise<void> {
    const ea = this.eaName(name, 'removexattr', path);
    await this.get(path, name, opts).catch((e: unknown) => {
      if (e instanceof FsError && e.code === 'ENODATA') throw new FsError('ENODATA', 'no such extended attribute', { syscall: 'removexattr', path });
      throw e;
    });
    await this.write(path, 'removexattr', ea, Buffer.alloc(0), opts);
  }

  private async write(path: string, syscall: string, ea: string, value: Buffer, opts: OpOptions): Promise<void> {
    await this.fs.withOpen(path, syscall, { desiredAccess: A.FILE_WRITE_EA | A.FILE_READ_ATTRIBUTES, disposition: D.FILE_OPEN, options: O.FILE_OPEN_REPARSE_POINT }, [
      setInfoRequest(RELATED, Smb2InfoType.SMB2_0_INFO_FILE, FileInformationClass.FileFullEaInformation, encodeFileFullEaInformation([{ flags: 0, name: ea, value }])),
    ], opts);
  }
}
