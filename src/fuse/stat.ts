import type { FuseStat, FuseStatfs } from 'fuse-native';
import type { Stat, StatFs } from '../vfs/types.js';

/** st_blksize: the size cp and friends pick their buffers by; the kernel splits at max_write anyway. */
export const BLKSIZE = 128 * 1024;
const U32 = 2 ** 32;

/** Milliseconds since the epoch (fuse-native's time unit), clamped to what it can carry. */
function ms(ns: bigint): number {
  const v = Number(ns / 1_000_000n);
  return v < 0 ? 0 : v;
}

/** A VFS Stat as fuse-native takes it: 32-bit fields, 64-bit size and blocks, millisecond times. */
export function toFuseStat(st: Stat): FuseStat {
  return {
    mode: st.mode,
    uid: st.uid >>> 0,
    gid: st.gid >>> 0,
    size: st.size,
    nlink: Math.max(1, Math.min(st.nlink, U32 - 1)),
    // With use_ino this is st_ino; fuse-native carries 32 bits of it (0 would read as "no inode").
    ino: Number(st.ino % BigInt(U32)) || 1,
    blksize: BLKSIZE,
    blocks: Math.ceil(st.allocated / 512),
    atime: ms(st.atimeNs),
    mtime: ms(st.mtimeNs),
    ctime: ms(st.ctimeNs),
  };
}

/**
 * A VFS StatFs as fuse-native takes it. Its fields are 32-bit: a large volume is described
 * in larger fragments (f_frsize) so the block counts fit, as df reads sizes in f_frsize units.
 */
export function toFuseStatfs(s: StatFs): FuseStatfs {
  let frsize = Math.max(1, s.bsize);
  let scale = 1;
  while (s.blocks / scale >= U32 && frsize < 2 ** 30) {
    scale *= 2;
    frsize *= 2;
  }
  const fit = (n: number) => Math.min(U32 - 1, Math.max(0, Math.floor(n)));
  return {
    bsize: fit(Math.max(s.bsize, BLKSIZE)),
    frsize: fit(frsize),
    blocks: fit(s.blocks / scale),
    bfree: fit(s.bfree / scale),
    bavail: fit(s.bavail / scale),
    files: fit(s.files),
    ffree: fit(s.ffree),
    favail: fit(s.ffree),
    fsid: 0,
    flag: 0,
    namemax: fit(s.namemax),
  };
}
