import { basename, dirname } from '../vfs/path.js';
import type { Stat } from '../vfs/types.js';

/** Clock in milliseconds; injectable so tests can age entries without waiting. */
export type Clock = () => number;
export const monotonicMs: Clock = () => performance.now();

/** Entries kept at most; the oldest go first (a Map iterates in insertion order). */
const MAX_ENTRIES = 65_536;

interface Timed<T> {
  value: T;
  expires: number;
}

/** A path-keyed map whose entries expire after ttlMs; ttlMs 0 keeps nothing. */
class TimedMap<T> {
  private readonly map = new Map<string, Timed<T>>();

  constructor(
    readonly ttlMs: number,
    private readonly now: Clock,
  ) {}

  get(key: string): T | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.map.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: T): void {
    if (this.ttlMs <= 0) return;
    this.map.delete(key);
    if (this.map.size >= MAX_ENTRIES) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, { value, expires: this.now() + this.ttlMs });
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  /** Drops key and every key below it (key + '/...'). */
  deleteTree(key: string): void {
    const prefix = key === '/' ? '/' : key + '/';
    for (const k of this.map.keys()) if (k === key || k.startsWith(prefix)) this.map.delete(k);
  }

  get size(): number {
    return this.map.size;
  }
}

/**
 * What the mount remembers between FUSE requests, as the kernel clients do (attribute
 * cache: actimeo; entry cache: the names of a directory):
 * - attributes of a path, fresh for attr_timeout, fed by getattr and by every readdir;
 * - the names in a directory, fresh for entry_timeout, fed by readdir and by mkdir (a new
 *   directory is empty), so that a lookup of a name that is not there costs no round trip.
 * Every change made through the mount updates or drops what it touches.
 */
export class MountCache {
  private readonly attrs: TimedMap<Stat>;
  private readonly names: TimedMap<Set<string>>;

  constructor(attrTimeoutMs: number, entryTimeoutMs: number, now: Clock = monotonicMs) {
    this.attrs = new TimedMap(attrTimeoutMs, now);
    this.names = new TimedMap(entryTimeoutMs, now);
  }

  stat(path: string): Stat | undefined {
    return this.attrs.get(path);
  }

  /** True when the listing of path's directory is fresh and does not hold its name. */
  knownMissing(path: string): boolean {
    if (path === '/') return false;
    const names = this.names.get(dirname(path));
    return names !== undefined && !names.has(basename(path));
  }

  putStat(path: string, st: Stat): void {
    this.attrs.set(path, st);
  }

  /** A full listing of dir: its names, and each entry's attributes. */
  putListing(dir: string, entries: { name: string; stat: Stat }[], childPath: (name: string) => string): void {
    this.names.set(dir, new Set(entries.map((e) => e.name)));
    for (const e of entries) this.attrs.set(childPath(e.name), e.stat);
  }

  /** path was just made by this mount: its parent's listing gains it, its attributes are unknown. */
  added(path: string): void {
    this.attrs.delete(path);
    this.attrs.delete(dirname(path));
    this.names.get(dirname(path))?.add(basename(path));
  }

  /** dir was just made by this mount, so it is empty. */
  madeDirectory(dir: string): void {
    this.added(dir);
    this.names.set(dir, new Set());
  }

  /** path (and anything below it) was just removed through this mount. */
  removed(path: string): void {
    this.attrs.deleteTree(path);
    this.names.deleteTree(path);
    this.attrs.delete(dirname(path));
    this.names.get(dirname(path))?.delete(basename(path));
  }

  renamed(from: string, to: string): void {
    this.removed(from);
    this.removed(to);
    this.added(to);
  }

  /** The attributes of path changed (data, size, times, mode, owner, link count). */
  changed(path: string): void {
    this.attrs.delete(path);
  }

  /** What we believed about dir's names was wrong (an operation failed unexpectedly): forget it. */
  forgetListing(dir: string): void {
    this.names.delete(dir);
  }
}
