// src/fuse without the kernel: option parsing, the caches, the errno mapping, stat
// conversion, and the FUSE adapter driven directly over a local FileSystem.
import { constants } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsError } from '../../src/vfs/errors.js';
import { makeStat } from '../../src/vfs/stat.js';
import type { FileHandle, FileSystem, Stat } from '../../src/vfs/types.js';
import { WriteBehind } from '../../src/fuse/write-behind.js';
import { ErrnoMapper, FuseAdapter, libfuseOptions, MountCache, parseMountinfo, parseMountOptions, UTIME_NOW_MS } from '../../src/fuse/index.js';
import { toFuseStat, toFuseStatfs } from '../../src/fuse/stat.js';
import { LocalFileSystem } from '../support/local-fs.js';

const errno = (code: keyof typeof osConstants.errno) => -osConstants.errno[code];

function fileStat(size: number, extra: Partial<Parameters<typeof makeStat>[0]> = {}): Stat {
  return makeStat({ type: 'file', perm: 0o644, uid: 1, gid: 2, size, allocated: 4096, nlink: 1, ino: 7n, dev: 0n, atimeNs: 1_000_000_000n, mtimeNs: 2_500_000_000n, ctimeNs: 3_000_000_000n, birthtimeNs: 0n, unixOwner: true, unixMode: true, ...extra });
}

describe('mount options', () => {
  it('defaults: 1 s caches, big writes of 1 MiB, permission checks by the kernel', () => {
    const o = parseMountOptions([]);
    expect(o).toMatchObject({ attrTimeout: 1, entryTimeout: 1, negativeTimeout: 0, readOnly: false, allowOther: false, defaultPermissions: true, maxWrite: 1048576 });
    const lib = libfuseOptions(o, 'smb://h/s');
    expect(lib).toContain('big_writes');
    expect(lib).toContain('max_write=1048576');
    expect(lib).toContain('use_ino');
    expect(lib).toContain('subtype=netfs');
    expect(lib).toContain('default_permissions');
    expect(lib).toContain('attr_timeout=1');
    expect(lib).not.toContain('ro');
  });

  it('parses mount.cifs-style and libfuse-style options from several -o lists', () => {
    const o = parseMountOptions(['uid=1000,gid=100,file_mode=0640', 'dir_mode=750,ro,allow_other,actimeo=0.5,entry_timeout=2,noperm,max_read=65536,auto_cache']);
    expect(o).toMatchObject({ uid: 1000, gid: 100, fileMode: 0o640, dirMode: 0o750, readOnly: true, allowOther: true, attrTimeout: 0.5, entryTimeout: 2, defaultPermissions: false, maxRead: 65536, passThrough: ['auto_cache'] });
    const lib = libfuseOptions(o, 'smb://u@h/a,b');
    expect(lib).toEqual(expect.arrayContaining(['ro', 'allow_other', 'max_read=65536', 'attr_timeout=0.5', 'entry_timeout=2', 'auto_cache', 'fsname=smb://u@h/a\\,b']));
    expect(lib).not.toContain('default_permissions');
  });

  it('refuses unknown options and bad values with EINVAL', () => {
    for (const bad of ['bogus', 'uid=x', 'uid=-1', 'file_mode=0999', 'attr_timeout=-1', 'attr_timeout=', 'max_write=99999999999', 'fsname=', 'debug=1']) {
      expect(() => parseMountOptions([bad]), bad).toThrow(FsError);
    }
  });
});

describe('MountCache', () => {
  it('keeps attributes for the attr timeout and names for the entry timeout', () => {
    let now = 0;
    const c = new MountCache(1000, 2000, () => now);
    c.putStat('/a', fileStat(1));
    c.putListing('/d', [{ name: 'x', stat: fileStat(2) }], (n) => `/d/${n}`);
    expect(c.stat('/a')?.size).toBe(1);
    expect(c.stat('/d/x')?.size).toBe(2);
    expect(c.knownMissing('/d/y')).toBe(true);
    expect(c.knownMissing('/d/x')).toBe(false);
    expect(c.knownMissing('/other/y')).toBe(false);
    now = 1000;
    expect(c.stat('/a')).toBeUndefined();
    expect(c.knownMissing('/d/y')).toBe(true);
    now = 2000;
    expect(c.knownMissing('/d/y')).toBe(false);
  });

  it('a new directory is known empty; local changes update names and drop attributes', () => {
    const c = new MountCache(1000, 1000, () => 0);
    c.madeDirectory('/n');
    expect(c.knownMissing('/n/anything')).toBe(true);
    c.putStat('/n', fileStat(0));
    c.added('/n/f');
    expect(c.knownMissing('/n/f')).toBe(false);
    expect(c.stat('/n')).toBeUndefined();
    c.putStat('/n/f', fileStat(3));
    c.renamed('/n/f', '/n/g');
    expect(c.knownMissing('/n/f')).toBe(true);
    expect(c.knownMissing('/n/g')).toBe(false);
    expect(c.stat('/n/f')).toBeUndefined();
    c.putStat('/n/g/deep', fileStat(1));
    c.removed('/n/g');
    expect(c.stat('/n/g/deep')).toBeUndefined();
    expect(c.knownMissing('/n/g')).toBe(true);
    c.forgetListing('/n');
    expect(c.knownMissing('/n/g')).toBe(false);
  });

  it('a timeout of 0 caches nothing', () => {
    const c = new MountCache(0, 0, () => 0);
    c.putStat('/a', fileStat(1));
    c.madeDirectory('/d');
    expect(c.stat('/a')).toBeUndefined();
    expect(c.knownMissing('/d/x')).toBe(false);
  });
});

describe('errno mapping', () => {
  it('an FsError gives its code; a lost connection reads as EIO; anything else is EIO, logged once', () => {
    const logged: string[] = [];
    const m = new ErrnoMapper((s) => logged.push(s));
    expect(m.toErrno(new FsError('ENOENT', 'x'), 'getattr', '/a')).toBe(errno('ENOENT'));
    expect(m.toErrno(new FsError('ETIMEDOUT', 'x'), 'read', '/a')).toBe(errno('ETIMEDOUT'));
    expect(m.toErrno(new FsError('ENOTCONN', 'x'), 'read', '/a')).toBe(errno('EIO'));
    expect(m.toErrno(new FsError('ECONNRESET', 'x'), 'read', '/a')).toBe(errno('EIO'));
    expect(logged).toEqual([]);
    expect(m.toErrno(new TypeError('boom'), 'read', '/a')).toBe(errno('EIO'));
    expect(m.toErrno(new TypeError('boom'), 'write', '/b')).toBe(errno('EIO'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/unexpected error in read '\/a'.*TypeError: boom/s);
  });
});

describe('stat conversion', () => {
  it('milliseconds, 512-byte blocks, 32-bit inode numbers (never 0)', () => {
    const s = toFuseStat(fileStat(5000, { ino: (1n << 32n) + 9n, allocated: 8192 }));
    expect(s).toMatchObject({ mode: 0o100644, size: 5000, blocks: 16, ino: 9, atime: 1000, mtime: 2500, ctime: 3000, uid: 1, gid: 2 });
    expect(toFuseStat(fileStat(1, { ino: 1n << 32n })).ino).toBe(1);
  });

  it('statfs of a volume too large for 32-bit counts is described in larger fragments', () => {
    const s = toFuseStatfs({ bsize: 4096, blocks: 2 ** 34, bfree: 2 ** 33, bavail: 2 ** 32, files: 0, ffree: 0, namemax: 255 });
    expect(s.frsize * s.blocks).toBe(4096 * 2 ** 34);
    expect(s.blocks).toBeLessThan(2 ** 32);
    expect(s.frsize * s.bavail).toBe(4096 * 2 ** 32);
  });
});

describe('mountinfo', () => {
  it('reads mount points with escaped spaces, the fs type and the source', () => {
    const text = '36 35 98:0 / /mnt/with\\040space rw,noatime master:1 - fuse.netfs smb://h/s rw,user_id=0\n' + '25 1 0:23 / /proc rw shared:5 - proc proc rw\n';
    expect(parseMountinfo(text)).toEqual([
      { id: 36, mountpoint: '/mnt/with space', options: 'rw,noatime', fstype: 'fuse.netfs', source: 'smb://h/s' },
      { id: 25, mountpoint: '/proc', options: 'rw', fstype: 'proc', source: 'proc' },
    ]);
  });
});

/** A FileSystem that counts the calls reaching it. */
function counting(fs: FileSystem): { fs: FileSystem; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const proxy = new Proxy(fs, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function' || typeof prop !== 'string') return v;
      return (...args: unknown[]) => {
        calls.set(prop, (calls.get(prop) ?? 0) + 1);
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { fs: proxy, calls };
}

describe('FuseAdapter over a local directory', () => {
  let root: string;
  let local: LocalFileSystem;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'netfs-adapter-'));
    local = new LocalFileSystem(root);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const adapter = (fs: FileSystem, opts: Partial<ConstructorParameters<typeof FuseAdapter>[1]> = {}) =>
    new FuseAdapter(fs, { attrTimeoutMs: 60_000, entryTimeoutMs: 60_000, log: () => undefined, ...opts });

  it('getattr is served from the cache that readdir fills; a name missing from a listing costs nothing', async () => {
    await writeFile(join(root, 'a'), 'aaa');
    const { fs, calls } = counting(local);
    const a = adapter(fs);
    const listing = await a.readdir('/');
    expect(listing.names).toEqual(['.', '..', 'a']);
    expect(listing.stats[2].size).toBe(3);
    expect((await a.getattr('/a')).size).toBe(3);
    await expect(a.getattr('/nope')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(calls.get('lstat') ?? 0).toBe(0);
    expect(calls.get('readdir')).toBe(1);
  });

  it('writes through a handle invalidate the cached size', async () => {
    const a = adapter(local);
    const fd = await a.create('/f', 0o644);
    expect((await a.getattr('/f')).size).toBe(0);
    await a.write(fd, Buffer.from('hello'), 5, 0);
    expect((await a.getattr('/f')).size).toBe(5);
    const buf = Buffer.alloc(10);
    expect(await a.read(fd, buf, 10, 0)).toBe(5);
    await a.ftruncate(fd, 2);
    expect((await a.getattr('/f')).size).toBe(2);
    await a.release(fd);
    expect(a.handles.size).toBe(0);
    await expect(a.read(fd, buf, 1, 0)).rejects.toMatchObject({ code: 'EBADF' });
  });

  it('create is exclusive; open honours the access mode and O_TRUNC', async () => {
    await writeFile(join(root, 'e'), 'existing');
    const a = adapter(local);
    await expect(a.create('/e', 0o644)).rejects.toMatchObject({ code: 'EEXIST' });
    const ro = await a.open('/e', constants.O_RDONLY);
    await expect(a.write(ro, Buffer.from('x'), 1, 0)).rejects.toMatchObject({ code: 'EBADF' });
    await a.release(ro);
    const wr = await a.open('/e', constants.O_WRONLY | constants.O_TRUNC);
    expect((await a.getattr('/e')).size).toBe(0);
    await a.release(wr);
  });

  it('names: mkdir makes a known-empty directory; rename, unlink, rmdir, symlink, link update what getattr says', async () => {
    const { fs, calls } = counting(local);
    const a = adapter(fs);
    await a.mkdir('/d', 0o755);
    await expect(a.getattr('/d/x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(calls.get('lstat') ?? 0).toBe(0);
    const fd = await a.create('/d/x', 0o600);
    await a.release(fd);
    expect((await a.getattr('/d/x')).type).toBe('file');
    await a.rename('/d/x', '/d/y');
    await expect(a.getattr('/d/x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await a.getattr('/d/y')).type).toBe('file');
    await a.symlink('y', '/d/l');
    expect(await a.readlink('/d/l')).toBe('y');
    expect((await a.getattr('/d/l')).type).toBe('symlink');
    await a.link('/d/y', '/d/h');
    expect((await a.getattr('/d/y')).nlink).toBe(2);
    for (const n of ['l', 'h', 'y']) await a.unlink(`/d/${n}`);
    await a.rmdir('/d');
    await expect(a.getattr('/d')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('utimens sets both times; UTIME_NOW means now', async () => {
    await writeFile(join(root, 't'), 'x');
    const a = adapter(local);
    await a.utimens('/t', 1_500_000_000_125, 1_600_000_000_500);
    let st = await local.stat('/t');
    expect([st.atime.getTime(), st.mtime.getTime()]).toEqual([1_500_000_000_125, 1_600_000_000_500]);
    await a.utimens('/t', UTIME_NOW_MS, UTIME_NOW_MS);
    st = await local.stat('/t');
    expect(Math.abs(st.mtime.getTime() - Date.now())).toBeLessThan(10_000);
  });

  it('chown with -1 keeps that id; chmod keeps the type', async () => {
    await writeFile(join(root, 'o'), 'x');
    const a = adapter(local);
    const before = await local.stat('/o');
    await a.chown('/o', 0xffffffff, before.gid);
    await a.chmod('/o', 0o100600);
    const after = await local.stat('/o');
    expect([after.uid, after.gid, after.mode]).toEqual([before.uid, before.gid, 0o100600]);
  });

  it('xattrs outside user.* are answered without asking the file system', async () => {
    await writeFile(join(root, 'x'), 'x');
    const calls: string[] = [];
    const fs = Object.assign(Object.create(local) as FileSystem, {
      getxattr: async (_p: string, n: string) => {
        calls.push(n);
        throw new FsError('ENODATA', 'none');
      },
      setxattr: async () => undefined,
      listxattr: async () => ['user.a'],
      removexattr: async () => undefined,
    });
    const a = adapter(fs);
    await expect(a.getxattr('/x', 'security.capability')).rejects.toMatchObject({ code: 'ENODATA' });
    await expect(a.setxattr('/x', 'trusted.x', Buffer.from('1'), 0)).rejects.toMatchObject({ code: 'EOPNOTSUPP' });
    expect(calls).toEqual([]);
    // XATTR_REPLACE of a missing attribute: ENODATA; XATTR_CREATE of a missing one goes through.
    await expect(a.setxattr('/x', 'user.a', Buffer.from('1'), 2)).rejects.toMatchObject({ code: 'ENODATA' });
    await a.setxattr('/x', 'user.a', Buffer.from('1'), 1);
    expect(calls).toEqual(['user.a', 'user.a']);
    expect(await a.listxattr('/x')).toEqual(['user.a']);
  });

  it('read-only: every change is EROFS, reads work', async () => {
    await writeFile(join(root, 'r'), 'data');
    const a = adapter(local, { readOnly: true });
    await expect(a.mkdir('/m', 0o755)).rejects.toMatchObject({ code: 'EROFS' });
    await expect(a.create('/c', 0o644)).rejects.toMatchObject({ code: 'EROFS' });
    await expect(a.open('/r', constants.O_RDWR)).rejects.toMatchObject({ code: 'EROFS' });
    await expect(a.unlink('/r')).rejects.toMatchObject({ code: 'EROFS' });
    const fd = await a.open('/r', constants.O_RDONLY);
    const buf = Buffer.alloc(4);
    expect(await a.read(fd, buf, 4, 0)).toBe(4);
    await a.release(fd);
  });

  it('a root inside the file system: FUSE paths are below it', async () => {
    await local.mkdir('/sub');
    await writeFile(join(root, 'sub', 'f'), 'in sub');
    const a = adapter(local, { root: '/sub' });
    expect((await a.readdir('/')).names).toEqual(['.', '..', 'f']);
    expect((await a.getattr('/f')).size).toBe(6);
    expect(a.vpath('/../../etc')).toBe('/sub/etc');
  });

  it('operations() answers through callbacks: values on success, -errno on failure', async () => {
    await writeFile(join(root, 'cb'), 'abc');
    const ops = adapter(local).operations();
    const got = await new Promise<[number, number | undefined]>((res) => ops.getattr?.('/cb', (e, st) => res([e, st?.size])));
    expect(got).toEqual([0, 3]);
    const missing = await new Promise<number>((res) => ops.getattr?.('/none', (e) => res(e)));
    expect(missing).toBe(errno('ENOENT'));
    const rmdirFile = await new Promise<number>((res) => ops.rmdir?.('/cb', res));
    expect(rmdirFile).toBe(errno('ENOTDIR'));
  });
});

describe('WriteBehind', () => {
  /** A handle that records writes, holds them until released, and can fail them. */
  function slowHandle() {
    const writes: { at: number; len: number }[] = [];
    const waiting: (() => void)[] = [];
    let fail: FsError | undefined;
    const handle = {
      path: '/w',
      write: (data: Buffer, position: number) =>
        new Promise<number>((res, rej) => {
          writes.push({ at: position, len: data.length });
          waiting.push(() => (fail ? rej(fail) : res(data.length)));
        }),
    } as unknown as FileHandle;
    return {
      handle,
      writes,
      release: () => waiting.splice(0).forEach((w) => w()),
      failNext: (e: FsError) => (fail = e),
    };
  }

  it('gathers contiguous writes into chunks, keeps at most window in flight, and drains', async () => {
    const h = slowHandle();
    let written = 0;
    const w = new WriteBehind(h.handle, 8, 2, () => written++);
    await w.write(Buffer.alloc(4), 0);
    await w.write(Buffer.alloc(4), 4); // a full chunk: sent
    await w.write(Buffer.alloc(3), 8);
    expect(h.writes).toEqual([{ at: 0, len: 8 }]);
    let fourthDone = false;
    const fourth = w.write(Buffer.alloc(2), 100).then(() => (fourthDone = true)); // not contiguous: the 3 bytes go; window full: waits
    await new Promise((r) => setTimeout(r, 10));
    expect(h.writes).toEqual([{ at: 0, len: 8 }, { at: 8, len: 3 }]);
    expect(fourthDone).toBe(false);
    h.release();
    await fourth;
    const fifth = w.write(Buffer.alloc(20), 200); // larger than a chunk: sent at once, the 2 bytes first
    await new Promise((r) => setTimeout(r, 10));
    h.release();
    await fifth;
    const drained = w.drain();
    await new Promise((r) => setTimeout(r, 10));
    h.release();
    await drained;
    expect(h.writes).toEqual([{ at: 0, len: 8 }, { at: 8, len: 3 }, { at: 100, len: 2 }, { at: 200, len: 20 }]);
    expect(w.idle).toBe(true);
    expect(written).toBe(4);
  });

  it('copies the caller\'s bytes (libfuse reuses its buffer)', async () => {
    const seen: Buffer[] = [];
    const handle = { path: '/c', write: async (d: Buffer) => (seen.push(Buffer.from(d)), d.length) } as unknown as FileHandle;
    const w = new WriteBehind(handle, 1024, 2);
    const buf = Buffer.from('abc');
    await w.write(buf, 0);
    buf.write('XYZ');
    await w.drain();
    expect(seen.map(String)).toEqual(['abc']);
  });

  it('a failed write is reported once, by the next write or drain; settle keeps it for them', async () => {
    const h = slowHandle();
    const w = new WriteBehind(h.handle, 4, 4);
    await w.write(Buffer.alloc(4), 0);
    h.failNext(new FsError('ENOSPC', 'full'));
    h.release();
    await w.settle();
    await expect(w.write(Buffer.alloc(1), 4)).rejects.toMatchObject({ code: 'ENOSPC' });
    const d = w.drain();
    h.release();
    await d;
  });
});
