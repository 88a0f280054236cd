import { constants as fsc } from 'node:fs';
import type { FuseOperations, FuseStat, FuseStatfs } from 'fuse-native';
import { FsError } from '../vfs/errors.js';
import { dirname, joinPath, normalizePath } from '../vfs/path.js';
import { S_IFDIR, type FileHandle, type FileSystem, type Stat } from '../vfs/types.js';
import { MountCache, monotonicMs, type Clock } from './cache.js';
import { ErrnoMapper, type ErrorLog } from './errno.js';
import { HandleTable, type OpenFile } from './handles.js';
import { ReadAhead } from './read-ahead.js';
import { WriteBehind } from './write-behind.js';
import { pipelineWindow } from '../vfs/helpers/window.js';
import { toFuseStat, toFuseStatfs } from './stat.js';

export interface AdapterOptions {
  /** The directory of the FileSystem that the mount shows as its root (default '/'). */
  root?: string;
  /** How long attributes stay cached, in milliseconds (the mount option attr_timeout, in seconds). */
  attrTimeoutMs: number;
  /** How long a directory's names stay cached for lookups, in milliseconds (entry_timeout). */
  entryTimeoutMs: number;
  /** Refuse every change with EROFS. */
  readOnly?: boolean;
  /** Where unexpected errors are reported (once each). */
  log?: ErrorLog;
  clock?: Clock;
}

/**
 * UTIME_NOW as fuse-native 2.2.6 hands it over: it turns each timespec into whole
 * milliseconds, so tv_sec 0 with tv_nsec (1 << 30) - 1 arrives as 1073. libfuse 2.9 calls
 * utimens only when both times are set, so a time is either a value or "now".
 */
export const UTIME_NOW_MS = Math.floor(((1 << 30) - 1) / 1e6);

/** The names every listing starts with; readdir takes only their type and inode number. */
const DOT_ENTRIES = ['.', '..'];
/** A directory whose attributes are not at hand: inode 1 (0 would read as a deleted entry, and ls would skip it). */
const DIR_STUB: FuseStat = { mode: S_IFDIR | 0o755, uid: 0, gid: 0, size: 0, nlink: 2, ino: 1, atime: 0, mtime: 0, ctime: 0 };

/** xattrs are only stored in the user.* namespace; the kernel asks for others (security.capability on every write). */
const USER_XATTR = 'user.';
/** setxattr(2) flags. */
const XATTR_CREATE = 1;
const XATTR_REPLACE = 2;

type Cb = (result: number) => void;

/** open(2)'s access mode bits (node:fs has O_RDONLY, O_WRONLY, O_RDWR but not their mask). */
const O_ACCMODE = 3;

/**
 * FUSE requests (as fuse-native passes them) -> FileSystem calls. Paths from FUSE are
 * relative to the mount; file handles are numbers into a HandleTable; attributes and
 * directory names are cached (MountCache) and every change made here updates the cache.
 * Failures become -errno here and only here (ErrnoMapper).
 */
export class FuseAdapter {
  readonly handles = new HandleTable();
  readonly cache: MountCache;
  private readonly errors: ErrnoMapper;
  private readonly root: string;
  private readonly readOnly: boolean;

  constructor(
    readonly fs: FileSystem,
    opts: AdapterOptions,
  ) {
    this.root = normalizePath(opts.root ?? '/');
    this.readOnly = opts.readOnly ?? false;
    this.cache = new MountCache(opts.attrTimeoutMs, opts.entryTimeoutMs, opts.clock ?? monotonicMs);
    this.errors = new ErrnoMapper(opts.log ?? ((m) => process.stderr.write(m + '\n')));
  }

  /** The FileSystem path of a path FUSE gives (relative to the mount root). */
  vpath(path: string): string {
    // Normalised on its own first, so that no '..' climbs above the root.
    const p = normalizePath(path);
    return this.root === '/' ? p : joinPath(this.root, p);
  }

  /** Runs one request: work's value goes to done, a failure to fail as -errno. */
  private run<T>(op: string, path: string, work: () => Promise<T>, done: (value: T) => void, fail: (errno: number) => void): void {
    let p: Promise<T>;
    try {
      p = work();
    } catch (e) {
      p = Promise.reject(e);
    }
    p.then(done, (e: unknown) => fail(this.errors.toErrno(e, op, path))).catch((e: unknown) => fail(this.errors.toErrno(e, op, path)));
  }

  /** A request whose only answer is success or an error. */
  private simple(op: string, path: string, cb: Cb, work: () => Promise<unknown>): void {
    this.run(op, path, work, () => cb(0), cb);
  }

  /** Lets the held-back writes of every file open at vp reach the server; true if there were any. */
  private async settle(vp: string): Promise<boolean> {
    const busy = this.handles.at(vp).filter((f) => f.writer && !f.writer.idle);
    if (busy.length === 0) return false;
    await Promise.all(busy.map((f) => f.writer?.settle()));
    return true;
  }

  private writable(syscall: string, path: string): void {
    if (this.readOnly) throw new FsError('EROFS', 'the mount is read-only', { syscall, path });
  }

  /** The file's content changed: its cached attributes and whatever was read ahead of it are stale. */
  private contentChanged(vp: string): void {
    this.cache.changed(vp);
    this.handles.dropReadAhead(vp);
  }

  private file(fd: number, syscall: string, path: string): OpenFile {
    const f = this.handles.get(fd);
    if (!f) throw new FsError('EBADF', `no open file ${fd}`, { syscall, path });
    return f;
  }

  // ---- attributes ----

  async getattr(path: string): Promise<Stat> {
    const vp = this.vpath(path);
    // Writes held back would make the server's size a stale one: let them land first.
    if (await this.settle(vp)) this.cache.changed(vp);
    const hit = this.cache.stat(vp);
    if (hit) return hit;
    if (this.cache.knownMissing(vp)) throw new FsError('ENOENT', 'no such file or directory', { syscall: 'lstat', path: vp });
    const st = await this.fs.lstat(vp).catch((e: unknown) => (e instanceof FsError && e.code === 'EACCES' ? this.statFromListing(vp, e) : Promise.reject(e)));
    this.cache.putStat(vp, st);
    return st;
  }

  /**
   * POSIX stat needs no permission on the file itself, but a server may refuse to open a
   * file whose mode grants nothing (Samba does for mode 000, which tar gives its placeholders):
   * then the attributes come from the directory listing, which needs only the directory's.
   */
  private async statFromListing(vp: string, refused: FsError): Promise<Stat> {
    if (vp === '/') throw refused;
    const entries = await this.fs.readdir(dirname(vp));
    this.cache.putListing(dirname(vp), entries, (name) => joinPath(dirname(vp), name));
    const name = vp.slice(vp.lastIndexOf('/') + 1);
    const hit = entries.find((e) => e.name === name);
    if (!hit) throw new FsError('ENOENT', 'no such file or directory', { syscall: 'lstat', path: vp });
    return hit.stat;
  }

  async readdir(path: string): Promise<{ names: string[]; stats: FuseStat[] }> {
    const vp = this.vpath(path);
    const entries = await this.fs.readdir(vp);
    this.cache.putListing(vp, entries, (name) => joinPath(vp, name));
    const known = (p: string) => {
      const st = this.cache.stat(p);
      return st ? toFuseStat(st) : DIR_STUB;
    };
    return {
      names: [...DOT_ENTRIES, ...entries.map((e) => e.name)],
      stats: [known(vp), known(dirname(vp)), ...entries.map((e) => toFuseStat(e.stat))],
    };
  }

  async statfs(path: string): Promise<FuseStatfs> {
    return toFuseStatfs(await this.fs.statfs(this.vpath(path)));
  }

  async chmod(path: string, mode: number): Promise<void> {
    const vp = this.vpath(path);
    this.writable('chmod', vp);
    // Without Unix modes on the server there is nothing to change: succeed, as mount.cifs does.
    if (this.fs.chmod) await this.fs.chmod(vp, mode & 0o7777);
    this.cache.changed(vp);
  }

  async chown(path: string, uid: number, gid: number): Promise<void> {
    const vp = this.vpath(path);
    this.writable('chown', vp);
    if (!this.fs.chown) return;
    // (uid_t)-1 / (gid_t)-1: leave that one as it is.
    const keepUid = uid === 0xffffffff || uid === -1;
    const keepGid = gid === 0xffffffff || gid === -1;
    if (keepUid && keepGid) return;
    const cur = keepUid || keepGid ? await this.fs.lstat(vp) : undefined;
    await this.fs.chown(vp, keepUid && cur ? cur.uid : uid, keepGid && cur ? cur.gid : gid);
    this.cache.changed(vp);
  }

  async utimens(path: string, atimeMs: number, mtimeMs: number): Promise<void> {
    const vp = this.vpath(path);
    this.writable('utimes', vp);
    await this.settle(vp);
    const now = Date.now();
    const at = atimeMs === UTIME_NOW_MS ? now : atimeMs;
    const mt = mtimeMs === UTIME_NOW_MS ? now : mtimeMs;
    await this.fs.utimes(vp, BigInt(at) * 1_000_000n, BigInt(mt) * 1_000_000n);
    this.cache.changed(vp);
  }

  async truncate(path: string, size: number): Promise<void> {
    const vp = this.vpath(path);
    this.writable('truncate', vp);
    await this.settle(vp);
    try {
      await this.fs.truncate(vp, size);
    } finally {
      this.contentChanged(vp);
    }
  }

  // ---- names ----

  async mkdir(path: string, mode: number): Promise<void> {
    const vp = this.vpath(path);
    this.writable('mkdir', vp);
    await this.guardListing(vp, () => this.fs.mkdir(vp, mode & 0o7777));
    this.cache.madeDirectory(vp);
  }

  async rmdir(path: string): Promise<void> {
    const vp = this.vpath(path);
    this.writable('rmdir', vp);
    await this.guardListing(vp, () => this.fs.rmdir(vp));
    this.cache.removed(vp);
  }

  async unlink(path: string): Promise<void> {
    const vp = this.vpath(path);
    this.writable('unlink', vp);
    try {
      await this.guardListing(vp, () => this.fs.unlink(vp));
    } finally {
      this.handles.dropReadAhead(vp);
    }
    this.cache.removed(vp);
  }

  async rename(from: string, to: string): Promise<void> {
    const vf = this.vpath(from);
    const vt = this.vpath(to);
    this.writable('rename', vf);
    try {
      await this.fs.rename(vf, vt, { replace: true });
    } catch (e) {
      this.cache.forgetListing(dirname(vf));
      this.cache.forgetListing(dirname(vt));
      throw e;
    } finally {
      // What was open at the destination is no longer what the name holds.
      this.handles.dropReadAhead(vt);
    }
    this.cache.renamed(vf, vt);
    this.handles.renamed(vf, vt);
  }

  async symlink(target: string, path: string): Promise<void> {
    const vp = this.vpath(path);
    this.writable('symlink', vp);
    const symlink = this.fs.symlink?.bind(this.fs);
    if (!symlink) throw new FsError('EPERM', 'the server does not support symbolic links (SMB without the POSIX extensions)', { syscall: 'symlink', path: vp });
    await this.guardListing(vp, () => symlink(target, vp));
    this.cache.added(vp);
  }

  async readlink(path: string): Promise<string> {
    const vp = this.vpath(path);
    if (!this.fs.readlink) throw new FsError('EINVAL', 'not a symbolic link', { syscall: 'readlink', path: vp });
    return this.fs.readlink(vp);
  }

  async link(existing: string, path: string): Promise<void> {
    const ve = this.vpath(existing);
    const vp = this.vpath(path);
    this.writable('link', vp);
    const link = this.fs.link?.bind(this.fs);
    if (!link) throw new FsError('EPERM', 'the server does not support hard links', { syscall: 'link', path: ve, dest: vp });
    await this.guardListing(vp, () => link(ve, vp));
    this.cache.added(vp);
    this.cache.changed(ve);
  }

  /** Runs a change of path's directory; when it fails, what the cache believed of that directory may be wrong. */
  private async guardListing<T>(vp: string, change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } catch (e) {
      this.cache.forgetListing(dirname(vp));
      this.cache.changed(vp);
      throw e;
    }
  }

  // ---- extended attributes ----

  async getxattr(path: string, name: string): Promise<Buffer> {
    const vp = this.vpath(path);
    if (!name.startsWith(USER_XATTR) || !this.fs.getxattr) throw new FsError('ENODATA', 'no such extended attribute', { syscall: 'getxattr', path: vp });
    return this.fs.getxattr(vp, name);
  }

  async listxattr(path: string): Promise<string[]> {
    const vp = this.vpath(path);
    return this.fs.listxattr ? this.fs.listxattr(vp) : [];
  }

  /** flags: XATTR_CREATE (fail with EEXIST if it exists), XATTR_REPLACE (fail with ENODATA if not). */
  async setxattr(path: string, name: string, value: Buffer, flags: number): Promise<void> {
    const vp = this.vpath(path);
    this.writable('setxattr', vp);
    if (!name.startsWith(USER_XATTR) || !this.fs.setxattr || !this.fs.getxattr) throw new FsError('EOPNOTSUPP', `only user.* extended attributes are stored (got '${name}')`, { syscall: 'setxattr', path: vp });
    // The value lives in libfuse's memory only until this request is answered: keep a copy.
    const copy = Buffer.from(value);
    if (flags & (XATTR_CREATE | XATTR_REPLACE)) {
      const exists = await this.fs.getxattr(vp, name).then(
        () => true,
        (e: unknown) => (e instanceof FsError && e.code === 'ENODATA' ? false : Promise.reject(e)),
      );
      if (exists && flags & XATTR_CREATE) throw new FsError('EEXIST', 'the extended attribute exists', { syscall: 'setxattr', path: vp });
      if (!exists && flags & XATTR_REPLACE) throw new FsError('ENODATA', 'no such extended attribute', { syscall: 'setxattr', path: vp });
    }
    await this.fs.setxattr(vp, name, copy);
  }

  async removexattr(path: string, name: string): Promise<void> {
    const vp = this.vpath(path);
    this.writable('removexattr', vp);
    if (!name.startsWith(USER_XATTR) || !this.fs.removexattr) throw new FsError('ENODATA', 'no such extended attribute', { syscall: 'removexattr', path: vp });
    await this.fs.removexattr(vp, name);
  }

  // ---- data ----

  async open(path: string, flags: number): Promise<number> {
    const vp = this.vpath(path);
    const access = flags & O_ACCMODE;
    const write = access !== fsc.O_RDONLY;
    if (write) this.writable('open', vp);
    const truncate = write && (flags & fsc.O_TRUNC) !== 0;
    // O_APPEND is not passed on: the kernel already gives every append write its end-of-file offset.
    const read = access !== fsc.O_WRONLY;
    const known = truncate ? 0 : this.cache.stat(vp)?.size;
    const handle = await this.fs.open(vp, { read, write, truncate });
    if (truncate) {
      this.contentChanged(vp);
    }
    return this.handles.add(this.openFile(handle, vp, read, write, known));
  }

  /**
   * FUSE create: the kernel looked the name up and found nothing. fuse-native passes the mode
   * but not the open flags, so the file is opened for reading and writing, and exclusively:
   * O_EXCL holds, and a file another client made in between is not silently reused.
   */
  async create(path: string, mode: number): Promise<number> {
    const vp = this.vpath(path);
    this.writable('open', vp);
    const handle = await this.guardListing(vp, () => this.fs.open(vp, { read: true, write: true, create: true, exclusive: true, mode: mode & 0o7777 }));
    this.cache.added(vp);
    return this.handles.add(this.openFile(handle, vp, true, true, 0));
  }

  /** size: the file's size as far as known at open (it spares a small file's reader a read ahead). */
  private openFile(handle: FileHandle, path: string, read: boolean, write: boolean, size: number | undefined): OpenFile {
    const f: OpenFile = { handle, path };
    const chunk = Math.max(1, this.fs.ioSize);
    if (read) f.reader = new ReadAhead(handle, chunk, pipelineWindow(chunk), size);
    if (write) {
      // A piece landing on the server makes what any reader of the file read ahead before it stale.
      f.writer = new WriteBehind(handle, chunk, pipelineWindow(chunk), () => {
        this.contentChanged(f.path);
      });
    }
    return f;
  }

  /** Sequential reads are served from the file's read-ahead; the writes held back for the file land first. */
  async read(fd: number, buffer: Buffer, length: number, position: number): Promise<number> {
    const f = this.file(fd, 'read', '');
    await this.settle(f.path);
    return f.reader ? f.reader.read(buffer, length, position) : f.handle.read(buffer, 0, length, position);
  }

  /** Answered once the bytes are copied (WriteBehind); a failure comes back on a later write, flush or fsync. */
  async write(fd: number, buffer: Buffer, length: number, position: number): Promise<number> {
    const f = this.file(fd, 'write', '');
    this.writable('write', f.path);
    if (!f.writer) throw new FsError('EBADF', 'the file is not open for writing', { syscall: 'write', path: f.path });
    this.contentChanged(f.path);
    await f.writer.write(length === buffer.length ? buffer : buffer.subarray(0, length), position);
    return length;
  }

  async ftruncate(fd: number, size: number): Promise<void> {
    const f = this.file(fd, 'ftruncate', '');
    this.writable('ftruncate', f.path);
    await this.settle(f.path);
    try {
      await f.handle.truncate(size);
    } finally {
      this.contentChanged(f.path);
    }
  }

  /** close(2) of one descriptor: the data written through it reaches the server, or close reports why not. */
  async flush(fd: number): Promise<void> {
    const f = this.handles.get(fd);
    await f?.writer?.drain();
  }

  async fsync(fd: number): Promise<void> {
    const f = this.file(fd, 'fsync', '');
    if (!f.writer) return;
    await f.writer.drain();
    await f.handle.sync();
  }

  async release(fd: number): Promise<void> {
    const f = this.handles.remove(fd);
    if (!f) return;
    try {
      await f.writer?.drain();
    } finally {
      await f.reader?.close();
      await f.handle.close();
      if (f.writer) this.cache.changed(f.path);
    }
  }

  /** Closes every file still open (at unmount); failures are ignored, the session ends next. */
  async closeAll(): Promise<void> {
    await Promise.allSettled(
      this.handles.drain().map(async (f) => {
        await f.writer?.settle();
        await f.reader?.close();
        await f.handle.close();
      }),
    );
  }

  // ---- the table fuse-native takes ----

  operations(): FuseOperations {
    return {
      getattr: (path, cb) => this.run('getattr', path, () => this.getattr(path), (st) => cb(0, toFuseStat(st)), cb),
      readdir: (path, cb) => this.run('readdir', path, () => this.readdir(path), (r) => cb(0, r.names, r.stats), cb),
      statfs: (path, cb) => this.run('statfs', path, () => this.statfs(path), (s) => cb(0, s), cb),
      open: (path, flags, cb) => this.run('open', path, () => this.open(path, flags), (fd) => cb(0, fd), cb),
      create: (path, mode, cb) => this.run('create', path, () => this.create(path, mode), (fd) => cb(0, fd), cb),
      read: (path, fd, buf, len, pos, cb) => this.run('read', path, () => this.read(fd, buf, len, pos), cb, cb),
      write: (path, fd, buf, len, pos, cb) => this.run('write', path, () => this.write(fd, buf, len, pos), cb, cb),
      release: (path, fd, cb) => this.simple('release', path, cb, () => this.release(fd)),
      flush: (path, fd, cb) => this.simple('flush', path, cb, () => this.flush(fd)),
      fsync: (path, _datasync, fd, cb) => this.simple('fsync', path, cb, () => this.fsync(fd)),
      truncate: (path, size, cb) => this.simple('truncate', path, cb, () => this.truncate(path, size)),
      ftruncate: (path, fd, size, cb) => this.simple('ftruncate', path, cb, () => this.ftruncate(fd, size)),
      mkdir: (path, mode, cb) => this.simple('mkdir', path, cb, () => this.mkdir(path, mode)),
      rmdir: (path, cb) => this.simple('rmdir', path, cb, () => this.rmdir(path)),
      unlink: (path, cb) => this.simple('unlink', path, cb, () => this.unlink(path)),
      rename: (from, to, cb) => this.simple('rename', from, cb, () => this.rename(from, to)),
      symlink: (target, path, cb) => this.simple('symlink', path, cb, () => this.symlink(target, path)),
      readlink: (path, cb) => this.run('readlink', path, () => this.readlink(path), (t) => cb(0, t), cb),
      link: (existing, path, cb) => this.simple('link', path, cb, () => this.link(existing, path)),
      chmod: (path, mode, cb) => this.simple('chmod', path, cb, () => this.chmod(path, mode)),
      chown: (path, uid, gid, cb) => this.simple('chown', path, cb, () => this.chown(path, uid, gid)),
      utimens: (path, atime, mtime, cb) => this.simple('utimens', path, cb, () => this.utimens(path, atime, mtime)),
      getxattr: (path, name, _position, cb) => this.run('getxattr', path, () => this.getxattr(path, name), (v) => cb(0, v), cb),
      listxattr: (path, cb) => this.run('listxattr', path, () => this.listxattr(path), (names) => cb(0, names), cb),
      setxattr: (path, name, value, _position, flags, cb) => this.simple('setxattr', path, cb, () => this.setxattr(path, name, value, flags)),
      removexattr: (path, name, cb) => this.simple('removexattr', path, cb, () => this.removexattr(path, name)),
    };
  }
}
