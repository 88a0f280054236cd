// A small file read or written in one COMPOUND. NFSv4.1 chains OPEN, READ/WRITE and CLOSE
// through the current stateid (RFC 8881 16.2.3.1.2); NFSv4.0 has none, so a read there
// uses the anonymous stateid and no open (RFC 7530 9.1.4.3), and a write opens the file.
import { FsError } from '../errors.js';
import { splitPath } from '../vfs/path.js';
import type { OpOptions } from '../vfs/types.js';
import { attrMask, FATTR4 } from './attrs.js';
import type { Nfs4FileSystem } from './client.js';
import { Compound } from './compound.js';
import { Op } from './constants.js';
import { ANONYMOUS_STATEID, CURRENT_STATEID } from './handle.js';
import { encodeGetAttr } from './ops/attr.js';
import { encodeRead, encodeWrite, StableHow } from './ops/io.js';
import { encodeClose, OpenType } from './ops/open.js';
import { addOpen, openHow, ShareAccess } from './open.js';
import { lookupPath, parentAndName } from './paths.js';
import type { StateId } from './ops/common.js';
import { readAttrsRes, readReadRes, readStateIdRes, readWriteRes } from './results.js';
import { NFS4_OK } from './status.js';

const SIZE_AND_TYPE = attrMask([FATTR4.TYPE, FATTR4.SIZE]);

/** The whole file if it holds at most maxBytes, else undefined. One round trip on every minor version. */
export async function readSmallFile(fs: Nfs4FileSystem, path: string, maxBytes: number, opts: OpOptions): Promise<Buffer | undefined> {
  const buf = Buffer.allocUnsafe(maxBytes);
  let count = 0;
  const c = new Compound('read_small');
  if (fs.minorVersion === 0) {
    lookupPath(c, fs.root, splitPath(path));
    const attrs = c.res(Op.GETATTR, (w) => encodeGetAttr(w, SIZE_AND_TYPE), readAttrsRes);
    c.res(Op.READ, (w) => encodeRead(w, ANONYMOUS_STATEID, 0n, maxBytes), (x) => {
      count = readReadRes(x, buf, 0, maxBytes).count;
    });
    const st = await fs.run(c, 'open', path, opts);
    if (st.status !== NFS4_OK) throw fs.error(st, st.failedOp === Op.READ ? 'read' : 'open', path);
    return finish(attrs.get().size);
  }
  return fs.init.owners.run(async (owner) => {
    const { parent, name } = parentAndName(path, 'open');
    lookupPath(c, fs.root, parent);
    const opened = addOpen(c, owner, ShareAccess.READ, { opentype: OpenType.OPEN4_NOCREATE }, name);
    const attrs = c.res(Op.GETATTR, (w) => encodeGetAttr(w, SIZE_AND_TYPE), readAttrsRes);
    c.res(Op.READ, (w) => encodeRead(w, CURRENT_STATEID, 0n, maxBytes), (x) => {
      count = readReadRes(x, buf, 0, maxBytes).count;
    });
    c.res(Op.CLOSE, (w) => encodeClose(w, 0, CURRENT_STATEID), readStateIdRes);
    const st = await fs.run(c, 'open', path, opts);
    if (st.status !== NFS4_OK) {
      await closeLeftOpen(fs, path, opened.value?.stateid);
      throw fs.error(st, st.failedOp === Op.READ ? 'read' : 'open', path);
    }
    return finish(attrs.get().size);
  });

  function finish(size: bigint | undefined): Buffer | undefined {
    if (size === undefined || size > BigInt(maxBytes)) return undefined;
    if (BigInt(count) !== size) return undefined; // changed under us: let the caller read it the long way
    return buf.subarray(0, count);
  }
}

/** Creates or replaces path with data: OPEN (create, size 0), WRITE FILE_SYNC4, CLOSE. One round trip on 4.1. */
export async function writeSmallFile(fs: Nfs4FileSystem, path: string, data: Buffer, opts: OpOptions): Promise<void> {
  if (data.length > fs.ioSize) throw new RangeError(`writeSmallFile takes at most ${fs.ioSize} bytes`);
  if (fs.minorVersion === 0) {
    // OPEN (an idle open-owner needs no OPEN_CONFIRM), then WRITE FILE_SYNC4 + CLOSE: two round trips.
    const h = await fs.open(path, { write: true, create: true, truncate: true }, opts);
    try {
      await h.writeAllAndClose(data, opts);
    } finally {
      await h.close();
    }
    return;
  }
  const { parent, name } = parentAndName(path, 'open');
  await fs.init.owners.run(async (owner) => {
    const c = new Compound('write_small');
    lookupPath(c, fs.root, parent);
    const opened = addOpen(c, owner, ShareAccess.WRITE, openHow({ write: true, create: true, truncate: true }, fs.init.idmap), name);
    const written = c.res(Op.WRITE, (w) => encodeWrite(w, CURRENT_STATEID, 0n, StableHow.FILE_SYNC4, data), readWriteRes);
    c.res(Op.CLOSE, (w) => encodeClose(w, 0, CURRENT_STATEID), readStateIdRes);
    const st = await fs.run(c, 'open', path, opts);
    if (st.status !== NFS4_OK) {
      await closeLeftOpen(fs, path, opened.value?.stateid);
      throw fs.error(st, st.failedOp === Op.WRITE ? 'write' : 'open', path);
    }
    const n = written.get().count;
    if (n !== data.length) throw new FsError('EIO', `server wrote ${n} of ${data.length} bytes`, { syscall: 'write', path, protocol: 'nfs4' });
  });
}

/** When OPEN succeeded but a later op of the COMPOUND failed, CLOSE never ran: close the open now. */
async function closeLeftOpen(fs: Nfs4FileSystem, path: string, stateid: StateId | undefined): Promise<void> {
  if (!stateid) return;
  const c = new Compound('close');
  lookupPath(c, fs.root, splitPath(path));
  c.add(Op.CLOSE, (w) => encodeClose(w, 0, stateid));
  await fs.run(c, 'close', path).catch(() => undefined);
}
