import { FsError, type FsErrorInit } from '../vfs/errors.js';
import { dateToNs } from '../vfs/stat.js';
import type { DirEntry, FileHandle, FileSystem, OpenOptions, OpOptions, RenameOptions, Stat, StatFs } from '../vfs/types.js';
import { nsToFiletime } from '../smb-common/filetime.js';
import { STATUS } from '../smb-common/ntstatus.js';
import { FileAttributes } from '../smb-common/fscc/attributes.js';
import { FileInformationClass, FsInformationClass } from '../smb-common/fscc/info-classes.js';
import { decodeFileAllInformation } from '../smb-common/fscc/file-info.js';
import { decodeFileFsFullSizeInformation } from '../smb-common/fscc/fs-info.js';
import { decodeFilePosixInformation } from '../smb-common/fscc/posix.js';
import { encodeFileBasicInformation, encodeFileDispositionInformation, encodeFileEndOfFileInformation, encodeFileLinkInformation, encodeFileRenameInformation } from '../smb-common/fscc/set-info.js';
import type { Smb2Request, Smb2Response } from './connection.js';
import { Smb2AccessMask as A, Smb2CreateDisposition as D, Smb2CreateOptions as O } from './protocol/constants.js';
import { decodeCreateResponse } from './protocol/create.js';
import type { CreateRequestContext } from './protocol/create-contexts.js';
import { decodeQueryInfoResponse } from './protocol/query-info.js';
import { decodeReadResponse } from './protocol/read.js';
import { Smb2InfoType } from './protocol/info-types.js';
import { RELATED_FILE_ID as RELATED } from './protocol/fileid.js';
import { closeRequest, createRequest, queryInfoRequest, readRequest, related, setInfoRequest, writeRequest, type CreateSpec } from './requests.js';
import { statFromPosix, statFromWindows, type UnixDefaults } from './attrs.js';
import { resolveLink, smbName } from './paths.js';
import { MAX_SYMLINK_HOPS, resolveSymlinks } from '../vfs/symlinks.js';
import { pathAfterSymlink } from './symlink-error.js';
import { statusError } from './status.js';
import type { Smb2Tree } from './tree.js';
import type { Negotiated } from './negotiate.js';
import { Smb2Handle } from './handle.js';
import { readDirectory } from './readdir.js';
import { SmbPosixOps } from './posix-ops.js';
import { SmbXattrs } from './xattrs.js';

export { MAX_SYMLINK_HOPS } from '../vfs/symlinks.js';
const POSIX_DEFAULT_FILE_MODE = 0o644;
const POSIX_DEFAULT_DIR_MODE = 0o755;

/** The first failing element of a compound, as an FsError; undefined when all succeeded. */
export function compoundError(res: Smb2Response[], init: FsErrorInit, accept: number[] = []): FsError | undefined {
  for (const r of res) {
    const s = r.header.status;
    if (s !== 0 && !accept.includes(s)) return statusError(s, init);
  }
  return undefined;
}

/**
 * The SMB2/3 FileSystem (DESIGN.md: the VFS contract). Each common operation is one
 * compound, so one round trip: stat is CREATE+QUERY_INFO+CLOSE, a small read
 * CREATE+READ+CLOSE, a small write CREATE+WRITE+CLOSE, mkdir CREATE+CLOSE.
 */
export class Smb2FileSystem implements FileSystem {
  readonly protocol = 'smb2';
  readonly ioSize: number;
  readonly maxRead: number;
  readonly maxWrite: number;
  readonly maxTransact: number;
  readonly posix: boolean;
  private closed = false;
  private readonly posixOps: SmbPosixOps | undefined;
  private readonly xattrs: SmbXattrs;

  constructor(
    readonly tree: Smb2Tree,
    readonly negotiated: Negotiated,
    readonly defaults: UnixDefaults,
    private readonly onClose: () => Promise<void>,
  ) {
    const cap = tree.conn.multiCredit ? 8 * 1024 * 1024 : 65536;
    this.maxRead = Math.min(negotiated.maxReadSize, cap);
    this.maxWrite = Math.min(negotiated.maxWriteSize, cap);
    this.maxTransact = Math.min(negotiated.maxTransactSize, cap, 1024 * 1024);
    this.ioSize = Math.min(this.maxRead, this.maxWrite, 1024 * 1024);
    this.posix = negotiated.posix;
    this.xattrs = new SmbXattrs(this);
    if (this.posix) {
      this.posixOps = new SmbPosixOps(this);
    } else {
      // Without the POSIX extensions Samba hides symlinks and owners: these capabilities are absent.
      Object.assign(this, { symlink: undefined, readlink: undefined, chmod: undefined, chown: undefined, link: undefined });
    }
  }

  /** SMB messages sent so far (tests count round trips with it). */
  get messagesSent(): number {
    return this.tree.conn.messagesSent;
  }

  // ---- plumbing shared by the operations ----

  /** Sends a compound; when the connection itself fails, the error gets this operation's name and path. */
  async send(reqs: Smb2Request[], opts: OpOptions & { timeoutMs?: number }, syscall: string, path: string): Promise<Smb2Response[]> {
    try {
      return await this.tree.compound(reqs, opts);
    } catch (e) {
      throw e instanceof FsError ? e.withContext({ syscall, path, protocol: 'smb2' }) : e;
    }
  }

  async sendOne(req: Smb2Request, opts: OpOptions & { timeoutMs?: number }, syscall: string, path: string): Promise<Smb2Response> {
    return (await this.send([req], opts, syscall, path))[0];
  }

  checkOpen(syscall: string, path?: string): void {
    if (this.closed || !this.tree.conn.alive) throw new FsError('ENOTCONN', this.closed ? 'the file system was closed' : 'the connection to the server is gone', { syscall, path, protocol: 'smb2' });
  }

  name(path: string, syscall: string): string {
    return smbName(path, this.posix, syscall);
  }

  /** The POSIX create context for this session (with the mode for a new object). */
  posixContext(mode = 0): CreateRequestContext[] {
    return this.posix ? [{ type: 'POSIX', mode }] : [];
  }

  createSpec(path: string, syscall: string, spec: Omit<CreateSpec, 'name'>, mode?: number): CreateSpec {
    return { ...spec, name: this.name(path, syscall), contexts: [...(spec.contexts ?? []), ...this.posixContext(mode)] };
  }

  /** CREATE + the requests in between (related) + CLOSE as one compound; throws the first failure. */
  async withOpen(path: string, syscall: string, spec: Omit<CreateSpec, 'name'>, middle: Smb2Request[], opts: OpOptions = {}, mode?: number, accept: number[] = []): Promise<Smb2Response[]> {
    this.checkOpen(syscall, path);
    const res = await this.send([createRequest(this.createSpec(path, syscall, spec, mode)), ...middle.map(related), related(closeRequest())], opts, syscall, path);
    const err = compoundError(res, { syscall, path }, accept);
    if (err) throw err;
    return res;
  }

  statRequest(): Smb2Request {
    return this.posix
      ? queryInfoRequest(RELATED, Smb2InfoType.SMB2_0_INFO_FILE, FileInformationClass.FilePosixInformation, 4096)
      : queryInfoRequest(RELATED, Smb2InfoType.SMB2_0_INFO_FILE, FileInformationClass.FileAllInformation, 4096);
  }

  /** A Stat from the QUERY_INFO reply of statRequest(); createAttributes are the CREATE reply's FileAttributes, where known. */
  statFromReply(createAttributes: number, qi: Smb2Response): Stat {
    const out = decodeQueryInfoResponse(qi.reader.seek(64)).outputBuffer;
    if (this.posix) return statFromPosix(decodeFilePosixInformation(out), this.defaults);
    const all = decodeFileAllInformation(out);
    return statFromWindows({ ...all.basic, endOfFile: all.standard.endOfFile, allocationSize: all.standard.allocationSize, ino: all.internal.indexNumber, nlink: all.standard.numberOfLinks, reparseTag: createAttributes & FileAttributes.FILE_ATTRIBUTE_REPARSE_POINT ? 0xa000000c : undefined }, this.defaults);
  }

  /**
   * The path with every symlink in it replaced by its target; undefined when it holds none.
   * Samba stores the links netfs makes as reparse points and does not follow them inside a
   * path, so the client does, as a Windows client would: only after an operation failed,
   * so the common case costs nothing.
   */
  async resolveSymlinks(path: string, opts: OpOptions = {}): Promise<string | undefined> {
    const posix = this.posixOps;
    if (!posix) return undefined;
    return resolveSymlinks(path, { lstat: (p) => this.lstat(p, opts), readlink: (p) => posix.readlink(p, opts) });
  }

  /** Runs op on path; when it fails as a path through a symlink would (ENOENT, ENOTDIR), runs it again on the resolved path. */
  async followingLinks<T>(path: string, opts: OpOptions, op: (p: string) => Promise<T>): Promise<T> {
    try {
      return await op(path);
    } catch (e) {
      if (!(e instanceof FsError) || (e.code !== 'ENOENT' && e.code !== 'ENOTDIR')) throw e;
      const resolved = await this.resolveSymlinks(path, opts).catch(() => undefined);
      if (resolved === undefined || resolved === path) throw e;
      return op(resolved);
    }
  }

  // ---- metadata ----

  async lstat(path: string, opts: OpOptions = {}): Promise<Stat> {
    return this.statOnce(path, 'lstat', true, opts);
  }

  async stat(path: string, opts: OpOptions = {}): Promise<Stat> {
    return this.followingLinks(path, opts, (p) => this.statFollow(p, opts));
  }

  private async statFollow(path: string, opts: OpOptions): Promise<Stat> {
    let p = path;
    for (let hop = 0; hop < MAX_SYMLINK_HOPS; hop++) {
      try {
        const st = await this.statOnce(p, 'stat', false, opts);
        if (st.type !== 'symlink' || !this.posixOps) return st;
        const next = resolveLink(p, await this.posixOps.readlink(p, opts));
        if (next === null) return st; // a link out of the share: describe the link itself
        p = next;
      } catch (e) {
        const next = e instanceof StoppedOnSymlink ? e.resolved : undefined;
        if (next === undefined) throw e;
        if (next === null) throw new FsError('ENOENT', 'symbolic link points outside the share', { syscall: 'stat', path });
        p = next;
      }
    }
    throw new FsError('ELOOP', 'too many levels of symbolic links', { syscall: 'stat', path });
  }

  private async statOnce(path: string, syscall: string, noFollow: boolean, opts: OpOptions): Promise<Stat> {
    this.checkOpen(syscall, path);
    const res = await this.send(
      [
        createRequest(this.createSpec(path, syscall, { desiredAccess: A.FILE_READ_ATTRIBUTES, disposition: D.FILE_OPEN, options: noFollow || !this.posix ? O.FILE_OPEN_REPARSE_POINT : 0 })),
        related(this.statRequest()),
        related(closeRequest()),
      ],
      opts,
      syscall,
      path,
    );
    if (res[0].header.status === STATUS.STOPPED_ON_SYMLINK) throw new StoppedOnSymlink(path, res[0]);
    const err = compoundError(res, { syscall, path });
    if (err) throw err;
    return this.statFromReply(decodeCreateResponse(res[0].reader.seek(64)).fileAttributes, res[1]);
  }

  async readdir(path: string, opts: OpOptions = {}): Promise<DirEntry[]> {
    this.checkOpen('readdir', path);
    return this.followingLinks(path, opts, (p) => readDirectory(this, p, opts));
  }

  async statfs(path: string, opts: OpOptions = {}): Promise<StatFs> {
    const res = await this.withOpen(path, 'statfs', { desiredAccess: A.FILE_READ_ATTRIBUTES, disposition: D.FILE_OPEN, options: 0 }, [
      queryInfoRequest(RELATED, Smb2InfoType.SMB2_0_INFO_FILESYSTEM, FsInformationClass.FileFsFullSizeInformation, 256),
    ], opts);
    const fs = decodeFileFsFullSizeInformation(decodeQueryInfoResponse(res[1].reader.seek(64)).outputBuffer);
    const bsize = fs.sectorsPerAllocationUnit * fs.bytesPerSector;
    return {
      bsize,
      blocks: Number(fs.totalAllocationUnits),
      bfree: Number(fs.actualAvailableAllocationUnits),
      bavail: Number(fs.callerAvailableAllocationUnits),
      files: 0,
      ffree: 0,
      namemax: 255,
    };
  }

  // ---- namespace ----

  async mkdir(path: string, mode = POSIX_DEFAULT_DIR_MODE, opts: OpOptions = {}): Promise<void> {
    await this.withOpen(path, 'mkdir', { desiredAccess: A.FILE_READ_ATTRIBUTES, disposition: D.FILE_CREATE, options: O.FILE_DIRECTORY_FILE, fileAttributes: FileAttributes.FILE_ATTRIBUTE_DIRECTORY }, [], opts, mode);
  }

  private async remove(path: string, syscall: string, directory: boolean, opts: OpOptions): Promise<void> {
    await this.withOpen(
      path,
      syscall,
      { desiredAccess: A.DELETE | A.FILE_READ_ATTRIBUTES, disposition: D.FILE_OPEN, options: (directory ? O.FILE_DIRECTORY_FILE : O.FILE_NON_DIRECTORY_FILE) | O.FILE_OPEN_REPARSE_POINT },
      [setInfoRequest(RELATED, Smb2InfoType.SMB2_0_INFO_FILE, FileInformationClass.FileDispositionInformation, encodeFileDispositionInformation(true))],
      opts,
    );
  }

  async rmdir(path: string, opts: OpOptions = {}): Promise<void> {
    if (this.name(path, 'rmdir') === '') return Promise.reject(new FsError('EBUSY', 'cannot remove the root of the share', { syscall: 'rmdir', path }));
    return this.remove(path, 'rmdir', true, opts);
  }

  unlink(path: string, opts: OpOptions = {}): Promise<void> {
    return this.remove(path, 'unlink', false, opts);
  }

  async rename(from: string, to: string, opts: RenameOptions = {}): Promise<void> {
    const target = this.name(to, 'rename');
    if (target === '') throw new FsError('EBUSY', 'cannot rename onto the root of the share', { syscall: 'rename', path: from, dest: to });
    try {
      await this.withOpen(
        from,
        'rename',
        { desiredAccess: A.DELETE | A.FILE_READ_ATTRIBUTES, disposition: D.FILE_OPEN, options: O.FILE_OPEN_REPARSE_POINT },
        [setInfoRequest(RELATED, Smb2InfoType.SMB2_0_INFO_FILE, FileInformationClass.FileRenameInformation, encodeFileRenameInformation({ replaceIfExists: opts.replace !== false, fileName: target }))],
        opts,
      );
    } catch (e) {
      if (e instanceof FsError) throw new FsError(e.code, 'rename failed', { syscall: 'rename', path: from, dest: to, protocol: 'smb2', status: e.status, statusCode: e.statusCode });
      throw e;
    }
  }

  async link(existing: string, path: string, opts: OpOptions = {}): Promise<void> {
    await this.withOpen(
      existing,
      'link',
      { desiredAccess: A.FILE_READ_ATTRIBUTES, disposition: D.FILE_OPEN, options: O.FILE_NON_DIRECTORY_FILE | O.FILE_OPEN_REPARSE_POINT },
      [setInfoRequest(RELATED, Smb2InfoType.SMB2_0_INFO_FILE, FileInformationClass.FileLinkInformation, encodeFileLinkInformation({ replaceIfExists: false, fileName: this.name(path, 'link') }))],
      opts,
    );
  }

  // ---- attributes ----

  async truncate(path: string, size: number, opts: OpOptions = {}): Promise<void> {
    await this.withOpen(path, 'truncate', { desiredAccess: A.FILE_WRITE_DATA | A.FILE_READ_ATTRIBUTES, disposition: D.FILE_OPEN, options: O.FILE_NON_DIRECTORY_FILE }, [
      setInfoRequest(RELATED, Smb2InfoType.SMB2_0_INFO_FILE, FileInformationClass.FileEndOfFileInformation, encodeFileEndOfFileInformation(BigInt(size))),
    ], opts);
  }

  async utimes(path: string, atime: Date | bigint, mtime: Date | bigint, opts: OpOptions = {}): Promise<void> {
    const info = encodeFileBasicInformation({ lastAccessTime: nsToFiletime(dateToNs(atime)), lastWriteTime: nsToFiletime(dateToNs(mtime)) });
    await this.withOpen(path, 'utimes', { desiredAccess: A.FILE_WRITE_ATTRIBUTES | A.FILE_READ_ATTRIBUTES, disposition: D.FILE_OPEN, options: 0 }, [
      setInfoRequest(RELATED, Smb2InfoType.SMB2_0_INFO_FILE, FileInformationClass.FileBasicInformation, info),
    ], opts);
  }

  chmod(path: string, mode: number, opts: OpOptions = {}): Promise<void> {
    return (this.posixOps as SmbPosixOps).chmod(path, mode, opts);
  }
  chown(path: string, uid: number, gid: number, opts: OpOptions = {}): Promise<void> {
    return (this.posixOps as SmbPosixOps).chown(path, uid, gid, opts);
  }
  symlink(target: string, path: string, opts: OpOptions = {}): Promise<void> {
    return (this.posixOps as SmbPosixOps).symlink(target, path, opts);
  }
  readlink(path: string, opts: OpOptions = {}): Promise<string> {
    return (this.posixOps as SmbPosixOps).readlink(path, opts);
  }

  getxattr(path: string, name: string, opts: OpOptions = {}): Promise<Buffer> {
    return this.xattrs.get(path, name, opts);
  }
  setxattr(path: string, name: string, value: Buffer, opts: OpOptions = {}): Promise<void> {
    return this.xattrs.set(path, name, value, opts);
  }
  listxattr(path: string, opts: OpOptions = {}): Promise<string[]> {
    return this.xattrs.list(path, opts);
  }
  removexattr(path: string, name: string, opts: OpOptions = {}): Promise<void> {
    return this.xattrs.remove(path, name, opts);
  }

  // ---- data ----

  async open(path: string, how: OpenOptions = { read: true }, opts: OpOptions = {}): Promise<FileHandle> {
    return this.followingLinks(path, opts, (p) => Smb2Handle.open(this, p, how, opts));
  }

  /** One round trip: CREATE + READ + CLOSE. Undefined when the file is larger than maxBytes. */
  async readSmallFile(path: string, maxBytes: number, opts: OpOptions = {}): Promise<Buffer | undefined> {
    this.checkOpen('open', path);
    const len = Math.min(maxBytes, this.maxRead);
    const res = await this.send(
      [
        createRequest(this.createSpec(path, 'open', { desiredAccess: A.FILE_READ_DATA | A.FILE_READ_ATTRIBUTES, disposition: D.FILE_OPEN, options: O.FILE_NON_DIRECTORY_FILE })),
        related(readRequest(RELATED, 0, len)),
        related(closeRequest()),
      ],
      opts,
      'open',
      path,
    );
    if (res[0].header.status === STATUS.STOPPED_ON_SYMLINK) return undefined; // the handle path follows links
    const err = compoundError(res, { syscall: 'open', path }, [STATUS.END_OF_FILE]);
    if (err) throw err;
    const size = decodeCreateResponse(res[0].reader.seek(64)).endOfFile;
    if (size > BigInt(len)) return undefined;
    if (res[1].header.status === STATUS.END_OF_FILE) return Buffer.alloc(0);
    return Buffer.from(decodeReadResponse(res[1].reader.seek(64)).data);
  }

  /** One round trip: CREATE (overwrite or create) + WRITE + CLOSE. */
  async writeSmallFile(path: string, data: Buffer, opts: OpOptions = {}): Promise<void> {
    if (data.length > this.maxWrite) throw new FsError('EFBIG', `writeSmallFile takes at most ${this.maxWrite} bytes`, { syscall: 'write', path });
    const middle = data.length ? [writeRequest(RELATED, 0, data)] : [];
    await this.withOpen(path, 'open', { desiredAccess: A.FILE_WRITE_DATA | A.FILE_READ_ATTRIBUTES, disposition: D.FILE_OVERWRITE_IF, options: O.FILE_NON_DIRECTORY_FILE }, middle, opts, POSIX_DEFAULT_FILE_MODE);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.onClose();
  }
}


/** Thrown inside stat's loop: the server stopped on a symlink, and the path goes on at `resolved`. */
class StoppedOnSymlink extends Error {
  readonly resolved: string | null;
  constructor(path: string, res: Smb2Response) {
    super('stopped on symlink');
    this.resolved = pathAfterSymlink(path, res);
  }
}
