// An open NFSv4 file: its filehandle and open stateid; READ and WRITE split at ioSize and
// pipelined (as many in flight as the session has slots), COMMIT at sync and close, CLOSE.
import { FsError } from '../errors.js';
import { splitPath } from '../vfs/path.js';
import type { FileHandle, LockRange, OpenOptions, OpOptions, Stat } from '../vfs/types.js';
import { encodeAttrs } from './attrs.js';
import { Backoff } from './backoff.js';
import { readInPieces, writeInPieces } from '../vfs/helpers/pieces.js';
import type { Nfs4FileSystem } from './client.js';
import { Compound, type CompoundStatus } from './compound.js';
import { Op } from './constants.js';
import { encodeGetAttr, encodeSetAttr } from './ops/attr.js';
import type { StateId } from './ops/common.js';
import { encodeGetFh, encodePutFh, encodeSaveFh } from './ops/fh.js';
import { encodeCommit, encodeRead, encodeWrite, StableHow } from './ops/io.js';
import { encodeClose, encodeOpenConfirm, OpenType } from './ops/open.js';
import { encodeLock, encodeLockU, LockType } from './ops/lock.js';
import { addOpen, OPEN4_RESULT_CONFIRM, openHow, shareAccess } from './open.js';
import { seqidConsumed, type OpenOwner } from './owners.js';
import { lookupPath, parentAndName } from './paths.js';
import { readCommitRes, readAttrsRes, readFhRes, readLockRes, readReadRes, readCopyRes, readSeekRes, readStateIdRes, readWriteRes } from './results.js';
import { DataContent, encodeAllocate, encodeCopy, encodeSeek } from './ops/v42.js';
import { NFS4ERR } from './state.js';
import { NFS4_OK } from './status.js';

/** The anonymous stateid (RFC 8881 8.2.3): I/O and SETATTR with no open state. */
export const ANONYMOUS_STATEID: StateId = Object.freeze({ seqid: 0, other: Buffer.alloc(12) });
/** The current stateid (RFC 8881 16.2.3.1.2): the one the previous op of the COMPOUND set (4.1+). */
export const CURRENT_STATEID: StateId = Object.freeze({ seqid: 1, other: Buffer.alloc(12) });

/** Stateid errors after which a reopen (new state) is worth one retry. */
const STALE_STATE: ReadonlySet<number> = new Set([NFS4ERR.BAD_STATEID, NFS4ERR.STALE_STATEID, NFS4ERR.EXPIRED, NFS4ERR.OLD_STATEID]);
/** NFS4_UINT64_MAX: a lock to the end of the file. */
const TO_EOF = 0xffffffffffffffffn;

export class Nfs4Handle implements FileHandle {
  private closed = false;
  private stateid: StateId;
  /** The state epoch the stateid belongs to: a newer one means the server lost it. */
  private epoch: number;
  /** Data written UNSTABLE4 since the last COMMIT, and the write verifier it came with. */
  private dirty = false;
  private writeVerf: Buffer | undefined;
  private lockStateid: StateId | undefined;
  private lockSeqid = 0;
  private reopening: Promise<void> | undefined;
  private readonly access: number;

  private constructor(
    private readonly fs: Nfs4FileSystem,
    readonly path: string,
    readonly fh: Buffer,
    stateid: StateId,
    private readonly how: OpenOptions,
    private size: number,
    /** The open-owner that holds the open (NFSv4.0 CLOSE and the first LOCK carry its seqid). */
    private owner: OpenOwner,
  ) {
    this.stateid = stateid;
    this.epoch = fs.state.epoch;
    this.access = shareAccess(how);
    // ALLOCATE, DEALLOCATE and SEEK are NFSv4.2's: on 4.0 and 4.1 the capabilities are absent.
    if (fs.minorVersion < 2) Object.assign(this, { allocate: undefined, punchHole: undefined, seek: undefined });
  }

  /** PUTFH(root), LOOKUP..., OPEN, GETFH, GETATTR: one round trip (plus OPEN_CONFIRM for a new 4.0 owner). */
  static async open(fs: Nfs4FileSystem, path: string, how: OpenOptions, opts: OpOptions): Promise<Nfs4Handle> {
    const { parent, name } = parentAndName(path, 'open');
    const owner = fs.init.owners.take();
    const opening = fs.init.owners.run(async (owner) => {
      const c = new Compound('open');
      lookupPath(c, fs.root, parent);
      const openAt = c.length;
      const res = addOpen(c, owner, shareAccess(how), openHow(how, fs.init.idmap), name);
      const fh = c.res(Op.GETFH, encodeGetFh, readFhRes);
      const attrs = c.res(Op.GETATTR, (w) => encodeGetAttr(w, fs.statMask), readAttrsRes);
      const st = await fs.run(c, 'open', path, opts);
      if (fs.minorVersion === 0 && seqidConsumed(st, openAt)) owner.seqid++;
      if (st.status !== NFS4_OK) throw fs.error(st, 'open', path);
      const opened = res.get();
      let stateid = opened.stateid;
      if (opened.rflags & OPEN4_RESULT_CONFIRM) stateid = await confirm(fs, owner, fh.get(), stateid, path, opts);
      const stat = fs.statOf(attrs.get());
      return new Nfs4Handle(fs, path, fh.get(), stateid, how, stat.size, owner);
    }, owner);
    // An owner whose OPEN the server refused holds nothing and its seqid is known: it can serve again.
    opening.catch((e: unknown) => {
      if (e instanceof FsError && e.statusCode !== undefined && e.statusCode !== NFS4ERR.BAD_SEQID) fs.init.owners.release(owner);
    });
    return opening.then(async (h) => {
      fs.openFiles.add(h);
      // Truncating an existing file without create: SETATTR size 0 with the new open's stateid.
      if (how.truncate && !how.create && h.size !== 0) await h.truncate(0, opts);
      return h;
    });
  }

  /** A stateid as sent: on 4.1+ with seqid 0, "the current one" (RFC 8881 8.2.2), so no reply racing another leaves it old. */
  private sent(s: StateId): StateId {
    return this.fs.minorVersion > 0 ? { seqid: 0, other: s.other } : s;
  }

  private check(syscall: string): void {
    if (this.closed) throw new FsError('EBADF', 'file handle is closed', { syscall, path: this.path });
    this.fs.checkOpen(syscall, this.path);
  }

  /**
   * Runs a compound built on the current stateid; when the server no longer knows that state
   * (a restart, an expired lease), reopens the file once and runs it again.
   */
  private async withState(syscall: string, build: (stateid: StateId) => Compound, opts: OpOptions): Promise<CompoundStatus> {
    if (this.epoch !== this.fs.state.epoch) await this.reopen(opts);
    const used = this.stateid;
    const generation = this.fs.state.generation;
    let st = await this.fs.run(build(this.sent(used)), syscall, this.path, opts);
    // A stateid of an earlier server instance (RFC 7530 9.6.2): the server restarted, our client id
    // is gone too. Make it anew first; that reclaims this file's open while the grace period lasts.
    if (st.status === NFS4ERR.STALE_STATEID) await this.fs.state.recover(generation, opts);
    if (st.status !== NFS4_OK && STALE_STATE.has(st.status)) {
      // Reclaimed or reopened while this was under way (a server restart): the new stateid will do.
      if (this.stateid === used || this.epoch !== this.fs.state.epoch) await this.reopen(opts, this.stateid === used);
      st = await this.fs.run(build(this.sent(this.stateid)), syscall, this.path, opts);
    }
    if (st.status !== NFS4_OK) throw this.fs.error(st, syscall, this.path);
    return st;
  }

  /** Opens the file again by its filehandle (4.1 CLAIM_FH) or its path (4.0 CLAIM_NULL): new open state. */
  reopen(opts: OpOptions = {}, force = false): Promise<void> {
    if (!force && this.epoch === this.fs.state.epoch) return Promise.resolve();
    this.reopening ??= this.doReopen(opts).finally(() => {
      this.reopening = undefined;
    });
    return this.reopening;
  }

  private async doReopen(opts: OpOptions): Promise<void> {
    const fs = this.fs;
    const epoch = fs.state.epoch;
    await fs.init.owners.run(async (owner) => {
      const c = new Compound('reopen');
      let openAt: number;
      if (fs.minorVersion > 0) {
        c.add(Op.PUTFH, (w) => encodePutFh(w, this.fh));
        openAt = c.length;
      } else {
        const { parent } = parentAndName(this.path, 'open');
        lookupPath(c, fs.root, parent);
        openAt = c.length;
      }
      const name = fs.minorVersion > 0 ? undefined : splitPath(this.path).pop();
      const res = addOpen(c, owner, this.access, { opentype: OpenType.OPEN4_NOCREATE }, name);
      const st = await fs.run(c, 'open', this.path, opts);
      if (fs.minorVersion === 0 && seqidConsumed(st, openAt)) owner.seqid++;
      if (st.status !== NFS4_OK) throw fs.error(st, 'open', this.path);
      const opened = res.get();
      this.stateid = opened.rflags & OPEN4_RESULT_CONFIRM ? await confirm(fs, owner, this.fh, opened.stateid, this.path, opts) : opened.stateid;
      this.lockStateid = undefined;
      this.lockSeqid = 0;
      // Reopened without reclaim (no grace period): another client may have taken the ranges meanwhile.
      this.held = [];
      this.owner = owner;
      this.epoch = epoch;
    });
  }

  /**
   * OPEN with CLAIM_PREVIOUS (RFC 8881 18.16.3, RFC 7530 16.16.5) after the server restarted,
   * in its grace period: the same file and access under the new client id, before anyone else
   * may take it. Sent without recovery of its own (it runs inside one); false when the server
   * refuses (no grace period): withState's reopen follows then.
   */
  async reclaim(): Promise<boolean> {
    const fs = this.fs;
    const epoch = fs.state.epoch;
    const owner = fs.init.owners.take();
    return fs.init.owners.run(async (o) => {
      const c = new Compound('reclaim');
      c.add(Op.PUTFH, (w) => encodePutFh(w, this.fh));
      const res = addOpen(c, o, this.access, { opentype: OpenType.OPEN4_NOCREATE }, undefined, true);
      const st = await fs.state.send(c);
      if (fs.minorVersion === 0 && seqidConsumed(st, 1)) o.seqid++;
      if (st.status !== NFS4_OK) return false;
      const opened = res.get();
      this.stateid = opened.rflags & OPEN4_RESULT_CONFIRM ? await confirm(fs, o, this.fh, opened.stateid, this.path, {}, true) : opened.stateid;
      this.lockStateid = undefined;
      this.lockSeqid = 0;
      this.owner = o;
      this.epoch = epoch;
      // Then its locks, each with reclaim set; one the server refuses is lost (no longer held).
      const held = this.held;
      this.held = [];
      for (const l of held) await this.lockWith(o, l.type, l.offset, l.length, true, (c) => fs.state.send(c));
      return true;
    }, owner);
  }

  async read(buffer: Buffer, offset: number, length: number, position: number, opts: OpOptions = {}): Promise<number> {
    this.check('read');
    if (!this.how.read && this.how.write) throw new FsError('EBADF', 'handle not open for reading', { syscall: 'read', path: this.path });
    return readInPieces(length, this.fs.ioSize, (done, n) => this.readPiece(buffer, offset + done, n, position + done, opts));
  }

  private async readPiece(buffer: Buffer, at: number, length: number, position: number, opts: OpOptions): Promise<number> {
    let got = 0;
    await this.withState(
      'read',
      (stateid) => {
        const c = new Compound('read');
        c.add(Op.PUTFH, (w) => encodePutFh(w, this.fh));
        c.res(Op.READ, (w) => encodeRead(w, stateid, BigInt(position), length), (x) => {
          got = readReadRes(x, buffer, at, length).count;
        });
        return c;
      },
      opts,
    );
    return got;
  }

  async write(data: Buffer, position: number, opts: OpOptions = {}): Promise<number> {
    this.check('write');
    if (!this.how.write) throw new FsError('EBADF', 'handle not open for writing', { syscall: 'write', path: this.path });
    const base = this.how.append ? this.size : position;
    await writeInPieces(data, this.fs.ioSize, (chunk, done) => this.writePiece(chunk, base + done, opts));
    this.size = Math.max(this.size, base + data.length);
    return data.length;
  }

  private async writePiece(piece: Buffer, position: number, opts: OpOptions): Promise<void> {
    let count = 0;
    let committed = 0;
    let verf: Buffer | undefined;
    await this.withState(
      'write',
      (stateid) => {
        const c = new Compound('write');
        c.add(Op.PUTFH, (w) => encodePutFh(w, this.fh));
        c.res(Op.WRITE, (w) => encodeWrite(w, stateid, BigInt(position), StableHow.UNSTABLE4, piece), (x) => {
          ({ count, committed, verf } = readWriteRes(x));
        });
        return c;
      },
      opts,
    );
    if (count !== piece.length) throw new FsError('EIO', `server wrote ${count} of ${piece.length} bytes`, { syscall: 'write', path: this.path, protocol: 'nfs4' });
    if (committed !== StableHow.FILE_SYNC4) {
      this.noteVerifier(verf);
      this.dirty = true;
    }
  }

  /** Every unstable write must carry the same verifier until COMMIT: a change means the server rebooted and may have lost them. */
  private noteVerifier(verf: Buffer | undefined): void {
    if (!verf) return;
    if (this.writeVerf && !this.writeVerf.equals(verf)) this.lostWrites();
    this.writeVerf = verf;
  }

  private lostWrites(): never {
    this.writeVerf = undefined;
    this.dirty = false;
    throw new FsError('EIO', 'the server restarted before unstable writes were committed: data may be lost', { syscall: 'fsync', path: this.path, protocol: 'nfs4' });
  }

  async stat(opts: OpOptions = {}): Promise<Stat> {
    this.check('fstat');
    const c = new Compound('fstat');
    c.add(Op.PUTFH, (w) => encodePutFh(w, this.fh));
    const attrs = c.res(Op.GETATTR, (w) => encodeGetAttr(w, this.fs.statMask), readAttrsRes);
    await this.fs.must(c, 'fstat', this.path, opts);
    const st = this.fs.statOf(attrs.get());
    this.size = st.size;
    return st;
  }

  async truncate(size: number, opts: OpOptions = {}): Promise<void> {
    this.check('ftruncate');
    if (!Number.isSafeInteger(size) || size < 0) throw new FsError('EINVAL', `bad size ${size}`, { syscall: 'ftruncate', path: this.path });
    const fattr = encodeAttrs({ size }, this.fs.init.idmap);
    await this.withState(
      'ftruncate',
      (stateid) => {
        const c = new Compound('ftruncate');
        c.add(Op.PUTFH, (w) => encodePutFh(w, this.fh));
        c.add(Op.SETATTR, (w) => encodeSetAttr(w, stateid, fattr));
        return c;
      },
      opts,
    );
    this.size = size;
  }

  /** COMMIT (18.3) of everything written unstable. */
  async sync(opts: OpOptions = {}): Promise<void> {
    this.check('fsync');
    if (!this.dirty) return;
    const c = new Compound('fsync');
    c.add(Op.PUTFH, (w) => encodePutFh(w, this.fh));
    const verf = c.res(Op.COMMIT, (w) => encodeCommit(w, 0n, 0), readCommitRes);
    await this.fs.must(c, 'fsync', this.path, opts);
    this.checkCommit(verf.get());
  }

  private checkCommit(verf: Buffer): void {
    if (this.writeVerf && !this.writeVerf.equals(verf)) this.lostWrites();
    this.dirty = false;
    this.writeVerf = undefined;
  }

  /** LOCK (18.10): the first lock of this handle opens a lock-owner from the open stateid, later ones use the lock stateid. */
  async lock(range: LockRange, opts: OpOptions = {}): Promise<void> {
    this.check('lock');
    const locktype = range.exclusive ? LockType.WRITE_LT : LockType.READ_LT;
    const length = range.length === 0 ? TO_EOF : BigInt(range.length);
    // No callback channel: a blocked lock is polled (RFC 8881 9.6), for as long as it takes.
    const backoff = new Backoff(Infinity, 20);
    for (;;) {
      const st = await this.tryLock(locktype, BigInt(range.offset), length, opts);
      if (st.status === NFS4_OK) return;
      if (st.status !== NFS4ERR.DENIED) throw this.fs.error(st, 'lock', this.path);
      if (!range.wait) throw new FsError('EAGAIN', 'the range is locked by another owner', { syscall: 'lock', path: this.path, protocol: 'nfs4', status: 'NFS4ERR_DENIED', statusCode: NFS4ERR.DENIED });
      if (opts.signal?.aborted) throw new FsError('ECANCELED', 'the lock wait was aborted', { syscall: 'lock', path: this.path });
      await backoff.next(opts.signal).catch((e: unknown) => Promise.reject(e instanceof FsError ? e.withContext({ syscall: 'lock', path: this.path }) : e));
    }
  }

  private async tryLock(locktype: number, offset: bigint, length: bigint, opts: OpOptions): Promise<CompoundStatus> {
    if (this.epoch !== this.fs.state.epoch) await this.reopen(opts);
    return this.fs.init.owners.run((owner) => this.lockWith(owner, locktype, offset, length, false, (c) => this.fs.run(c, 'lock', this.path, opts)), this.owner);
  }

  /**
   * One LOCK (18.10) under owner: the first of this handle turns the open into a lock-owner
   * (open_to_lock_owner4), later ones use the lock stateid. reclaim: after a server restart,
   * in its grace period (RFC 8881 8.4.2.1). A granted range is remembered for that reclaim.
   */
  private async lockWith(owner: OpenOwner, locktype: number, offset: bigint, length: bigint, reclaim: boolean, send: (c: Compound) => Promise<CompoundStatus>): Promise<CompoundStatus> {
    const c = new Compound(reclaim ? 'lock_reclaim' : 'lock');
    c.add(Op.PUTFH, (w) => encodePutFh(w, this.fh));
    const lockOwner = { clientid: owner.owner.clientid, owner: Buffer.concat([owner.owner.owner, this.fh.subarray(0, 8), Buffer.from(String(this.lockId))]) };
    const locker = this.lockStateid
      ? { newLockOwner: false as const, lockStateid: this.sent(this.lockStateid), lockSeqid: this.lockSeqid }
      : { newLockOwner: true as const, openSeqid: owner.seqid, openStateid: this.sent(this.stateid), lockSeqid: 0, lockOwner };
    const res = c.res(Op.LOCK, (w) => encodeLock(w, { locktype, reclaim, offset, length, locker }), readLockRes);
    const st = await send(c);
    if (this.fs.minorVersion === 0 && seqidConsumed(st, 1)) {
      if (locker.newLockOwner) owner.seqid++;
      else this.lockSeqid++;
    }
    if (st.status === NFS4_OK) {
      this.lockStateid = res.get();
      if (locker.newLockOwner) this.lockSeqid = 1;
      this.held.push({ type: locktype, offset, length });
    }
    return st;
  }

  /** The ranges this handle holds, for reclaim after a server restart (an unlock trims them). */
  private held: HeldLock[] = [];

  /** Distinguishes the lock-owners of handles on the same file. */
  private readonly lockId = nextLockId++;

  async unlock(range: { offset: number; length: number }, opts: OpOptions = {}): Promise<void> {
    this.check('unlock');
    const lockStateid = this.lockStateid;
    if (!lockStateid) return;
    const c = new Compound('unlock');
    c.add(Op.PUTFH, (w) => encodePutFh(w, this.fh));
    const res = c.res(Op.LOCKU, (w) => encodeLockU(w, { locktype: LockType.WRITE_LT, seqid: this.lockSeqid, stateid: this.sent(lockStateid), offset: BigInt(range.offset), length: range.length === 0 ? TO_EOF : BigInt(range.length) }), readStateIdRes);
    const st = await this.fs.run(c, 'unlock', this.path, opts);
    if (this.fs.minorVersion === 0 && seqidConsumed(st, 1)) this.lockSeqid++;
    if (st.status !== NFS4_OK) throw this.fs.error(st, 'unlock', this.path);
    this.lockStateid = res.get();
    this.held = this.held.flatMap((l) => trimLock(l, BigInt(range.offset), range.length === 0 ? TO_EOF : BigInt(range.length)));
  }

  /** ALLOCATE (RFC 7862 15.1). */
  async allocate(offset: number, length: number, opts: OpOptions = {}): Promise<void> {
    await this.rangeOp(Op.ALLOCATE, 'fallocate', offset, length, opts);
    this.size = Math.max(this.size, offset + length);
  }

  /** DEALLOCATE (RFC 7862 15.4). */
  async punchHole(offset: number, length: number, opts: OpOptions = {}): Promise<void> {
    await this.rangeOp(Op.DEALLOCATE, 'fallocate', offset, length, opts);
  }

  private async rangeOp(op: typeof Op.ALLOCATE | typeof Op.DEALLOCATE, syscall: string, offset: number, length: number, opts: OpOptions): Promise<void> {
    this.check(syscall);
    if (!this.how.write) throw new FsError('EBADF', 'handle not open for writing', { syscall, path: this.path });
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length <= 0) throw new FsError('EINVAL', `bad range ${offset}+${length}`, { syscall, path: this.path });
    await this.withState(
      syscall,
      (stateid) => {
        const c = new Compound(syscall);
        c.add(Op.PUTFH, (w) => encodePutFh(w, this.fh));
        c.add(op, (w) => encodeAllocate(w, op, stateid, BigInt(offset), BigInt(length)));
        return c;
      },
      opts,
    );
  }

  /** SEEK (RFC 7862 15.11): null past the last data or hole (sr_eof with nothing found is ENXIO in lseek). */
  async seek(offset: number, what: 'data' | 'hole', opts: OpOptions = {}): Promise<number | null> {
    this.check('lseek');
    let found: { eof: boolean; offset: bigint } | undefined;
    try {
      await this.withState(
        'lseek',
        (stateid) => {
          const c = new Compound('lseek');
          c.add(Op.PUTFH, (w) => encodePutFh(w, this.fh));
          c.res(Op.SEEK, (w) => encodeSeek(w, stateid, BigInt(offset), what === 'data' ? DataContent.NFS4_CONTENT_DATA : DataContent.NFS4_CONTENT_HOLE), (x) => {
            found = readSeekRes(x);
          });
          return c;
        },
        opts,
      );
    } catch (e) {
      // NFS4ERR_NXIO: offset is at or past the end of the file.
      if (e instanceof FsError && e.code === 'ENXIO') return null;
      throw e;
    }
    if (!found) return null;
    const at = Number(found.offset);
    return found.eof && what === 'data' && at >= this.size ? null : at;
  }

  /** COPY of this whole file over dest (RFC 7862 15.2): count 0 means to the end of the source. */
  async copyTo(dest: Nfs4Handle, opts: OpOptions = {}): Promise<void> {
    this.check('copy_file_range');
    const c = new Compound('copy');
    c.add(Op.PUTFH, (w) => encodePutFh(w, this.fh));
    c.add(Op.SAVEFH, encodeSaveFh);
    c.add(Op.PUTFH, (w) => encodePutFh(w, dest.fh));
    c.res(Op.COPY, (w) => encodeCopy(w, { src: this.sent(this.stateid), dst: dest.sent(dest.stateid), srcOffset: 0n, dstOffset: 0n, count: 0n }), readCopyRes);
    const st = await this.fs.run(c, 'copy_file_range', this.path, opts);
    if (st.status === NFS4ERR.NOTSUPP) throw new FsError('EOPNOTSUPP', 'the server does not offer server-side copy (NFSv4.2 COPY)', { syscall: 'copy_file_range', path: this.path, dest: dest.path, protocol: 'nfs4', status: 'NFS4ERR_NOTSUPP', statusCode: st.status });
    if (st.status !== NFS4_OK) throw this.fs.error(st, 'copy_file_range', this.path, dest.path);
  }

  /** WRITE FILE_SYNC4 of data at 0 and CLOSE in one COMPOUND: the rest of a small-file write on 4.0. */
  async writeAllAndClose(data: Buffer, opts: OpOptions = {}): Promise<void> {
    this.check('write');
    if (data.length > this.fs.ioSize || this.epoch !== this.fs.state.epoch) {
      await this.write(data, 0, opts);
      return this.close();
    }
    return this.closeWith(data, opts);
  }

  /** COMMIT (if anything is unstable) and CLOSE (18.2) in one COMPOUND. */
  close(): Promise<void> {
    return this.closeWith(undefined);
  }

  /**
   * PUTFH, [WRITE FILE_SYNC4 of data at 0], [COMMIT], [LOCKU of every lock], CLOSE in one
   * COMPOUND. When the WRITE fails, CLOSE has not run and the handle stays open for close().
   */
  private async closeWith(data: Buffer | undefined, opts: OpOptions = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const fs = this.fs;
    fs.openFiles.delete(this);
    fs.checkOpen('close', this.path);
    if (this.epoch !== fs.state.epoch) {
      // The server lost the open with its state; only unstable data matters now.
      if (this.dirty) this.lostWrites();
      return;
    }
    await fs.init.owners.run(async (owner) => {
      const c = new Compound(data ? 'write_close' : 'close');
      c.add(Op.PUTFH, (w) => encodePutFh(w, this.fh));
      const written = data ? c.res(Op.WRITE, (w) => encodeWrite(w, this.sent(this.stateid), 0n, StableHow.FILE_SYNC4, data), readWriteRes) : undefined;
      const verf = this.dirty ? c.res(Op.COMMIT, (w) => encodeCommit(w, 0n, 0), readCommitRes) : undefined;
      // CLOSE with locks held is NFS4ERR_LOCKS_HELD (18.2.4): release them all first.
      const lockStateid = this.lockStateid;
      const unlockAt = c.length;
      if (lockStateid) c.res(Op.LOCKU, (w) => encodeLockU(w, { locktype: LockType.WRITE_LT, seqid: this.lockSeqid, stateid: this.sent(lockStateid), offset: 0n, length: TO_EOF }), readStateIdRes);
      const closeAt = c.length;
      c.res(Op.CLOSE, (w) => encodeClose(w, owner.seqid, this.sent(this.stateid)), readStateIdRes);
      const st = await fs.run(c, data ? 'write' : 'close', this.path, opts);
      if (lockStateid && fs.minorVersion === 0 && seqidConsumed(st, unlockAt)) this.lockSeqid++;
      if (fs.minorVersion === 0 && seqidConsumed(st, closeAt)) owner.seqid++;
      if (verf?.value) this.checkCommit(verf.value);
      if (st.status !== NFS4_OK && st.failedOp === Op.WRITE) {
        this.closed = false;
        fs.openFiles.add(this);
        throw fs.error(st, 'write', this.path);
      }
      if (st.status !== NFS4_OK && !(st.failedOp === Op.CLOSE && STALE_STATE.has(st.status))) throw fs.error(st, 'close', this.path);
      if (st.status === NFS4_OK) fs.init.owners.release(owner);
      const n = written?.get().count;
      if (data && n !== data.length) throw new FsError('EIO', `server wrote ${n} of ${data.length} bytes`, { syscall: 'write', path: this.path, protocol: 'nfs4' });
    }, this.owner);
  }
}

let nextLockId = 1;

interface HeldLock {
  type: number;
  offset: bigint;
  /** TO_EOF: to the end of the file. */
  length: bigint;
}

/** What is left of a held range after unlocking [offset, offset + length): nothing, one piece or two. */
export function trimLock(l: HeldLock, offset: bigint, length: bigint): HeldLock[] {
  const end = (o: bigint, n: bigint): bigint => (n === TO_EOF ? TO_EOF : o + n);
  const lEnd = end(l.offset, l.length);
  const uEnd = end(offset, length);
  if (uEnd <= l.offset || lEnd <= offset) return [l];
  const out: HeldLock[] = [];
  if (l.offset < offset) out.push({ type: l.type, offset: l.offset, length: offset - l.offset });
  if (lEnd > uEnd) out.push({ type: l.type, offset: uEnd, length: lEnd === TO_EOF ? TO_EOF : lEnd - uEnd });
  return out;
}

/** OPEN_CONFIRM (RFC 7530 16.18) of a new NFSv4.0 open-owner's first OPEN. */
async function confirm(fs: Nfs4FileSystem, owner: OpenOwner, fh: Buffer, stateid: StateId, path: string, opts: OpOptions, direct = false): Promise<StateId> {
  const c = new Compound('open_confirm');
  c.add(Op.PUTFH, (w) => encodePutFh(w, fh));
  const res = c.res(Op.OPEN_CONFIRM, (w) => encodeOpenConfirm(w, stateid, owner.seqid), readStateIdRes);
  const st = direct ? await fs.state.send(c) : await fs.run(c, 'open', path, opts);
  if (seqidConsumed(st, 1)) owner.seqid++;
  if (st.status !== NFS4_OK) throw fs.error(st, 'open', path);
  return res.get();
}

