import { constants as fsConstants, type BigIntStats } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { FsError } from '../../src/vfs/errors.js';
import { nodeErrorCode } from '../../src/vfs/helpers/abort.js';
import { splitPath } from '../../src/vfs/path.js';
import { makeStat, typeFromMode } from '../../src/vfs/stat.js';
import type {
  DirEntry,
  FileHandle,
  FileSystem,
  LockRange,
  OpenOptions,
  OpOptions,
  RenameOptions,
  Stat,
  StatFs,
} from '../../src/vfs/types.js';

export interface LocalFsOptions {
  /** The largest read or write one request may carry (default 1 MiB). */
  ioSize?: number;
  /** Offer readSmallFile/writeSmallFile (default true), so helpers can be tested with and without them. */
  smallFileOps?: boolean;
}

/** NAME_MAX of the Linux file systems this runs on; Node's statfs does not report it. */
const NAME_MAX = 255;

/**
 * A FileSystem over a local directory through node:fs/promises: a real file system for
 * testing the helpers and the conformance suite. Paths are confined to the root
 * lexically ('..' stops at the root, as in every VFS client); symlink targets are
 * stored as given, so an absolute target is the caller's business. Node errors become
 * FsErrors with the same code. Byte-range locks are kept in this process (Node has no
 * fcntl), with SMB's per-handle semantics.
 */
export class LocalFileSystem implements FileSystem {
  readonly protocol = 'local';
  readonly ioSize: number;
  readonly readSmallFile?: FileSystem['readSmallFile'];
  readonly writeSmallFile?: FileSystem['writeSmallFile'];
  private closed = false;
  readonly locks = new LockTable();

  constructor(
    readonly root: string,
    opts: LocalFsOptions = {},
  ) {
    this.ioSize = opts.ioSize ?? 1024 * 1024;
    if (opts.smallFileOps ?? true) {
      this.readSmallFile = (path, maxBytes, o) => this.readSmall(path, maxBytes, o);
      this.writeSmallFile = (path, data, o) => this.writeSmall(path, data, o);
    }
  }

  /** The host path of a VFS path: never outside root. */
  hostPath(path: string): string {
    return join(this.root, ...splitPath(path));
  }

  /** Runs a node:fs call for a VFS operation, turning its failure into an FsError. */
  private async run<T>(syscall: string, path: string, opts: OpOptions | undefined, op: () => Promise<T>, dest?: string): Promise<T> {
    if (this.closed) throw new FsError('ENOTCONN', 'file system is closed', { syscall, path, protocol: this.protocol });
    if (opts?.signal?.aborted) throw new FsError('ECANCELED', 'operation aborted', { syscall, path, cause: opts.signal.reason });
    try {
      return await op();
    } catch (e) {
      throw localError(e, syscall, path, dest);
    }
  }

  stat(path: string, opts?: OpOptions): Promise<Stat> {
    return this.run('stat', path, opts, async () => toStat(await fsp.stat(this.hostPath(path), { bigint: true })));
  }

  lstat(path: string, opts?: OpOptions): Promise<Stat> {
    return this.run('lstat', path, opts, async () => toStat(await fsp.lstat(this.hostPath(path), { bigint: true })));
  }

  readdir(path: string, opts?: OpOptions): Promise<DirEntry[]> {
    return this.run('readdir', path, opts, async () => {
      const dir = this.hostPath(path);
      const names = await fsp.readdir(dir);
      return Promise.all(names.map(async (name) => ({ name, stat: toStat(await fsp.lstat(join(dir, name), { bigint: true })) })));
    });
  }

  open(path: string, how: OpenOptions = {}, opts?: OpOptions): Promise<FileHandle> {
    return this.run('open', path, opts, async () => {
      const fh = await fsp.open(this.hostPath(path), openFlags(how), how.mode ?? 0o666);
      return new LocalFileHandle(this, path, fh);
    });
  }

  mkdir(path: string, mode?: number, opts?: OpOptions): Promise<void> {
    return this.run('mkdir', path, opts, () => fsp.mkdir(this.hostPath(path), { mode: mode ?? 0o777 }).then(() => undefined));
  }

  rmdir(path: string, opts?: OpOptions): Promise<void> {
    return this.run('rmdir', path, opts, () => fsp.rmdir(this.hostPath(path)));
  }

  unlink(path: string, opts?: OpOptions): Promise<void> {
    return this.run('unlink', path, opts, () => fsp.unlink(this.hostPath(path)));
  }

  rename(from: string, to: string, opts?: RenameOptions): Promise<void> {
    return this.run(
      'rename',
      from,
      opts,
      async () => {
        const dest = this.hostPath(to);
        // Node has no renameat2(RENAME_NOREPLACE): check, then rename.
        if (opts?.replace === false && (await exists(dest))) throw new FsError('EEXIST', 'destination exists');
        await fsp.rename(this.hostPath(from), dest);
      },
      to,
    );
  }

  truncate(path: string, size: number, opts?: OpOptions): Promise<void> {
    return this.run('truncate', path, opts, () => fsp.truncate(this.hostPath(path), size));
  }

  utimes(path: string, atime: Date | bigint, mtime: Date | bigint, opts?: OpOptions): Promise<void> {
    return this.run('utimes', path, opts, () => fsp.utimes(this.hostPath(path), toSeconds(atime), toSeconds(mtime)));
  }

  statfs(path: string, opts?: OpOptions): Promise<StatFs> {
    return this.run('statfs', path, opts, async () => {
      const s = await fsp.statfs(this.hostPath(path));
      return { bsize: s.bsize, blocks: s.blocks, bfree: s.bfree, bavail: s.bavail, files: s.files, ffree: s.ffree, namemax: NAME_MAX };
    });
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  symlink(target: string, path: string, opts?: OpOptions): Promise<void> {
    return this.run('symlink', path, opts, () => fsp.symlink(target, this.hostPath(path)));
  }

  readlink(path: string, opts?: OpOptions): Promise<string> {
    return this.run('readlink', path, opts, () => fsp.readlink(this.hostPath(path)));
  }

  link(existing: string, path: string, opts?: OpOptions): Promise<void> {
    return this.run('link', existing, opts, () => fsp.link(this.hostPath(existing), this.hostPath(path)), path);
  }

  chmod(path: string, mode: number, opts?: OpOptions): Promise<void> {
    return this.run('chmod', path, opts, () => fsp.chmod(this.hostPath(path), mode & 0o7777));
  }

  chown(path: string, uid: number, gid: number, opts?: OpOptions): Promise<void> {
    return this.run('chown', path, opts, () => fsp.chown(this.hostPath(path), uid, gid));
  }

  private readSmall(path: string, maxBytes: number, opts?: OpOptions): Promise<Buffer | undefined> {
    return this.run('read', path, opts, async () => {
      const fh = await fsp.open(this.hostPath(path), 'r');
      try {
        // One byte more than allowed tells "exactly maxBytes" from "larger".
        const buf = Buffer.allocUnsafe(maxBytes + 1);
        let n = 0;
        for (let r; n < buf.length && (r = (await fh.read(buf, n, buf.length - n, n)).bytesRead) > 0; ) n += r;
        return n > maxBytes ? undefined : buf.subarray(0, n);
      } finally {
        await fh.close();
      }
    });
  }

  private writeSmall(path: string, data: Buffer, opts?: OpOptions): Promise<void> {
    return this.run('write', path, opts, () => fsp.writeFile(this.hostPath(path), data));
  }

  /** For LocalFileHandle: the same error mapping and closed check. */
  runFor<T>(syscall: string, path: string, opts: OpOptions | undefined, op: () => Promise<T>): Promise<T> {
    return this.run(syscall, path, opts, op);
  }
}

class LocalFileHandle implements FileHandle {
  private open = true;

  constructor(
    private readonly fs: LocalFileSystem,
    readonly path: string,
    private readonly fh: fsp.FileHandle,
  ) {}

  private run<T>(syscall: string, opts: OpOptions | undefined, op: () => Promise<T>): Promise<T> {
    if (!this.open) return Promise.reject(new FsError('EBADF', 'handle is closed', { syscall, path: this.path }));
    return this.fs.runFor(syscall, this.path, opts, op);
  }

  read(buffer: Buffer, offset: number, length: number, position: number, opts?: OpOptions): Promise<number> {
    return this.run('read', opts, async () => (await this.fh.read(buffer, offset, length, position)).bytesRead);
  }

  write(data: Buffer, position: number, opts?: OpOptions): Promise<number> {
    return this.run('write', opts, async () => {
      let done = 0;
      while (done < data.length) done += (await this.fh.write(data, done, data.length - done, position + done)).bytesWritten;
      return data.length;
    });
  }

  stat(opts?: OpOptions): Promise<Stat> {
    return this.run('fstat', opts, async () => toStat(await this.fh.stat({ bigint: true })));
  }

  truncate(size: number, opts?: OpOptions): Promise<void> {
    return this.run('ftruncate', opts, () => this.fh.truncate(size));
  }

  sync(opts?: OpOptions): Promise<void> {
    return this.run('fsync', opts, () => this.fh.sync());
  }

  async close(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    this.fs.locks.releaseAll(this);
    try {
      await this.fh.close();
    } catch (e) {
      throw localError(e, 'close', this.path);
    }
  }

  lock(range: LockRange, opts?: OpOptions): Promise<void> {
    return this.run('lock', opts, async () => {
      const key = (await this.fh.stat({ bigint: true })).ino;
      await this.fs.locks.acquire(key, this, range, opts?.signal);
    });
  }

  unlock(range: Omit<LockRange, 'exclusive' | 'wait'>, opts?: OpOptions): Promise<void> {
    return this.run('unlock', opts, async () => {
      const key = (await this.fh.stat({ bigint: true })).ino;
      this.fs.locks.release(key, this, range);
    });
  }
}

interface HeldLock {
  owner: object;
  offset: number;
  length: number;
  exclusive: boolean;
}

/** Byte-range locks per file (by inode), owned by a handle: conflicting ranges fail with EAGAIN or wait. */
class LockTable {
  private readonly byFile = new Map<bigint, HeldLock[]>();
  private readonly waiters = new Set<() => void>();

  async acquire(file: bigint, owner: object, range: LockRange, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const held = this.byFile.get(file) ?? [];
      const conflict = held.some(
        (l) => l.owner !== owner && (l.exclusive || range.exclusive) && overlaps(l, range),
      );
      if (!conflict) {
        held.push({ owner, offset: range.offset, length: range.length, exclusive: range.exclusive });
        this.byFile.set(file, held);
        return;
      }
      if (!range.wait) throw new FsError('EAGAIN', 'range is locked by another handle');
      await this.changed(signal);
    }
  }

  release(file: bigint, owner: object, range: { offset: number; length: number }): void {
    const held = this.byFile.get(file) ?? [];
    const i = held.findIndex((l) => l.owner === owner && l.offset === range.offset && l.length === range.length);
    if (i < 0) throw new FsError('ENOLCK', 'no such lock held by this handle');
    held.splice(i, 1);
    this.wake();
  }

  releaseAll(owner: object): void {
    for (const [file, held] of this.byFile) this.byFile.set(file, held.filter((l) => l.owner !== owner));
    this.wake();
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  private changed(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = () => {
        this.waiters.delete(done);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.waiters.delete(done);
        reject(new FsError('ECANCELED', 'lock wait aborted', { cause: signal?.reason }));
      };
      this.waiters.add(done);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

function overlaps(a: { offset: number; length: number }, b: { offset: number; length: number }): boolean {
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}

function openFlags(how: OpenOptions): number {
  const c = fsConstants;
  const access = how.write ? (how.read ? c.O_RDWR : c.O_WRONLY) : c.O_RDONLY;
  return (
    access |
    (how.create ? c.O_CREAT : 0) |
    (how.create && how.exclusive ? c.O_EXCL : 0) |
    (how.truncate ? c.O_TRUNC : 0) |
    (how.append ? c.O_APPEND : 0)
  );
}

function toStat(s: BigIntStats): Stat {
  return makeStat({
    type: typeFromMode(Number(s.mode)),
    perm: Number(s.mode) & 0o7777,
    uid: Number(s.uid),
    gid: Number(s.gid),
    size: Number(s.size),
    allocated: Number(s.blocks) * 512,
    nlink: Number(s.nlink),
    ino: s.ino,
    dev: s.dev,
    atimeNs: s.atimeNs,
    mtimeNs: s.mtimeNs,
    ctimeNs: s.ctimeNs,
    birthtimeNs: s.birthtimeNs,
    unixOwner: true,
    unixMode: true,
  });
}

/** Seconds as utimes takes them; microsecond precision survives the double. */
function toSeconds(t: Date | bigint): number {
  if (typeof t !== 'bigint') return t.getTime() / 1000;
  const whole = t / 1_000_000_000n;
  return Number(whole) + Number(t - whole * 1_000_000_000n) / 1e9;
}

async function exists(hostPath: string): Promise<boolean> {
  try {
    await fsp.lstat(hostPath);
    return true;
  } catch {
    return false;
  }
}

function localError(e: unknown, syscall: string, path: string, dest?: string): FsError {
  if (e instanceof FsError) return e.withContext({ syscall, path, dest, protocol: 'local' });
  const code = nodeErrorCode(e) ?? 'EIO';
  const message = e instanceof Error ? e.message.replace(/^E[A-Z]+: /, '').split(',')[0] : String(e);
  return new FsError(code, message, { syscall, path, dest, protocol: 'local', cause: e });
}
