/** The VFS contract (DESIGN.md): one API above every protocol. Paths are POSIX, relative to the share/export root. */

export type FileType = 'file' | 'directory' | 'symlink' | 'block' | 'char' | 'fifo' | 'socket' | 'unknown';

/** File type bits of st_mode, as POSIX defines them. */
export const S_IFMT = 0o170000;
export const S_IFREG = 0o100000;
export const S_IFDIR = 0o040000;
export const S_IFLNK = 0o120000;
export const S_IFBLK = 0o060000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;
export const S_IFSOCK = 0o140000;

export interface Stat {
  type: FileType;
  /** Full st_mode: type bits | permission bits. */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Bytes allocated on the server. */
  allocated: number;
  nlink: number;
  ino: bigint;
  /** A volume id where the protocol gives one, else 0n. */
  dev: bigint;
  atimeNs: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
  birthtimeNs: bigint;
  atime: Date;
  mtime: Date;
  ctime: Date;
  birthtime: Date;
  /** Which of mode/uid/gid came from the server (true) or from the configured defaults (false). */
  unixOwner: boolean;
  unixMode: boolean;
}

export interface DirEntry {
  name: string;
  stat: Stat;
}

export interface StatFs {
  /** Fundamental block size in bytes. */
  bsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
  files: number;
  ffree: number;
  namemax: number;
}

/** How to open: the subset of POSIX open(2) flags the VFS understands. */
export interface OpenOptions {
  read?: boolean;
  write?: boolean;
  create?: boolean;
  /** Fail with EEXIST if it exists (with create). */
  exclusive?: boolean;
  truncate?: boolean;
  append?: boolean;
  /** Permission bits for a created file, where the protocol can carry them. */
  mode?: number;
}

export interface LockRange {
  offset: number;
  length: number;
  /** Exclusive (write) lock; otherwise shared (read). */
  exclusive: boolean;
  /** Wait for a conflicting lock to go away instead of failing with EAGAIN. */
  wait?: boolean;
}

export interface OpOptions {
  signal?: AbortSignal;
}

export interface FileHandle {
  readonly path: string;
  /** Reads up to length bytes at position into buffer[offset...]; resolves to the count read (0 at end of file). */
  read(buffer: Buffer, offset: number, length: number, position: number, opts?: OpOptions): Promise<number>;
  /** Writes all of data at position; resolves to data.length. */
  write(data: Buffer, position: number, opts?: OpOptions): Promise<number>;
  stat(opts?: OpOptions): Promise<Stat>;
  truncate(size: number, opts?: OpOptions): Promise<void>;
  sync(opts?: OpOptions): Promise<void>;
  close(): Promise<void>;
  /** Byte-range locks, where the protocol has them. */
  lock?(range: LockRange, opts?: OpOptions): Promise<void>;
  unlock?(range: Omit<LockRange, 'exclusive' | 'wait'>, opts?: OpOptions): Promise<void>;
  /** Reserves storage for the range (the file grows if it ends past its size), as posix_fallocate(3). */
  allocate?(offset: number, length: number, opts?: OpOptions): Promise<void>;
  /** Frees the range's storage: it reads as zeros after, and the size stays, as fallocate(FALLOC_FL_PUNCH_HOLE). */
  punchHole?(offset: number, length: number, opts?: OpOptions): Promise<void>;
  /** The first offset >= offset that starts data or a hole, as lseek(SEEK_DATA / SEEK_HOLE); null when there is none (ENXIO). */
  seek?(offset: number, what: 'data' | 'hole', opts?: OpOptions): Promise<number | null>;
}

export interface RenameOptions extends OpOptions {
  /** Replace an existing destination (POSIX rename semantics). Default true. */
  replace?: boolean;
}

export interface FileSystem {
  /** 'smb2', 'cifs', 'nfs4'. */
  readonly protocol: string;
  /** The largest single read and write the client sends in one request, for callers that size buffers. */
  readonly ioSize: number;
  stat(path: string, opts?: OpOptions): Promise<Stat>;
  /** Like stat, but a symlink is described itself rather than followed. */
  lstat(path: string, opts?: OpOptions): Promise<Stat>;
  readdir(path: string, opts?: OpOptions): Promise<DirEntry[]>;
  open(path: string, how?: OpenOptions, opts?: OpOptions): Promise<FileHandle>;
  mkdir(path: string, mode?: number, opts?: OpOptions): Promise<void>;
  rmdir(path: string, opts?: OpOptions): Promise<void>;
  unlink(path: string, opts?: OpOptions): Promise<void>;
  rename(from: string, to: string, opts?: RenameOptions): Promise<void>;
  truncate(path: string, size: number, opts?: OpOptions): Promise<void>;
  utimes(path: string, atime: Date | bigint, mtime: Date | bigint, opts?: OpOptions): Promise<void>;
  statfs(path: string, opts?: OpOptions): Promise<StatFs>;
  /** Ends the session cleanly. Operations after close reject with an error coded 'ENOTCONN'. */
  close(): Promise<void>;

  // Optional capabilities: test for them with the guards in capabilities.ts.
  symlink?(target: string, path: string, opts?: OpOptions): Promise<void>;
  readlink?(path: string, opts?: OpOptions): Promise<string>;
  link?(existing: string, path: string, opts?: OpOptions): Promise<void>;
  chmod?(path: string, mode: number, opts?: OpOptions): Promise<void>;
  chown?(path: string, uid: number, gid: number, opts?: OpOptions): Promise<void>;
  getxattr?(path: string, name: string, opts?: OpOptions): Promise<Buffer>;
  setxattr?(path: string, name: string, value: Buffer, opts?: OpOptions): Promise<void>;
  listxattr?(path: string, opts?: OpOptions): Promise<string[]>;
  removexattr?(path: string, name: string, opts?: OpOptions): Promise<void>;
  /** Reads a whole small file in one round trip; undefined when it is larger than maxBytes. */
  readSmallFile?(path: string, maxBytes: number, opts?: OpOptions): Promise<Buffer | undefined>;
  /** Creates or replaces a small file with data in one round trip. */
  writeSmallFile?(path: string, data: Buffer, opts?: OpOptions): Promise<void>;
  /** Copies a whole file on the server: its bytes never pass through the client. EOPNOTSUPP when the server cannot. */
  copyFile?(src: string, dest: string, opts?: OpOptions): Promise<void>;
}
