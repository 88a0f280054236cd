// Types for the parts of fuse-native 2.2.6 (a CommonJS module without its own types) that
// src/fuse uses, including the internals it adjusts (see binding.ts).
declare module 'fuse-native' {
  /** A result: 0 or a positive count on success, a negative errno on failure. */
  type Cb = (result: number) => void;

  /** What getattr and readdir hand back; times in milliseconds since the epoch. */
  export interface FuseStat {
    mode: number;
    uid: number;
    gid: number;
    size: number;
    dev?: number;
    nlink: number;
    ino?: number;
    rdev?: number;
    blksize?: number;
    blocks?: number;
    atime: number;
    mtime: number;
    ctime: number;
  }

  export interface FuseStatfs {
    bsize: number;
    frsize: number;
    blocks: number;
    bfree: number;
    bavail: number;
    files: number;
    ffree: number;
    favail: number;
    fsid: number;
    flag: number;
    namemax: number;
  }

  export interface FuseOperations {
    init?(cb: Cb): void;
    getattr?(path: string, cb: (err: number, stat?: FuseStat) => void): void;
    readdir?(path: string, cb: (err: number, names?: string[], stats?: FuseStat[]) => void): void;
    open?(path: string, flags: number, cb: (err: number, fd?: number) => void): void;
    create?(path: string, mode: number, cb: (err: number, fd?: number) => void): void;
    read?(path: string, fd: number, buffer: Buffer, length: number, position: number, cb: Cb): void;
    write?(path: string, fd: number, buffer: Buffer, length: number, position: number, cb: Cb): void;
    release?(path: string, fd: number, cb: Cb): void;
    flush?(path: string, fd: number, cb: Cb): void;
    fsync?(path: string, datasync: number, fd: number, cb: Cb): void;
    truncate?(path: string, size: number, cb: Cb): void;
    ftruncate?(path: string, fd: number, size: number, cb: Cb): void;
    mkdir?(path: string, mode: number, cb: Cb): void;
    rmdir?(path: string, cb: Cb): void;
    unlink?(path: string, cb: Cb): void;
    rename?(from: string, to: string, cb: Cb): void;
    symlink?(target: string, path: string, cb: Cb): void;
    readlink?(path: string, cb: (err: number, target?: string) => void): void;
    link?(existing: string, path: string, cb: Cb): void;
    chmod?(path: string, mode: number, cb: Cb): void;
    chown?(path: string, uid: number, gid: number, cb: Cb): void;
    utimens?(path: string, atime: number, mtime: number, cb: Cb): void;
    statfs?(path: string, cb: (err: number, statfs?: FuseStatfs) => void): void;
    setxattr?(path: string, name: string, value: Buffer, position: number, flags: number, cb: Cb): void;
    getxattr?(path: string, name: string, position: number, cb: (err: number, value?: Buffer) => void): void;
    listxattr?(path: string, cb: (err: number, names?: string[]) => void): void;
    removexattr?(path: string, name: string, cb: Cb): void;
  }

  export interface FuseOptions {
    /** Milliseconds after which fuse-native answers an operation with ETIMEDOUT itself (default 15 000). */
    timeout?: number | false;
    debug?: boolean;
    force?: boolean;
    mkdir?: boolean;
  }

  /** The native side's reply for one operation: (thread locals, result, ...values). */
  export type NativeSignal = (result: number, ...values: unknown[]) => void;
  /** What the native side calls for one operation: (thread locals buffer, opcode, ...arguments). */
  export type NativeHandler = (locals: Buffer, opcode: number, ...args: unknown[]) => void;

  class Fuse {
    constructor(mountpoint: string, ops: FuseOperations, opts?: FuseOptions);
    readonly mnt: string;
    mount(cb: (err: Error | null) => void): void;
    unmount(cb: (err: Error | null) => void): void;
    static unmount(mountpoint: string, cb: (err: Error | null) => void): void;

    // Internals of 2.2.6 that binding.ts adjusts.
    _fuseOptions(): string;
    _handlers: NativeHandler[];
    _op_getxattr(signal: NativeSignal, path: string, name: string, value: Buffer, position: number): void;
    _op_listxattr(signal: NativeSignal, path: string, list: Buffer): void;
  }

  export default Fuse;
}
