import { readInPieces, writeInPieces } from '../vfs/helpers/pieces.js';
import { FsError } from '../vfs/errors.js';
import type { FileHandle, LockRange, OpenOptions, OpOptions, Stat } from '../vfs/types.js';
import { STATUS } from '../smb-common/ntstatus.js';
import { FileInformationClass } from '../smb-common/fscc/info-classes.js';
import { encodeFileEndOfFileInformation } from '../smb-common/fscc/set-info.js';
import { MAX_SYMLINK_HOPS, type Smb2FileSystem } from './client.js';
import { pathAfterSymlink } from './symlink-error.js';
import { Smb2AccessMask as A, Smb2CreateDisposition as D, Smb2CreateOptions as O } from './protocol/constants.js';
import { decodeCreateResponse, type CreateResponse } from './protocol/create.js';
import type { FileId } from './protocol/fileid.js';
import { Smb2InfoType } from './protocol/info-types.js';
import { decodeReadResponse } from './protocol/read.js';
import { decodeWriteResponse } from './protocol/write.js';
import { LockFlags } from './protocol/lock.js';
import { closeRequest, createRequest, flushRequest, lockRequest, queryInfoRequest, readRequest, setInfoRequest, writeRequest } from './requests.js';
import { statusError } from './status.js';

/** MS-SMB2 3.2.4.3 CREATE arguments for POSIX open(2) flags. */
function createArgs(how: OpenOptions): { access: number; disposition: number } {
  let access = A.FILE_READ_ATTRIBUTES;
  if (how.read || !how.write) access |= A.FILE_READ_DATA;
  if (how.write) access |= A.FILE_WRITE_DATA | A.FILE_APPEND_DATA | A.FILE_WRITE_ATTRIBUTES;
  let disposition: number = D.FILE_OPEN;
  if (how.create && how.exclusive) disposition = D.FILE_CREATE;
  else if (how.create && how.truncate) disposition = D.FILE_OVERWRITE_IF;
  else if (how.create) disposition = D.FILE_OPEN_IF;
  else if (how.truncate) disposition = D.FILE_OVERWRITE;
  return { access, disposition };
}

/** An open file: READ/WRITE/FLUSH/LOCK on its FileId, split at the negotiated sizes and pipelined. */
export class Smb2Handle implements FileHandle {
  private closed = false;
  private size: number;

  private constructor(
    private readonly fs: Smb2FileSystem,
    readonly path: string,
    private readonly fileId: FileId,
    created: CreateResponse,
    private readonly how: OpenOptions,
  ) {
    this.size = Number(created.endOfFile);
  }

  static async open(fs: Smb2FileSystem, path: string, how: OpenOptions, opts: OpOptions): Promise<Smb2Handle> {
    fs.checkOpen('open', path);
    if (how.truncate && !how.write) throw new FsError('EINVAL', 'truncate needs write access', { syscall: 'open', path });
    const { access, disposition } = createArgs(how);
    let p = path;
    for (let hop = 0; hop < MAX_SYMLINK_HOPS; hop++) {
      const res = await fs.sendOne(createRequest(fs.createSpec(p, 'open', { desiredAccess: access, disposition, options: O.FILE_NON_DIRECTORY_FILE }, how.mode ?? 0o644)), opts, 'open', path);
      if (res.header.status === STATUS.STOPPED_ON_SYMLINK) {
        const next = pathAfterSymlink(p, res);
        if (next === null) throw new FsError('ENOENT', 'symbolic link points outside the share', { syscall: 'open', path });
        p = next;
        continue;
      }
      if (res.header.status !== 0) throw statusError(res.header.status, { syscall: 'open', path });
      const created = decodeCreateResponse(res.reader.seek(64));
      return new Smb2Handle(fs, path, created.fileId, created, how);
    }
    throw new FsError('ELOOP', 'too many levels of symbolic links', { syscall: 'open', path });
  }

  private check(syscall: string): void {
    if (this.closed) throw new FsError('EBADF', 'file handle is closed', { syscall, path: this.path });
    this.fs.checkOpen(syscall, this.path);
  }

  async read(buffer: Buffer, offset: number, length: number, position: number, opts: OpOptions = {}): Promise<number> {
    this.check('read');
    if (!this.how.read && this.how.write) throw new FsError('EBADF', 'handle not open for reading', { syscall: 'read', path: this.path });
    return readInPieces(length, this.fs.maxRead, (done, n) => this.readPiece(buffer, offset + done, n, position + done, opts));
  }

  private async readPiece(buffer: Buffer, at: number, length: number, position: number, opts: OpOptions): Promise<number> {
    const res = await this.fs.sendOne(readRequest(this.fileId, position, length), opts, 'read', this.path);
    if (res.header.status === STATUS.END_OF_FILE) return 0;
    if (res.header.status !== 0) throw statusError(res.header.status, { syscall: 'read', path: this.path });
    const data = decodeReadResponse(res.reader.seek(64)).data;
    const n = Math.min(data.length, length);
    data.copy(buffer, at, 0, n);
    res.release();
    return n;
  }

  async write(data: Buffer, position: number, opts: OpOptions = {}): Promise<number> {
    this.check('write');
    if (!this.how.write) throw new FsError('EBADF', 'handle not open for writing', { syscall: 'write', path: this.path });
    const base = this.how.append ? this.size : position;
    await writeInPieces(data, this.fs.maxWrite, (chunk, done) => this.writePiece(chunk, base + done, opts));
    this.size = Math.max(this.size, base + data.length);
    return data.length;
  }

  private async writePiece(piece: Buffer, position: number, opts: OpOptions): Promise<void> {
    const res = await this.fs.sendOne(writeRequest(this.fileId, position, piece), opts, 'write', this.path);
    if (res.header.status !== 0) throw statusError(res.header.status, { syscall: 'write', path: this.path });
    const count = decodeWriteResponse(res.reader.seek(64)).count;
    if (count !== piece.length) throw new FsError('EIO', `server wrote ${count} of ${piece.length} bytes`, { syscall: 'write', path: this.path });
  }

  async stat(opts: OpOptions = {}): Promise<Stat> {
    this.check('fstat');
    const res = await this.fs.sendOne(statOn(this.fs, this.fileId), opts, 'fstat', this.path);
    if (res.header.status !== 0) throw statusError(res.header.status, { syscall: 'fstat', path: this.path });
    const st = this.fs.statFromReply(0, res);
    this.size = st.size;
    return st;
  }

  async truncate(size: number, opts: OpOptions = {}): Promise<void> {
    this.check('ftruncate');
    const res = await this.fs.sendOne(setInfoRequest(this.fileId, Smb2InfoType.SMB2_0_INFO_FILE, FileInformationClass.FileEndOfFileInformation, encodeFileEndOfFileInformation(BigInt(size))), opts, 'ftruncate', this.path);
    if (res.header.status !== 0) throw statusError(res.header.status, { syscall: 'ftruncate', path: this.path });
    this.size = size;
  }

  async sync(opts: OpOptions = {}): Promise<void> {
    this.check('fsync');
    const res = await this.fs.sendOne(flushRequest(this.fileId), opts, 'fsync', this.path);
    if (res.header.status !== 0) throw statusError(res.header.status, { syscall: 'fsync', path: this.path });
  }

  async lock(range: LockRange, opts: OpOptions = {}): Promise<void> {
    this.check('lock');
    const flags = (range.exclusive ? LockFlags.SMB2_LOCKFLAG_EXCLUSIVE_LOCK : LockFlags.SMB2_LOCKFLAG_SHARED_LOCK) | (range.wait ? 0 : LockFlags.SMB2_LOCKFLAG_FAIL_IMMEDIATELY);
    const res = await this.fs.sendOne(lockRequest(this.fileId, [{ offset: BigInt(range.offset), length: BigInt(range.length), flags }]), { ...opts, timeoutMs: range.wait ? 0 : undefined }, 'lock', this.path);
    if (res.header.status === STATUS.LOCK_NOT_GRANTED || res.header.status === STATUS.FILE_LOCK_CONFLICT) {
      throw new FsError('EAGAIN', 'the range is locked by another open', { syscall: 'lock', path: this.path, protocol: 'smb2', status: res.header.status === STATUS.LOCK_NOT_GRANTED ? 'STATUS_LOCK_NOT_GRANTED' : 'STATUS_FILE_LOCK_CONFLICT', statusCode: res.header.status });
    }
    if (res.header.status !== 0) throw statusError(res.header.status, { syscall: 'lock', path: this.path });
  }

  async unlock(range: { offset: number; length: number }, opts: OpOptions = {}): Promise<void> {
    this.check('unlock');
    const res = await this.fs.sendOne(lockRequest(this.fileId, [{ offset: BigInt(range.offset), length: BigInt(range.length), flags: LockFlags.SMB2_LOCKFLAG_UNLOCK }]), opts, 'unlock', this.path);
    if (res.header.status !== 0) throw statusError(res.header.status, { syscall: 'unlock', path: this.path });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.fs.tree.conn.alive) return;
    const res = await this.fs.sendOne(closeRequest(this.fileId), {}, 'close', this.path);
    if (res.header.status !== 0 && res.header.status !== STATUS.FILE_CLOSED) throw statusError(res.header.status, { syscall: 'close', path: this.path });
  }
}

/** The stat query of a handle: the query request of the session, aimed at this FileId. */
function statOn(fs: Smb2FileSystem, fileId: FileId) {
  const cls = fs.posix ? FileInformationClass.FilePosixInformation : FileInformationClass.FileAllInformation;
  return queryInfoRequest(fileId, Smb2InfoType.SMB2_0_INFO_FILE, cls, 4096);
}
