// READDIR with attributes (RFC 8881 18.23): the first round looks the directory up and keeps
// its filehandle; later rounds go on from the last cookie with the verifier the server gave.
import { FsError } from '../errors.js';
import { splitPath } from '../vfs/path.js';
import type { DirEntry, OpOptions } from '../vfs/types.js';
import type { Nfs4FileSystem } from './client.js';
import { Compound } from './compound.js';
import { Op } from './constants.js';
import { encodeReadDir } from './ops/dir.js';
import { encodeGetFh, encodePutFh } from './ops/fh.js';
import { lookupPath } from './paths.js';
import { readFhRes, readReadDirRes, type ReadDirRes } from './results.js';
import { NFS4_OK } from './status.js';

/** dircount: the bytes of names and cookies per reply (a hint: 18.23.3); maxcount bounds the whole reply. */
const DIRCOUNT = 64 * 1024;
const ZERO_VERF = Buffer.alloc(8);
/** A directory whose listing never ends (a server bug) stops here rather than filling memory. */
const MAX_ROUNDS = 100_000;

export async function readDirectory(fs: Nfs4FileSystem, path: string, opts: OpOptions): Promise<DirEntry[]> {
  const out: DirEntry[] = [];
  const maxcount = fs.ioSize;
  let fh: Buffer | undefined;
  let cookie = 0n;
  let verf: Buffer = ZERO_VERF;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const c = new Compound('readdir');
    const dirFh = fh;
    if (dirFh) c.add(Op.PUTFH, (w) => encodePutFh(w, dirFh));
    else lookupPath(c, fs.root, splitPath(path));
    const gotFh = dirFh ? undefined : c.res(Op.GETFH, encodeGetFh, readFhRes);
    const from = cookie;
    const cookieverf = verf;
    const res = c.res(Op.READDIR, (w) => encodeReadDir(w, { cookie: from, cookieverf, dircount: DIRCOUNT, maxcount, attrRequest: fs.statMask }), readReadDirRes);
    const st = await fs.run(c, 'readdir', path, opts);
    if (st.status !== NFS4_OK) throw fs.error(st, 'readdir', path);
    fh ??= gotFh?.get();
    const r: ReadDirRes = res.get();
    for (const e of r.entries) {
      if (e.name === '.' || e.name === '..') continue;
      out.push({ name: e.name, stat: fs.statOf(e.attrs) });
    }
    if (r.eof) return out;
    if (r.entries.length === 0) throw new FsError('EIO', 'the server returned an empty READDIR reply that is not the end', { syscall: 'readdir', path, protocol: 'nfs4' });
    cookie = r.entries[r.entries.length - 1].cookie;
    verf = r.cookieverf;
  }
  throw new FsError('EIO', `the listing did not end after ${MAX_ROUNDS} rounds`, { syscall: 'readdir', path, protocol: 'nfs4' });
}
