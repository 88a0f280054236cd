import { execFile } from 'node:child_process';
import type FuseClass from 'fuse-native';
import type { FuseOperations, NativeSignal } from 'fuse-native';
import { FsError } from '../vfs/errors.js';
import { negErrno } from './errno.js';

type Fuse = InstanceType<typeof FuseClass>;

/**
 * fuse-native 2.2.6 (libfuse 2.9) is loaded on first mount, so that the rest of netfs runs
 * where libfuse is missing. Its prebuilt binding needs libfuse.so.2 (Debian: libfuse2) and
 * unmounts with fusermount (Debian: fuse3).
 */
export async function loadFuse(): Promise<typeof FuseClass> {
  try {
    const mod = await import('fuse-native');
    return mod.default;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new FsError('ENOSYS', `cannot load fuse-native (${why.split('\n')[0]}); netfs mount needs libfuse 2 and fusermount (Debian: apt-get install libfuse2 fuse3)`, { syscall: 'mount', cause: e });
  }
}

/** What the native side calls the utimens handler with, and where its thread locals keep the times. */
const OP_UTIMENS = 12;
/**
 * Offsets in fuse-native 2.2.6's fuse_thread_locals_t (x86-64 and other LP64 Linux ABIs) of
 * `size_t atime` and `size_t mtime`, in milliseconds. Its utimens dispatcher passes atime
 * twice (the mtime argument is l->atime), so the adapter reads mtime from the struct itself,
 * and checks first that the atime field there holds the atime it was given.
 */
const LOCALS_ATIME = 104;
const LOCALS_MTIME = 112;

/**
 * Gives the utimens handler the real mtime. Each FUSE thread's locals live in a Buffer that
 * fuse-native allocated from JavaScript and hands to every handler as its first argument.
 */
function fixUtimens(fuse: Fuse): void {
  const original = fuse._handlers[OP_UTIMENS];
  if (typeof original !== 'function') return;
  fuse._handlers[OP_UTIMENS] = (locals: Buffer, opcode: number, ...args: unknown[]) => {
    const [path, atimeLow, atimeHigh] = args;
    if (opcode === OP_UTIMENS && locals.length >= LOCALS_MTIME + 8 && typeof atimeLow === 'number' && typeof atimeHigh === 'number') {
      const atime = BigInt(atimeLow) + (BigInt(atimeHigh) << 32n);
      if (locals.readBigUInt64LE(LOCALS_ATIME) === atime) {
        const mtime = locals.readBigUInt64LE(LOCALS_MTIME);
        return original(locals, opcode, path, atimeLow, atimeHigh, Number(mtime & 0xffffffffn), Number(mtime >> 32n));
      }
    }
    return original(locals, opcode, ...args);
  };
}

const ERANGE = negErrno('ERANGE');

/**
 * getxattr and listxattr with the size rules of getxattr(2): size 0 asks for the size, a
 * buffer too small is ERANGE. (fuse-native 2.2.6 copies a value into any buffer and reports
 * its full length, more than libfuse's buffer holds.)
 */
function fixXattrSizes(fuse: Fuse, ops: FuseOperations): void {
  const getxattr = ops.getxattr;
  const listxattr = ops.listxattr;
  if (getxattr) {
    fuse._op_getxattr = (signal: NativeSignal, path: string, name: string, valueBuf: Buffer, position: number) => {
      getxattr(path, name, position, (err, value) => {
        if (err) return signal(err, valueBuf.buffer);
        if (!value) return signal(negErrno('ENODATA'), valueBuf.buffer);
        if (valueBuf.length === 0) return signal(value.length, valueBuf.buffer);
        if (value.length > valueBuf.length) return signal(ERANGE, valueBuf.buffer);
        value.copy(valueBuf);
        return signal(value.length, valueBuf.buffer);
      });
    };
  }
  if (listxattr) {
    fuse._op_listxattr = (signal: NativeSignal, path: string, listBuf: Buffer) => {
      listxattr(path, (err, names) => {
        if (err) return signal(err, listBuf.buffer);
        const list = Buffer.concat((names ?? []).map((n) => Buffer.from(n + '\0')));
        if (listBuf.length === 0) return signal(list.length, listBuf.buffer);
        if (list.length > listBuf.length) return signal(ERANGE, listBuf.buffer);
        list.copy(listBuf);
        return signal(list.length, listBuf.buffer);
      });
    };
  }
}

/** Runs fusermount (fuse3's, or fuse 2's) with args; resolves to its stderr on failure, undefined on success. */
export function fusermount(args: string[]): Promise<string | undefined> {
  const attempt = (cmd: string) =>
    new Promise<{ missing: boolean; err?: string }>((resolve) => {
      execFile(cmd, args, { timeout: 10_000 }, (e, _out, stderr) => {
        if (!e) return resolve({ missing: false });
        const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
        resolve({ missing, err: (stderr || e.message).trim() });
      });
    });
  return (async () => {
    let last = 'fusermount not found (Debian: apt-get install fuse3)';
    for (const cmd of ['fusermount3', 'fusermount']) {
      const r = await attempt(cmd);
      if (!r.missing) return r.err;
      last = r.err ?? last;
    }
    return last;
  })();
}

export interface NativeMount {
  /** Detaches the mount (lazily, as libfuse does at exit) and stops serving it. */
  unmount(): Promise<void>;
}

/**
 * Mounts ops at mountpoint with the libfuse options given (a list of `name` or
 * `name=value`, passed to fuse_mount and fuse_new as `-o a,b,c`). timeoutMs bounds every
 * request: fuse-native answers ETIMEDOUT itself past it, so no request ever hangs.
 * isMounted tells whether the mount is still there (so unmounting after an outside unmount
 * is a no-op).
 */
export async function nativeMount(mountpoint: string, ops: FuseOperations, fuseOptions: string[], timeoutMs: number, isMounted: () => Promise<boolean>): Promise<NativeMount> {
  const Fuse = await loadFuse();
  // fuse-native unmounts with Fuse.unmount (fusermount -uz); ours knows fusermount3 and skips a mount already gone.
  Fuse.unmount = (mnt: string, cb: (err: Error | null) => void) => {
    isMounted()
      .then((mounted) => (mounted ? fusermount(['-u', '-z', mnt]) : undefined))
      .then(
        (err) => cb(err ? new Error(`cannot unmount ${mnt}: ${err}`) : null),
        (e: unknown) => cb(e instanceof Error ? e : new Error(String(e))),
      );
  };
  const fuse = new Fuse(mountpoint, ops, { timeout: timeoutMs });
  fuse._fuseOptions = () => (fuseOptions.length ? '-o' + fuseOptions.join(',') : '');
  fixUtimens(fuse);
  fixXattrSizes(fuse, ops);
  await new Promise<void>((resolve, reject) => {
    fuse.mount((err) => (err ? reject(err) : resolve()));
  });
  return {
    unmount: () =>
      new Promise<void>((resolve, reject) => {
        fuse.unmount((err) => (err ? reject(err) : resolve()));
      }),
  };
}
