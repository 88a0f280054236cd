// Directory operations: READDIR (RFC 8881 18.23), CREATE (18.4), REMOVE (18.25),
// RENAME (18.26), LINK (18.9), READLINK (18.24).
import type { XdrReader, XdrWriter } from '../../rpc/xdr.js';
import { Op } from '../constants.js';
import { noArgs, okOnly, readBitmap, readChangeInfo, readFattr, readUtf8, readVerifier, writeBitmap, writeFattr, type Fattr, type OpCodec } from './common.js';

/** nfs_ftype4 (RFC 8881 3.3.2 / 5.8.1.2) */
export const FType = { NF4REG: 1, NF4DIR: 2, NF4BLK: 3, NF4CHR: 4, NF4LNK: 5, NF4SOCK: 6, NF4FIFO: 7, NF4ATTRDIR: 8, NF4NAMEDATTR: 9 } as const;

export interface DirEntry {
  cookie: bigint;
  name: string;
  attrs: Fattr;
}

/** READDIR4resok: cookieverf, then dirlist4 (a linked list of entry4, then eof). */
function readDirList(x: XdrReader): { cookieverf: Buffer; entries: DirEntry[]; eof: boolean } {
  const cookieverf = readVerifier(x);
  const entries: DirEntry[] = [];
  while (x.bool()) entries.push({ cookie: x.uhyper(), name: readUtf8(x, 'component4'), attrs: readFattr(x) });
  return { cookieverf, entries, eof: x.bool() };
}

/** createtype4: the object type and what that type needs. */
function readCreateType(x: XdrReader): { type: number; linkdata?: string; specdata?: [number, number] } {
  const type = x.uint();
  if (type === FType.NF4LNK) return { type, linkdata: readUtf8(x, 'linktext4') };
  if (type === FType.NF4BLK || type === FType.NF4CHR) return { type, specdata: [x.uint(), x.uint()] };
  return { type };
}

export const DIR_CODECS: ReadonlyArray<readonly [number, OpCodec]> = [
  [
    Op.READDIR,
    {
      args: (x) => ({ cookie: x.uhyper(), cookieverf: readVerifier(x), dircount: x.uint(), maxcount: x.uint(), attrRequest: readBitmap(x) }),
      res: okOnly(readDirList),
    },
  ],
  [
    Op.CREATE,
    {
      args: (x) => ({ objtype: readCreateType(x), objname: readUtf8(x, 'component4'), createattrs: readFattr(x) }),
      res: okOnly((x) => ({ cinfo: readChangeInfo(x), attrset: readBitmap(x) })),
    },
  ],
  [Op.REMOVE, { args: (x) => ({ target: readUtf8(x, 'component4') }), res: okOnly((x) => ({ cinfo: readChangeInfo(x) })) }],
  [
    Op.RENAME,
    {
      args: (x) => ({ oldname: readUtf8(x, 'component4'), newname: readUtf8(x, 'component4') }),
      res: okOnly((x) => ({ sourceCinfo: readChangeInfo(x), targetCinfo: readChangeInfo(x) })),
    },
  ],
  [Op.LINK, { args: (x) => ({ newname: readUtf8(x, 'component4') }), res: okOnly((x) => ({ cinfo: readChangeInfo(x) })) }],
  [Op.READLINK, { args: noArgs, res: okOnly((x) => ({ link: readUtf8(x, 'linktext4') })) }],
];

export function encodeReadDir(w: XdrWriter, a: { cookie: bigint; cookieverf: Buffer; dircount: number; maxcount: number; attrRequest: readonly number[] }): void {
  w.uint(Op.READDIR).uhyper(a.cookie).opaqueFixed(a.cookieverf, 8).uint(a.dircount).uint(a.maxcount);
  writeBitmap(w, a.attrRequest);
}
export function encodeCreate(w: XdrWriter, a: { type: number; linkdata?: string; specdata?: [number, number]; name: string; attrs: Fattr }): void {
  w.uint(Op.CREATE).uint(a.type);
  if (a.type === FType.NF4LNK) w.string(a.linkdata ?? '');
  else if (a.type === FType.NF4BLK || a.type === FType.NF4CHR) w.uint(a.specdata?.[0] ?? 0).uint(a.specdata?.[1] ?? 0);
  w.string(a.name);
  writeFattr(w, a.attrs);
}
export function encodeRemove(w: XdrWriter, name: string): void {
  w.uint(Op.REMOVE).string(name);
}
export function encodeRename(w: XdrWriter, oldname: string, newname: string): void {
  w.uint(Op.RENAME).string(oldname).string(newname);
}
export function encodeLink(w: XdrWriter, newname: string): void {
  w.uint(Op.LINK).string(newname);
}
export function encodeReadLink(w: XdrWriter): void {
  w.uint(Op.READLINK);
}
