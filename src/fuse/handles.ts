import type { FileHandle } from '../vfs/types.js';
import type { ReadAhead } from './read-ahead.js';
import type { WriteBehind } from './write-behind.js';

/** One file opened through the mount. */
export interface OpenFile {
  handle: FileHandle;
  /** Its path in the FileSystem now (renames through the mount move it). */
  path: string;
  /** The write-back of a file opened for writing. */
  writer?: WriteBehind;
  /** The read-ahead of a file opened for reading. */
  reader?: ReadAhead;
}

/** The largest number fuse-native carries as a file handle (it passes an int32; 0 means none). */
const MAX_FD = 0x7fffffff;

/** FUSE file handle numbers -> open files. Numbers start at 1 and are not reused while open. */
export class HandleTable {
  private readonly open = new Map<number, OpenFile>();
  private next = 1;

  add(file: OpenFile): number {
    while (this.open.has(this.next)) this.next = this.next >= MAX_FD ? 1 : this.next + 1;
    const fd = this.next;
    this.next = fd >= MAX_FD ? 1 : fd + 1;
    this.open.set(fd, file);
    return fd;
  }

  get(fd: number): OpenFile | undefined {
    return this.open.get(fd);
  }

  remove(fd: number): OpenFile | undefined {
    const f = this.open.get(fd);
    this.open.delete(fd);
    return f;
  }

  /** The open files at path. */
  at(path: string): OpenFile[] {
    const out: OpenFile[] = [];
    for (const f of this.open.values()) if (f.path === path) out.push(f);
    return out;
  }

  /** What is read ahead for the files open at path is stale: it changed. */
  dropReadAhead(path: string): void {
    for (const f of this.at(path)) f.reader?.drop();
  }

  /** from (a file, or a directory and what is below it) is now called to. */
  renamed(from: string, to: string): void {
    const below = from + '/';
    for (const f of this.open.values()) {
      if (f.path === from) f.path = to;
      else if (f.path.startsWith(below)) f.path = to + f.path.slice(from.length);
    }
  }

  /** Every open file, removed from the table (for unmount). */
  drain(): OpenFile[] {
    const all = [...this.open.values()];
    this.open.clear();
    return all;
  }

  get size(): number {
    return this.open.size;
  }
}
