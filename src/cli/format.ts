import type { DirEntry, Stat, StatFs } from '../vfs/types.js';

const typeChar: Record<Stat['type'], string> = {
  file: '-',
  directory: 'd',
  symlink: 'l',
  block: 'b',
  char: 'c',
  fifo: 'p',
  socket: 's',
  unknown: '?',
};

export function modeString(s: Stat): string {
  const rwx = (bits: number) => `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${bits & 1 ? 'x' : '-'}`;
  return typeChar[s.type] + rwx((s.mode >> 6) & 7) + rwx((s.mode >> 3) & 7) + rwx(s.mode & 7);
}

function time(d: Date): string {
  return d.toISOString().replace('T', ' ').slice(0, 19);
}

/** `ls -l`-like lines, names last. */
export function longListing(entries: DirEntry[]): string {
  const sizeWidth = Math.max(1, ...entries.map((e) => String(e.stat.size).length));
  return entries
    .map((e) => `${modeString(e.stat)} ${String(e.stat.nlink).padStart(2)} ${String(e.stat.uid).padStart(5)} ${String(e.stat.gid).padStart(5)} ${String(e.stat.size).padStart(sizeWidth)} ${time(e.stat.mtime)} ${e.name}${e.stat.type === 'directory' ? '/' : ''}`)
    .join('\n');
}

export function statText(path: string, s: Stat): string {
  return [
    `  File: ${path}`,
    `  Type: ${s.type}`,
    `  Size: ${s.size}\tAllocated: ${s.allocated}`,
    `  Mode: 0${(s.mode & 0o7777).toString(8).padStart(3, '0')} (${modeString(s)})${s.unixMode ? '' : ' [default: server has no Unix mode]'}`,
    `   Uid: ${s.uid}\tGid: ${s.gid}${s.unixOwner ? '' : ' [default: server has no Unix owner]'}`,
    ` Inode: ${s.ino}\tLinks: ${s.nlink}`,
    `Access: ${s.atime.toISOString()}`,
    `Modify: ${s.mtime.toISOString()}`,
    `Change: ${s.ctime.toISOString()}`,
    ` Birth: ${s.birthtime.toISOString()}`,
  ].join('\n');
}

export function statfsText(s: StatFs): string {
  const k = (blocks: number) => Math.floor((blocks * s.bsize) / 1024);
  const used = s.blocks - s.bfree;
  const pct = s.blocks ? Math.ceil((used / s.blocks) * 100) : 0;
  return `1K-blocks       Used  Available Use%\n${String(k(s.blocks)).padStart(9)} ${String(k(used)).padStart(10)} ${String(k(s.bavail)).padStart(10)} ${String(pct).padStart(3)}%`;
}
