import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { ErrnoCode } from '../errors.js';
import { FsError } from '../errors.js';
import { joinPath } from '../path.js';
import type { FileSystem } from '../types.js';

/** What the file system under test supports; a missing feature skips its tests. */
export interface ConformanceFeatures {
  symlinks?: boolean;
  unixMode?: boolean;
  unixOwner?: boolean;
  hardlinks?: boolean;
  xattrs?: boolean;
  locks?: boolean;
  /** Granularity of stored times (100n for SMB's FILETIME, 1n for NFSv4); default 1 s. */
  timesResolutionNs?: bigint;
  /** true: 'A' and 'a' are two names; false: one file; undefined: not tested. */
  caseSensitive?: boolean;
}

export interface ConformanceTarget {
  fs: FileSystem;
  /** An empty directory path inside fs to work in. */
  root: string;
  teardown(): Promise<void>;
}

export type ConformanceSetup = () => Promise<ConformanceTarget>;

/** What each group of tests sees: the target once set up, and a fresh directory per test. */
export class SuiteContext {
  private target: ConformanceTarget | undefined;
  private serial = 0;

  constructor(readonly features: ConformanceFeatures) {}

  attach(target: ConformanceTarget): void {
    this.target = target;
  }

  detach(): ConformanceTarget | undefined {
    const t = this.target;
    this.target = undefined;
    return t;
  }

  get fs(): FileSystem {
    if (!this.target) throw new Error('conformance setup did not run');
    return this.target.fs;
  }

  get root(): string {
    if (!this.target) throw new Error('conformance setup did not run');
    return this.target.root;
  }

  /** Creates and returns an empty directory of its own for one test. */
  async dir(name: string): Promise<string> {
    const path = joinPath(this.root, `${++this.serial}-${name}`);
    await this.fs.mkdir(path);
    return path;
  }

  get timesResolutionNs(): bigint {
    return this.features.timesResolutionNs ?? 1_000_000_000n;
  }
}

/** Expects p to reject with an FsError whose code is one of codes, and returns it. */
export async function expectFsError(p: Promise<unknown>, codes: ErrnoCode | ErrnoCode[]): Promise<FsError> {
  const allowed = Array.isArray(codes) ? codes : [codes];
  let error: unknown;
  try {
    await p;
  } catch (e) {
    error = e;
  }
  expect(error, `expected a rejection with ${allowed.join(' or ')}`).toBeInstanceOf(FsError);
  const fe = error as FsError;
  expect(allowed, `got ${fe.code}: ${fe.message}`).toContain(fe.code);
  return fe;
}

/** n bytes that differ from those of any other seed, and are not all alike. */
export function pattern(n: number, seed: string): Buffer {
  const out = Buffer.allocUnsafe(n);
  let block = createHash('sha256').update(seed).digest();
  for (let at = 0; at < n; at += block.length) {
    block.copy(out, at, 0, Math.min(block.length, n - at));
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Reads a whole file through a handle, the plain way, to check what other paths wrote. */
export async function readAll(fs: FileSystem, path: string): Promise<Buffer> {
  const h = await fs.open(path, { read: true });
  try {
    const size = (await h.stat()).size;
    const buf = Buffer.alloc(size);
    let done = 0;
    while (done < size) {
      const n = await h.read(buf, done, size - done, done);
      if (n === 0) break;
      done += n;
    }
    return buf.subarray(0, done);
  } finally {
    await h.close();
  }
}

/** Creates path holding data through open/write/close (not through the helpers). */
export async function put(fs: FileSystem, path: string, data: Buffer | string): Promise<void> {
  const h = await fs.open(path, { write: true, create: true, truncate: true });
  try {
    const buf = typeof data === 'string' ? Buffer.from(data) : data;
    if (buf.length > 0) await h.write(buf, 0);
  } finally {
    await h.close();
  }
}
