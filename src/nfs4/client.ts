// The NFSv4 FileSystem: every VFS operation as one COMPOUND where the protocol allows
// (RFC 8881 16.2; RFC 7530 for 4.0), paths resolved from the export's root filehandle.
import { FsError } from '../errors.js';
import { dateToNs } from '../vfs/stat.js';
import { splitPath } from '../vfs/path.js';
import { MAX_SYMLINK_HOPS, resolveLink, resolveSymlinks } from '../vfs/symlinks.js';
import type { DirEntry, FileSystem, OpenOptions, OpOptions, RenameOptions, Stat, StatFs } from '../vfs/types.js';
import { attrMask, hasAttr, type Nfs4Attrs, encodeAttrs, FATTR4, STATFS_ATTRS, STAT_ATTRS, toStat, toStatFs, type SetAttrs, type StatDefaults } from './attrs.js';
import type { Nfs4Channel } from './channel.js';
import { Compound, type CompoundStatus } from './compound.js';
import { Op } from './constants.js';
import type { IdMap } from './idmap.js';
import { encodeGetAttr, encodeSetAttr, encodeVerify } from './ops/attr.js';
import { type Fattr, type StateId } from './ops/common.js';
import { encodeCreate, encodeLink, encodeReadLink, encodeRemove, encodeRename, FType } from './ops/dir.js';
import { encodeLookup, encodeRestoreFh, encodeSaveFh } from './ops/fh.js';
import type { OwnerPool } from './owners.js';
import { lookupPath, parentAndName } from './paths.js';
import { readAttrsRes, readReadLinkRes } from './results.js';
import { runCompound, NFS4ERR, type Nfs4State } from './state.js';
import { NFS4_OK, nfsStatusError } from './status.js';
import { Nfs4Handle, ANONYMOUS_STATEID } from './handle.js';
import { readSmallFile, writeSmallFile } from './small-files.js';
import { readDirectory } from './readdir.js';

export interface Nfs4FsInit {
  state: Nfs4State;
  channel: Nfs4Channel;
  /** The filehandle of the export's root (the URL's export path, looked up at connect). */
  rootFh: Buffer;
  idmap: IdMap;
  defaults: StatDefaults;
  timeoutMs: number;
  /** Largest READ/WRITE: the server's maxread/maxwrite and the session's sizes, at most 1 MiB. */
  ioSize: number;
  owners: OwnerPool;
  /** The supported_attrs bitmap of the root (empty: ask for everything). */
  supported: readonly number[];
}

/** The fattr4 mask of a stat, limited to what the server supports. */
function supportedMask(want: readonly number[], supported: readonly number[]): number[] {
  return attrMask(supported.length === 0 ? want : want.filter((a) => hasAttr(supported, a)));
}

/** fattr4 of type NF4DIR, for VERIFY/NVERIFY before a REMOVE. */
const IS_DIRECTORY: Fattr = { mask: attrMask([FATTR4.TYPE]), vals: Buffer.from([0, 0, 0, FType.NF4DIR]) };

export class Nfs4FileSystem implements FileSystem {
  readonly protocol = 'nfs4';
  readonly ioSize: number;
  readonly statMask: number[];
  private readonly statfsMask: number[];
  private closed = false;
  /** Open files, reopened after the server lost our state. */
  readonly openFiles = new Set<Nfs4Handle>();

  constructor(readonly init: Nfs4FsInit) {
    this.ioSize = init.ioSize;
    this.statMask = supportedMask(STAT_ATTRS, init.supported);
    this.statfsMask = supportedMask(STATFS_ATTRS, init.supported);
    // Server-side COPY is NFSv4.2's.
    if (init.state.minorVersion < 2) Object.assign(this, { copyFile: undefined });
    init.state.reclaim = () => this.reclaimAll();
  }

  /** After a server restart, in its grace period: every open file reclaims its open (the ones refused reopen later). */
  private async reclaimAll(): Promise<void> {
    await Promise.all([...this.openFiles].map((h) => h.reclaim().catch(() => false)));
  }

  get state(): Nfs4State {
    return this.init.state;
  }
  get minorVersion(): number {
    return this.init.state.minorVersion;
  }
  get root(): Buffer {
    return this.init.rootFh;
  }
  /** Records sent over the session's connections (tests count round trips with it). */
  get messagesSent(): number {
    return this.init.channel.messagesSent;
  }

  checkOpen(syscall: string, path?: string): void {
    if (this.closed) throw new FsError('ENOTCONN', 'the NFS session is closed', { syscall, path });
  }

  /** Sends c with the retries of runCompound; a failure other than those comes back in the status. */
  async run(c: Compound, syscall: string, path: string, opts: OpOptions = {}): Promise<CompoundStatus> {
    this.checkOpen(syscall, path);
    try {
      return await runCompound(this.init.state, c, this.init.timeoutMs, { signal: opts.signal });
    } catch (e) {
      throw e instanceof FsError ? e.withContext({ syscall, path, protocol: 'nfs4' }) : e;
    }
  }

  /** Like run, but a failure is thrown as an FsError. */
  async must(c: Compound, syscall: string, path: string, opts: OpOptions = {}, dest?: string): Promise<CompoundStatus> {
    const st = await this.run(c, syscall, path, opts);
    if (st.status !== NFS4_OK) throw this.error(st, syscall, path, dest);
    return st;
  }

  error(st: CompoundStatus, syscall: string, path: string, dest?: string): FsError {
    return nfsStatusError(st.status, { syscall, path, dest });
  }

  /** Runs op on path; when it fails as a path through a symlink does (LOOKUP stops there), again on the resolved path. */
  async followingLinks<T>(path: string, opts: OpOptions, op: (p: string) => Promise<T>): Promise<T> {
    try {
      return await op(path);
    } catch (e) {
      if (!(e instanceof FsError) || (e.statusCode !== NFS4ERR.SYMLINK && e.statusCode !== NFS4ERR.NOTDIR && e.statusCode !== NFS4ERR.NOENT)) throw e;
      const resolved = await resolveSymlinks(path, { lstat: (p) => this.lstat(p, opts), readlink: (p) => this.readlink(p, opts) }).catch(() => undefined);
      if (resolved === undefined || resolved === path) throw e;
      return op(resolved);
    }
  }

  /** The object's attributes as a Stat. */
  statOf(a: Nfs4Attrs): Stat {
    return toStat(a, this.init.idmap, this.init.defaults);
  }

  // ---- metadata ----

  lstat(path: string, opts: OpOptions = {}): Promise<Stat> {
    return this.statOnce(path, 'lstat', opts);
  }

  private async statOnce(path: string, syscall: string, opts: OpOptions): Promise<Stat> {
    const c = new Compound(syscall);
    lookupPath(c, this.root, splitPath(path));
    const attrs = c.res(Op.GETATTR, (w) => encodeGetAttr(w, this.statMask), readAttrsRes);
    await this.must(c, syscall, path, opts);
    return this.statOf(attrs.get());
  }

  async stat(path: string, opts: OpOptions = {}): Promise<Stat> {
    return this.followingLinks(path, opts, async (start) => {
      let p = start;
      for (let hop = 0; hop < MAX_SYMLINK_HOPS; hop++) {
        const st = await this.statOnce(p, 'stat', opts);
        if (st.type !== 'symlink') return st;
        const next = resolveLink(p, await this.readlink(p, opts));
        if (next === null) return st; // a link out of the export: describe the link itself
        p = next;
      }
      throw new FsError('ELOOP', 'too many levels of symbolic links', { syscall: 'stat', path });
    });
  }

  readdir(path: string, opts: OpOptions = {}): Promise<DirEntry[]> {
    return this.followingLinks(path, opts, (p) => readDirectory(this, p, opts));
  }

  async statfs(path: string, opts: OpOptions = {}): Promise<StatFs> {
    const c = new Compound('statfs');
    lookupPath(c, this.root, splitPath(path));
    const attrs = c.res(Op.GETATTR, (w) => encodeGetAttr(w, this.statfsMask), readAttrsRes);
    await this.must(c, 'statfs', path, opts);
    return toStatFs(attrs.get());
  }

  /** SETATTR by path, with the anonymous stateid (RFC 8881 8.2.3): truncate, utimes, chmod, chown. */
  async setAttrs(path: string, attrs: SetAttrs, syscall: string, opts: OpOptions = {}): Promise<void> {
    await this.followingLinks(path, opts, async (p) => {
      const c = new Compound(syscall);
      lookupPath(c, this.root, splitPath(p));
      c.add(Op.SETATTR, (w) => encodeSetAttr(w, ANONYMOUS_STATEID, encodeAttrs(attrs, this.init.idmap)));
      await this.must(c, syscall, path, opts);
    });
  }

  truncate(path: string, size: number, opts: OpOptions = {}): Promise<void> {
    if (!Number.isSafeInteger(size) || size < 0) return Promise.reject(new FsError('EINVAL', `bad size ${size}`, { syscall: 'truncate', path }));
    return this.setAttrs(path, { size }, 'truncate', opts);
  }

  utimes(path: string, atime: Date | bigint, mtime: Date | bigint, opts: OpOptions = {}): Promise<void> {
    return this.setAttrs(path, { atime: dateToNs(atime), mtime: dateToNs(mtime) }, 'utimes', opts);
  }

  chmod(path: string, mode: number, opts: OpOptions = {}): Promise<void> {
    return this.setAttrs(path, { mode: mode & 0o7777 }, 'chmod', opts);
  }

  chown(path: string, uid: number, gid: number, opts: OpOptions = {}): Promise<void> {
    return this.setAttrs(path, { uid, gid }, 'chown', opts);
  }

  // ---- names ----

  /** CREATE of a directory or symlink (RFC 8881 18.4) in path's parent. */
  private async createObject(path: string, syscall: string, type: number, attrs: SetAttrs, linkdata: string | undefined, opts: OpOptions): Promise<void> {
    const { parent, name } = parentAndName(path, syscall);
    const c = new Compound(syscall);
    lookupPath(c, this.root, parent);
    const fattr = encodeAttrs(attrs, this.init.idmap);
    c.add(Op.CREATE, (w) => encodeCreate(w, { type, linkdata, name, attrs: fattr }));
    await this.must(c, syscall, path, opts);
  }

  mkdir(path: string, mode = 0o777, opts: OpOptions = {}): Promise<void> {
    return this.createObject(path, 'mkdir', FType.NF4DIR, { mode: mode & 0o7777 }, undefined, opts);
  }

  symlink(target: string, path: string, opts: OpOptions = {}): Promise<void> {
    return this.createObject(path, 'symlink', FType.NF4LNK, {}, target, opts);
  }

  async readlink(path: string, opts: OpOptions = {}): Promise<string> {
    const c = new Compound('readlink');
    lookupPath(c, this.root, splitPath(path));
    const link = c.res(Op.READLINK, encodeReadLink, readReadLinkRes);
    const st = await this.run(c, 'readlink', path, opts);
    // READLINK of something not a link is NFS4ERR_INVAL (or WRONG_TYPE on 4.1): readlink(2) says EINVAL.
    if (st.status !== NFS4_OK && st.failedOp === Op.READLINK) throw new FsError('EINVAL', 'not a symbolic link', { syscall: 'readlink', path, protocol: 'nfs4' });
    if (st.status !== NFS4_OK) throw this.error(st, 'readlink', path);
    return link.get();
  }

  /**
   * REMOVE (18.25) of a file (unlink) or directory (rmdir), in one COMPOUND: the object is
   * looked up and its type checked with VERIFY/NVERIFY (18.31, 18.15) before REMOVE runs,
   * since REMOVE itself takes either.
   */
  private async remove(path: string, syscall: 'unlink' | 'rmdir', opts: OpOptions): Promise<void> {
    const { parent, name } = parentAndName(path, syscall);
    const c = new Compound(syscall);
    lookupPath(c, this.root, parent);
    c.add(Op.SAVEFH, encodeSaveFh);
    c.add(Op.LOOKUP, (w) => encodeLookup(w, name));
    const check = syscall === 'rmdir' ? Op.VERIFY : Op.NVERIFY;
    c.add(check, (w) => encodeVerify(w, check, IS_DIRECTORY));
    c.add(Op.RESTOREFH, encodeRestoreFh);
    c.add(Op.REMOVE, (w) => encodeRemove(w, name));
    const st = await this.run(c, syscall, path, opts);
    if (st.status === NFS4_OK) return;
    if (st.failedOp === Op.VERIFY) throw new FsError('ENOTDIR', 'not a directory', { syscall, path, protocol: 'nfs4' });
    if (st.failedOp === Op.NVERIFY) throw new FsError('EISDIR', 'is a directory', { syscall, path, protocol: 'nfs4' });
    throw this.error(st, syscall, path);
  }

  unlink(path: string, opts: OpOptions = {}): Promise<void> {
    return this.remove(path, 'unlink', opts);
  }

  rmdir(path: string, opts: OpOptions = {}): Promise<void> {
    return this.remove(path, 'rmdir', opts);
  }

  /** RENAME (18.26): the source directory saved, the target directory current. */
  async rename(from: string, to: string, opts: RenameOptions = {}): Promise<void> {
    const src = parentAndName(from, 'rename');
    const dst = parentAndName(to, 'rename');
    if (opts.replace === false) {
      const exists = await this.lstat(to, opts).then(
        () => true,
        (e: unknown) => (e instanceof FsError && e.code === 'ENOENT' ? false : Promise.reject(e)),
      );
      if (exists) throw new FsError('EEXIST', 'the destination exists', { syscall: 'rename', path: from, dest: to, protocol: 'nfs4' });
    }
    const c = new Compound('rename');
    lookupPath(c, this.root, src.parent);
    c.add(Op.SAVEFH, encodeSaveFh);
    lookupPath(c, this.root, dst.parent);
    c.add(Op.RENAME, (w) => encodeRename(w, src.name, dst.name));
    await this.must(c, 'rename', from, opts, to);
  }

  /** LINK (18.9): the existing file saved, the new name's directory current. */
  async link(existing: string, path: string, opts: OpOptions = {}): Promise<void> {
    const dst = parentAndName(path, 'link');
    const c = new Compound('link');
    lookupPath(c, this.root, splitPath(existing));
    c.add(Op.SAVEFH, encodeSaveFh);
    lookupPath(c, this.root, dst.parent);
    c.add(Op.LINK, (w) => encodeLink(w, dst.name));
    await this.must(c, 'link', existing, opts, path);
  }

  // ---- data ----

  async open(path: string, how: OpenOptions = { read: true }, opts: OpOptions = {}): Promise<Nfs4Handle> {
    this.checkOpen('open', path);
    if (how.truncate && !how.write) throw new FsError('EINVAL', 'truncate needs write access', { syscall: 'open', path });
    return this.followingLinks(path, opts, (p) => Nfs4Handle.open(this, p, how, opts));
  }

  readSmallFile(path: string, maxBytes: number, opts: OpOptions = {}): Promise<Buffer | undefined> {
    return this.followingLinks(path, opts, (p) => readSmallFile(this, p, maxBytes, opts));
  }

  writeSmallFile(path: string, data: Buffer, opts: OpOptions = {}): Promise<void> {
    return this.followingLinks(path, opts, (p) => writeSmallFile(this, p, data, opts));
  }

  /**
   * COPY (RFC 7862 15.2), intra-server and synchronous: dest is created or truncated, then
   * the server copies src into it. A server without COPY (NFS4ERR_NOTSUPP) leaves dest as
   * it was made (empty) and the call fails with EOPNOTSUPP; copy() does it through the client.
   */
  async copyFile(src: string, dest: string, opts: OpOptions = {}): Promise<void> {
    const from = await this.open(src, { read: true }, opts);
    try {
      const to = await this.open(dest, { write: true, create: true, truncate: true }, opts);
      try {
        await from.copyTo(to, opts);
      } finally {
        await to.close();
      }
    } finally {
      await from.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.allSettled([...this.openFiles].map((h) => h.close()));
    this.closed = true;
    try {
      await this.init.state.close();
    } finally {
      await this.init.channel.close();
    }
  }
}

export type { StateId };
