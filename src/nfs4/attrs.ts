// NFSv4 file attributes: the numbers (RFC 8881 5.6-5.8, RFC 7862 12.2, RFC 8275 5, RFC 8276 8.2),
// bitmap4 masks, fattr4 (RFC 8881 3.3.9: the values of the mask's set bits in increasing bit
// order, each XDR-encoded, with no lengths) decoded and encoded, and the VFS's Stat/StatFs built
// from them. Decoding throws only DecodeError.
import { XDR_UNBOUNDED, XdrReader, XdrWriter } from '../rpc/xdr.js';
import { makeStat } from '../vfs/stat.js';
import type { FileType, Stat, StatFs } from '../vfs/types.js';
import { DecodeError } from '../wire/errors.js';
import type { IdMap } from './idmap.js';
import { readAce, readBitmap, readFh, readUtf8, type Fattr } from './ops/common.js';
import { FType } from './ops/dir.js';

/** Attribute numbers, by their spec names without the FATTR4_ prefix. */
export const FATTR4 = {
  SUPPORTED_ATTRS: 0,
  TYPE: 1,
  FH_EXPIRE_TYPE: 2,
  CHANGE: 3,
  SIZE: 4,
  LINK_SUPPORT: 5,
  SYMLINK_SUPPORT: 6,
  NAMED_ATTR: 7,
  FSID: 8,
  UNIQUE_HANDLES: 9,
  LEASE_TIME: 10,
  RDATTR_ERROR: 11,
  ACL: 12,
  ACLSUPPORT: 13,
  ARCHIVE: 14,
  CANSETTIME: 15,
  CASE_INSENSITIVE: 16,
  CASE_PRESERVING: 17,
  CHOWN_RESTRICTED: 18,
  FILEHANDLE: 19,
  FILEID: 20,
  FILES_AVAIL: 21,
  FILES_FREE: 22,
  FILES_TOTAL: 23,
  FS_LOCATIONS: 24,
  HIDDEN: 25,
  HOMOGENEOUS: 26,
  MAXFILESIZE: 27,
  MAXLINK: 28,
  MAXNAME: 29,
  MAXREAD: 30,
  MAXWRITE: 31,
  MIMETYPE: 32,
  MODE: 33,
  NO_TRUNC: 34,
  NUMLINKS: 35,
  OWNER: 36,
  OWNER_GROUP: 37,
  QUOTA_AVAIL_HARD: 38,
  QUOTA_AVAIL_SOFT: 39,
  QUOTA_USED: 40,
  RAWDEV: 41,
  SPACE_AVAIL: 42,
  SPACE_FREE: 43,
  SPACE_TOTAL: 44,
  SPACE_USED: 45,
  SYSTEM: 46,
  TIME_ACCESS: 47,
  TIME_ACCESS_SET: 48,
  TIME_BACKUP: 49,
  TIME_CREATE: 50,
  TIME_DELTA: 51,
  TIME_METADATA: 52,
  TIME_MODIFY: 53,
  TIME_MODIFY_SET: 54,
  MOUNTED_ON_FILEID: 55,
  // NFSv4.1 (RFC 8881 5.7-5.8)
  DIR_NOTIF_DELAY: 56,
  DIRENT_NOTIF_DELAY: 57,
  DACL: 58,
  SACL: 59,
  CHANGE_POLICY: 60,
  FS_STATUS: 61,
  FS_LAYOUT_TYPES: 62,
  LAYOUT_HINT: 63,
  LAYOUT_TYPES: 64,
  LAYOUT_BLKSIZE: 65,
  LAYOUT_ALIGNMENT: 66,
  FS_LOCATIONS_INFO: 67,
  MDSTHRESHOLD: 68,
  RETENTION_GET: 69,
  RETENTION_SET: 70,
  RETENTEVT_GET: 71,
  RETENTEVT_SET: 72,
  RETENTION_HOLD: 73,
  MODE_SET_MASKED: 74,
  SUPPATTR_EXCLCREAT: 75,
  FS_CHARSET_CAP: 76,
  // NFSv4.2 (RFC 7862 12.2)
  CLONE_BLKSIZE: 77,
  SPACE_FREED: 78,
  CHANGE_ATTR_TYPE: 79,
  SEC_LABEL: 80,
  // RFC 8275 5
  MODE_UMASK: 81,
  // RFC 8276 8.2
  XATTR_SUPPORT: 82,
} as const;
export type Fattr4Name = keyof typeof FATTR4;

/** The bitmap4 words with these attributes' bits set (RFC 8881 3.3.1), without trailing zero words. */
export function attrMask(attrs: readonly number[]): number[] {
  const words: number[] = [];
  for (const attr of attrs) {
    if (!Number.isInteger(attr) || attr < 0 || attr > 0x7fffffff) throw new RangeError(`not an attribute number: ${attr}`);
    const word = attr >>> 5;
    while (words.length <= word) words.push(0);
    words[word] = (words[word] | (1 << (attr & 31))) >>> 0;
  }
  while (words.length > 0 && words[words.length - 1] === 0) words.pop();
  return words;
}

export function hasAttr(mask: readonly number[], attr: number): boolean {
  const word = attr >>> 5;
  return word < mask.length && (mask[word] & (1 << (attr & 31))) !== 0;
}

/** nfsace4 (RFC 8881 6.2.1) */
export type Nfsace4 = ReturnType<typeof readAce>;
/** nfsacl41 (RFC 8881 6.2.3) */
export interface Nfsacl41 {
  flag: number;
  aces: Nfsace4[];
}
/** fs_location4 (RFC 8881 11.15): servers and the path of the file system on them. */
export interface FsLocation4 {
  server: string[];
  rootpath: string[];
}
/** fs_locations4 (RFC 8881 11.15) */
export interface FsLocations4 {
  fsRoot: string[];
  locations: FsLocation4[];
}
/** fs_locations_server4 (RFC 8881 11.17) */
export interface FsLocationsServer4 {
  currency: number;
  info: Buffer;
  server: string;
}
/** fs_locations_item4 (RFC 8881 11.17) */
export interface FsLocationsItem4 {
  entries: FsLocationsServer4[];
  rootpath: string[];
}
/** fs_locations_info4 (RFC 8881 11.17) */
export interface FsLocationsInfo4 {
  flags: number;
  validFor: number;
  fsRoot: string[];
  items: FsLocationsItem4[];
}
/** fs4_status (RFC 8881 11.18) */
export interface FsStatus4 {
  absent: boolean;
  type: number;
  source: string;
  current: string;
  age: number;
  versionNs: bigint;
}
/** layouthint4 (RFC 8881 3.3.19) */
export interface LayoutHint4 {
  type: number;
  body: Buffer;
}
/** threshold_item4 (RFC 8881 3.3.22) */
export interface ThresholdItem4 {
  layoutType: number;
  hintset: number[];
  hintlist: Buffer;
}
/** retention_get4 (RFC 8881 5.13): the begin time is absent until retention starts. */
export interface RetentionGet4 {
  duration: bigint;
  beginTimeNs?: bigint;
}
/** retention_set4 (RFC 8881 5.13) */
export interface RetentionSet4 {
  enable: boolean;
  duration?: bigint;
}
/** sec_label4 (RFC 7862 12.2.4) */
export interface SecLabel4 {
  lfs: number;
  pi: number;
  data: Buffer;
}

/**
 * Decoded attributes: a field is present iff its bit was in the mask. Times are nanoseconds
 * since the epoch (nfstime4); a settime4 is those or 'server' (SET_TO_SERVER_TIME4). Opaque
 * values (filehandle, ...) are copies, so they outlive the reply's buffer.
 */
export interface Nfs4Attrs {
  supportedAttrs?: number[];
  type?: number;
  fhExpireType?: number;
  change?: bigint;
  size?: bigint;
  linkSupport?: boolean;
  symlinkSupport?: boolean;
  namedAttr?: boolean;
  fsid?: { major: bigint; minor: bigint };
  uniqueHandles?: boolean;
  leaseTime?: number;
  rdattrError?: number;
  acl?: Nfsace4[];
  aclsupport?: number;
  archive?: boolean;
  cansettime?: boolean;
  caseInsensitive?: boolean;
  casePreserving?: boolean;
  chownRestricted?: boolean;
  filehandle?: Buffer;
  fileid?: bigint;
  filesAvail?: bigint;
  filesFree?: bigint;
  filesTotal?: bigint;
  fsLocations?: FsLocations4;
  hidden?: boolean;
  homogeneous?: boolean;
  maxfilesize?: bigint;
  maxlink?: number;
  maxname?: number;
  maxread?: bigint;
  maxwrite?: bigint;
  mimetype?: string;
  mode?: number;
  noTrunc?: boolean;
  numlinks?: number;
  owner?: string;
  ownerGroup?: string;
  quotaAvailHard?: bigint;
  quotaAvailSoft?: bigint;
  quotaUsed?: bigint;
  rawdev?: { major: number; minor: number };
  spaceAvail?: bigint;
  spaceFree?: bigint;
  spaceTotal?: bigint;
  spaceUsed?: bigint;
  system?: boolean;
  timeAccessNs?: bigint;
  timeAccessSet?: bigint | 'server';
  timeBackupNs?: bigint;
  timeCreateNs?: bigint;
  timeDeltaNs?: bigint;
  timeMetadataNs?: bigint;
  timeModifyNs?: bigint;
  timeModifySet?: bigint | 'server';
  mountedOnFileid?: bigint;
  dirNotifDelayNs?: bigint;
  direntNotifDelayNs?: bigint;
  dacl?: Nfsacl41;
  sacl?: Nfsacl41;
  changePolicy?: { major: bigint; minor: bigint };
  fsStatus?: FsStatus4;
  fsLayoutTypes?: number[];
  layoutHint?: LayoutHint4;
  layoutTypes?: number[];
  layoutBlksize?: number;
  layoutAlignment?: number;
  fsLocationsInfo?: FsLocationsInfo4;
  mdsthreshold?: ThresholdItem4[];
  retentionGet?: RetentionGet4;
  retentionSet?: RetentionSet4;
  retentevtGet?: RetentionGet4;
  retentevtSet?: RetentionSet4;
  retentionHold?: bigint;
  modeSetMasked?: { valueToSet: number; maskBits: number };
  suppattrExclcreat?: number[];
  fsCharsetCap?: number;
  cloneBlksize?: number;
  spaceFreed?: bigint;
  changeAttrType?: number;
  secLabel?: SecLabel4;
  modeUmask?: { mode: number; umask: number };
  xattrSupport?: boolean;
}

const NS_PER_S = 1_000_000_000n;
/** time_how4 (RFC 8881 3.3.7) */
const SET_TO_SERVER_TIME4 = 0;
const SET_TO_CLIENT_TIME4 = 1;

/** nfstime4 (RFC 8881 3.3.1) as nanoseconds since the epoch. */
function readTimeNs(x: XdrReader): bigint {
  return x.hyper() * NS_PER_S + BigInt(x.uint());
}
/** settime4 (RFC 8881 3.3.7) */
function readSetTime(x: XdrReader): bigint | 'server' {
  const at = x.reader.absolute;
  const how = x.uint();
  if (how === SET_TO_CLIENT_TIME4) return readTimeNs(x);
  if (how === SET_TO_SERVER_TIME4) return 'server';
  throw new DecodeError(`settime4 time_how4 ${how} is not a defined value`, at);
}
/** pathname4 (RFC 8881 3.3.9): component4<> */
function readPathname(x: XdrReader): string[] {
  return x.array(XDR_UNBOUNDED, (r) => readUtf8(r, 'component4'), 4, 'pathname4');
}
function readStrings(x: XdrReader, what: string): string[] {
  return x.array(XDR_UNBOUNDED, (r) => readUtf8(r, what), 4, what);
}
function readUints(x: XdrReader, what: string): number[] {
  return x.array(XDR_UNBOUNDED, (r) => r.uint(), 4, what);
}
/** An opaque value as a copy (the reply's buffer may be reused once it is decoded). */
function readOpaqueCopy(x: XdrReader, what: string): Buffer {
  return Buffer.from(x.opaque(XDR_UNBOUNDED, what));
}
function readAcl(x: XdrReader): Nfsace4[] {
  // type, flag, access_mask and the who string's length: 16 bytes at least.
  return x.array(XDR_UNBOUNDED, readAce, 16, 'nfsace4<>');
}
function readAcl41(x: XdrReader): Nfsacl41 {
  return { flag: x.uint(), aces: readAcl(x) };
}
function readFsLocations(x: XdrReader): FsLocations4 {
  const fsRoot = readPathname(x);
  const locations = x.array(XDR_UNBOUNDED, (r) => ({ server: readStrings(r, 'fs_location4 server'), rootpath: readPathname(r) }), 8, 'fs_location4<>');
  return { fsRoot, locations };
}
function readFsLocationsServer(x: XdrReader): FsLocationsServer4 {
  return { currency: x.int(), info: readOpaqueCopy(x, 'fls_info'), server: readUtf8(x, 'fls_server') };
}
function readFsLocationsInfo(x: XdrReader): FsLocationsInfo4 {
  const flags = x.uint();
  const validFor = x.int();
  const fsRoot = readPathname(x);
  const items = x.array(
    XDR_UNBOUNDED,
    (r) => ({ entries: r.array(XDR_UNBOUNDED, readFsLocationsServer, 12, 'fs_locations_server4<>'), rootpath: readPathname(r) }),
    8,
    'fs_locations_item4<>',
  );
  return { flags, validFor, fsRoot, items };
}
function readFsStatus(x: XdrReader): FsStatus4 {
  return { absent: x.bool(), type: x.uint(), source: readUtf8(x, 'fss_source'), current: readUtf8(x, 'fss_current'), age: x.int(), versionNs: readTimeNs(x) };
}
function readThresholdItem(x: XdrReader): ThresholdItem4 {
  return { layoutType: x.uint(), hintset: readBitmap(x), hintlist: readOpaqueCopy(x, 'thi_hintlist') };
}
function readRetentionGet(x: XdrReader): RetentionGet4 {
  const duration = x.uhyper();
  const begin = x.array(1, readTimeNs, 12, 'rg_begin_time<1>');
  return begin.length === 0 ? { duration } : { duration, beginTimeNs: begin[0] };
}
function readRetentionSet(x: XdrReader): RetentionSet4 {
  const enable = x.bool();
  const duration = x.array(1, (r) => r.uhyper(), 8, 'rs_duration<1>');
  return duration.length === 0 ? { enable } : { enable, duration: duration[0] };
}

type AttrReader = (x: XdrReader, a: Nfs4Attrs) => void;

/** How to read each attribute's value (the fattr4_* typedefs of RFC 8881 5.6-5.8 and RFC 7862 12.2). */
const READERS: Readonly<Record<number, AttrReader>> = {
  [FATTR4.SUPPORTED_ATTRS]: (x, a) => { a.supportedAttrs = readBitmap(x); },
  [FATTR4.TYPE]: (x, a) => { a.type = x.uint(); },
  [FATTR4.FH_EXPIRE_TYPE]: (x, a) => { a.fhExpireType = x.uint(); },
  [FATTR4.CHANGE]: (x, a) => { a.change = x.uhyper(); },
  [FATTR4.SIZE]: (x, a) => { a.size = x.uhyper(); },
  [FATTR4.LINK_SUPPORT]: (x, a) => { a.linkSupport = x.bool(); },
  [FATTR4.SYMLINK_SUPPORT]: (x, a) => { a.symlinkSupport = x.bool(); },
  [FATTR4.NAMED_ATTR]: (x, a) => { a.namedAttr = x.bool(); },
  [FATTR4.FSID]: (x, a) => { a.fsid = { major: x.uhyper(), minor: x.uhyper() }; },
  [FATTR4.UNIQUE_HANDLES]: (x, a) => { a.uniqueHandles = x.bool(); },
  [FATTR4.LEASE_TIME]: (x, a) => { a.leaseTime = x.uint(); },
  [FATTR4.RDATTR_ERROR]: (x, a) => { a.rdattrError = x.uint(); },
  [FATTR4.ACL]: (x, a) => { a.acl = readAcl(x); },
  [FATTR4.ACLSUPPORT]: (x, a) => { a.aclsupport = x.uint(); },
  [FATTR4.ARCHIVE]: (x, a) => { a.archive = x.bool(); },
  [FATTR4.CANSETTIME]: (x, a) => { a.cansettime = x.bool(); },
  [FATTR4.CASE_INSENSITIVE]: (x, a) => { a.caseInsensitive = x.bool(); },
  [FATTR4.CASE_PRESERVING]: (x, a) => { a.casePreserving = x.bool(); },
  [FATTR4.CHOWN_RESTRICTED]: (x, a) => { a.chownRestricted = x.bool(); },
  [FATTR4.FILEHANDLE]: (x, a) => { a.filehandle = Buffer.from(readFh(x)); },
  [FATTR4.FILEID]: (x, a) => { a.fileid = x.uhyper(); },
  [FATTR4.FILES_AVAIL]: (x, a) => { a.filesAvail = x.uhyper(); },
  [FATTR4.FILES_FREE]: (x, a) => { a.filesFree = x.uhyper(); },
  [FATTR4.FILES_TOTAL]: (x, a) => { a.filesTotal = x.uhyper(); },
  [FATTR4.FS_LOCATIONS]: (x, a) => { a.fsLocations = readFsLocations(x); },
  [FATTR4.HIDDEN]: (x, a) => { a.hidden = x.bool(); },
  [FATTR4.HOMOGENEOUS]: (x, a) => { a.homogeneous = x.bool(); },
  [FATTR4.MAXFILESIZE]: (x, a) => { a.maxfilesize = x.uhyper(); },
  [FATTR4.MAXLINK]: (x, a) => { a.maxlink = x.uint(); },
  [FATTR4.MAXNAME]: (x, a) => { a.maxname = x.uint(); },
  [FATTR4.MAXREAD]: (x, a) => { a.maxread = x.uhyper(); },
  [FATTR4.MAXWRITE]: (x, a) => { a.maxwrite = x.uhyper(); },
  [FATTR4.MIMETYPE]: (x, a) => { a.mimetype = readUtf8(x, 'mimetype'); },
  [FATTR4.MODE]: (x, a) => { a.mode = x.uint(); },
  [FATTR4.NO_TRUNC]: (x, a) => { a.noTrunc = x.bool(); },
  [FATTR4.NUMLINKS]: (x, a) => { a.numlinks = x.uint(); },
  [FATTR4.OWNER]: (x, a) => { a.owner = readUtf8(x, 'owner'); },
  [FATTR4.OWNER_GROUP]: (x, a) => { a.ownerGroup = readUtf8(x, 'owner_group'); },
  [FATTR4.QUOTA_AVAIL_HARD]: (x, a) => { a.quotaAvailHard = x.uhyper(); },
  [FATTR4.QUOTA_AVAIL_SOFT]: (x, a) => { a.quotaAvailSoft = x.uhyper(); },
  [FATTR4.QUOTA_USED]: (x, a) => { a.quotaUsed = x.uhyper(); },
  [FATTR4.RAWDEV]: (x, a) => { a.rawdev = { major: x.uint(), minor: x.uint() }; },
  [FATTR4.SPACE_AVAIL]: (x, a) => { a.spaceAvail = x.uhyper(); },
  [FATTR4.SPACE_FREE]: (x, a) => { a.spaceFree = x.uhyper(); },
  [FATTR4.SPACE_TOTAL]: (x, a) => { a.spaceTotal = x.uhyper(); },
  [FATTR4.SPACE_USED]: (x, a) => { a.spaceUsed = x.uhyper(); },
  [FATTR4.SYSTEM]: (x, a) => { a.system = x.bool(); },
  [FATTR4.TIME_ACCESS]: (x, a) => { a.timeAccessNs = readTimeNs(x); },
  [FATTR4.TIME_ACCESS_SET]: (x, a) => { a.timeAccessSet = readSetTime(x); },
  [FATTR4.TIME_BACKUP]: (x, a) => { a.timeBackupNs = readTimeNs(x); },
  [FATTR4.TIME_CREATE]: (x, a) => { a.timeCreateNs = readTimeNs(x); },
  [FATTR4.TIME_DELTA]: (x, a) => { a.timeDeltaNs = readTimeNs(x); },
  [FATTR4.TIME_METADATA]: (x, a) => { a.timeMetadataNs = readTimeNs(x); },
  [FATTR4.TIME_MODIFY]: (x, a) => { a.timeModifyNs = readTimeNs(x); },
  [FATTR4.TIME_MODIFY_SET]: (x, a) => { a.timeModifySet = readSetTime(x); },
  [FATTR4.MOUNTED_ON_FILEID]: (x, a) => { a.mountedOnFileid = x.uhyper(); },
  [FATTR4.DIR_NOTIF_DELAY]: (x, a) => { a.dirNotifDelayNs = readTimeNs(x); },
  [FATTR4.DIRENT_NOTIF_DELAY]: (x, a) => { a.direntNotifDelayNs = readTimeNs(x); },
  [FATTR4.DACL]: (x, a) => { a.dacl = readAcl41(x); },
  [FATTR4.SACL]: (x, a) => { a.sacl = readAcl41(x); },
  [FATTR4.CHANGE_POLICY]: (x, a) => { a.changePolicy = { major: x.uhyper(), minor: x.uhyper() }; },
  [FATTR4.FS_STATUS]: (x, a) => { a.fsStatus = readFsStatus(x); },
  [FATTR4.FS_LAYOUT_TYPES]: (x, a) => { a.fsLayoutTypes = readUints(x, 'fs_layout_types'); },
  [FATTR4.LAYOUT_HINT]: (x, a) => { a.layoutHint = { type: x.uint(), body: readOpaqueCopy(x, 'loh_body') }; },
  [FATTR4.LAYOUT_TYPES]: (x, a) => { a.layoutTypes = readUints(x, 'layout_types'); },
  [FATTR4.LAYOUT_BLKSIZE]: (x, a) => { a.layoutBlksize = x.uint(); },
  [FATTR4.LAYOUT_ALIGNMENT]: (x, a) => { a.layoutAlignment = x.uint(); },
  [FATTR4.FS_LOCATIONS_INFO]: (x, a) => { a.fsLocationsInfo = readFsLocationsInfo(x); },
  [FATTR4.MDSTHRESHOLD]: (x, a) => { a.mdsthreshold = x.array(XDR_UNBOUNDED, readThresholdItem, 12, 'mth_hints<>'); },
  [FATTR4.RETENTION_GET]: (x, a) => { a.retentionGet = readRetentionGet(x); },
  [FATTR4.RETENTION_SET]: (x, a) => { a.retentionSet = readRetentionSet(x); },
  [FATTR4.RETENTEVT_GET]: (x, a) => { a.retentevtGet = readRetentionGet(x); },
  [FATTR4.RETENTEVT_SET]: (x, a) => { a.retentevtSet = readRetentionSet(x); },
  [FATTR4.RETENTION_HOLD]: (x, a) => { a.retentionHold = x.uhyper(); },
  [FATTR4.MODE_SET_MASKED]: (x, a) => { a.modeSetMasked = { valueToSet: x.uint(), maskBits: x.uint() }; },
  [FATTR4.SUPPATTR_EXCLCREAT]: (x, a) => { a.suppattrExclcreat = readBitmap(x); },
  [FATTR4.FS_CHARSET_CAP]: (x, a) => { a.fsCharsetCap = x.uint(); },
  [FATTR4.CLONE_BLKSIZE]: (x, a) => { a.cloneBlksize = x.uint(); },
  [FATTR4.SPACE_FREED]: (x, a) => { a.spaceFreed = x.uhyper(); },
  [FATTR4.CHANGE_ATTR_TYPE]: (x, a) => { a.changeAttrType = x.uint(); },
  [FATTR4.SEC_LABEL]: (x, a) => { a.secLabel = { lfs: x.uint(), pi: x.uint(), data: readOpaqueCopy(x, 'slai_data') }; },
  [FATTR4.MODE_UMASK]: (x, a) => { a.modeUmask = { mode: x.uint(), umask: x.uint() }; },
  [FATTR4.XATTR_SUPPORT]: (x, a) => { a.xattrSupport = x.bool(); },
};
/** READERS as a dense array, indexed by attribute number (the hot path of a READDIR). */
const READER_BY_ATTR: ReadonlyArray<AttrReader | undefined> = Array.from({ length: FATTR4.XATTR_SUPPORT + 1 }, (_, n) => READERS[n]);

/**
 * Decodes an fattr4: each set bit's value in increasing bit order. An attribute whose XDR
 * shape is unknown (past xattr_support) is a DecodeError, since nothing says how long it is;
 * so are bytes left after the last value.
 */
export function decodeAttrs(f: Fattr): Nfs4Attrs {
  const x = new XdrReader(f.vals);
  const a: Nfs4Attrs = {};
  for (let word = 0; word < f.mask.length; word++) {
    let bits = f.mask[word];
    while (bits !== 0) {
      const attr = word * 32 + 31 - Math.clz32(bits & -bits);
      bits &= bits - 1;
      const read = READER_BY_ATTR[attr];
      if (read === undefined) throw new DecodeError(`fattr4 attribute ${attr} is not one netfs knows the XDR of`, x.reader.absolute);
      read(x, a);
    }
  }
  if (x.remaining !== 0) throw new DecodeError(`${x.remaining} bytes after the last fattr4 value`, x.reader.absolute);
  return a;
}

/** What SETATTR (and CREATE/OPEN's createattrs) can set: ns since the epoch, or the server's clock. */
export interface SetAttrs {
  mode?: number;
  uid?: number;
  gid?: number;
  size?: number | bigint;
  atime?: bigint | 'server';
  mtime?: bigint | 'server';
}

function writeTimeNs(w: XdrWriter, ns: bigint): void {
  // nfstime4: seconds may be negative, nseconds is always 0..999999999.
  let seconds = ns / NS_PER_S;
  let nseconds = ns % NS_PER_S;
  if (nseconds < 0n) {
    seconds -= 1n;
    nseconds += NS_PER_S;
  }
  w.hyper(seconds).uint(Number(nseconds));
}
function writeSetTime(w: XdrWriter, t: bigint | 'server'): void {
  if (t === 'server') w.uint(SET_TO_SERVER_TIME4);
  else writeTimeNs(w.uint(SET_TO_CLIENT_TIME4), t);
}

/**
 * The fattr4 of a SETATTR: SIZE, MODE (the permission bits 07777 of `mode`; file type bits are
 * dropped, as chmod(2) ignores them), OWNER and OWNER_GROUP (through idmap), TIME_ACCESS_SET and
 * TIME_MODIFY_SET. Values the XDR cannot carry are a RangeError.
 */
export function encodeAttrs(a: SetAttrs, idmap: IdMap): Fattr {
  const w = new XdrWriter(64);
  const set: number[] = [];
  if (a.size !== undefined) {
    if (typeof a.size === 'number' && !Number.isSafeInteger(a.size)) throw new RangeError(`size is not an integer: ${a.size}`);
    set.push(FATTR4.SIZE);
    w.uhyper(BigInt(a.size));
  }
  if (a.mode !== undefined) {
    if (!Number.isInteger(a.mode) || a.mode < 0) throw new RangeError(`mode is not a mode: ${a.mode}`);
    set.push(FATTR4.MODE);
    w.uint(a.mode & 0o7777);
  }
  if (a.uid !== undefined) {
    set.push(FATTR4.OWNER);
    w.string(idmap.owner(a.uid));
  }
  if (a.gid !== undefined) {
    set.push(FATTR4.OWNER_GROUP);
    w.string(idmap.group(a.gid));
  }
  if (a.atime !== undefined) {
    set.push(FATTR4.TIME_ACCESS_SET);
    writeSetTime(w, a.atime);
  }
  if (a.mtime !== undefined) {
    set.push(FATTR4.TIME_MODIFY_SET);
    writeSetTime(w, a.mtime);
  }
  return { mask: attrMask(set), vals: w.finish() };
}

/** What a stat asks for. time_create is asked for always: a server without it leaves it out of the reply. */
export const STAT_ATTRS: readonly number[] = [
  FATTR4.TYPE,
  FATTR4.CHANGE,
  FATTR4.SIZE,
  FATTR4.FSID,
  FATTR4.FILEID,
  FATTR4.MODE,
  FATTR4.NUMLINKS,
  FATTR4.OWNER,
  FATTR4.OWNER_GROUP,
  FATTR4.RAWDEV,
  FATTR4.SPACE_USED,
  FATTR4.TIME_ACCESS,
  FATTR4.TIME_CREATE,
  FATTR4.TIME_METADATA,
  FATTR4.TIME_MODIFY,
];

/** What a statfs asks for. */
export const STATFS_ATTRS: readonly number[] = [
  FATTR4.FILES_AVAIL,
  FATTR4.FILES_FREE,
  FATTR4.FILES_TOTAL,
  FATTR4.MAXNAME,
  FATTR4.SPACE_AVAIL,
  FATTR4.SPACE_FREE,
  FATTR4.SPACE_TOTAL,
];

/** What a Stat says where the server said nothing (as mount.nfs has none, cf. mount.cifs uid=/gid=/file_mode=/dir_mode=). */
export interface StatDefaults {
  uid: number;
  gid: number;
  fileMode: number;
  dirMode: number;
}

/** nfs_ftype4 (RFC 8881 5.8.1.2) -> FileType; a named-attribute directory is a directory, a named attribute a file. */
const FILE_TYPES: Readonly<Record<number, FileType>> = {
  [FType.NF4REG]: 'file',
  [FType.NF4DIR]: 'directory',
  [FType.NF4BLK]: 'block',
  [FType.NF4CHR]: 'char',
  [FType.NF4LNK]: 'symlink',
  [FType.NF4SOCK]: 'socket',
  [FType.NF4FIFO]: 'fifo',
  [FType.NF4ATTRDIR]: 'directory',
  [FType.NF4NAMEDATTR]: 'file',
};

export function fileTypeOf(type: number | undefined): FileType {
  return (type === undefined ? undefined : FILE_TYPES[type]) ?? 'unknown';
}

/**
 * The Stat of decoded attributes. mode and owner/owner_group come from the server when it sent
 * them (unixMode, unixOwner: both owner and owner_group); otherwise from `d`, by type. A missing
 * time_access or time_metadata is time_modify; a missing time_create is ctime; nlink without
 * numlinks is 1; dev is fsid.major.
 */
export function toStat(a: Nfs4Attrs, idmap: IdMap, d: StatDefaults): Stat {
  const type = fileTypeOf(a.type);
  const mtimeNs = a.timeModifyNs ?? 0n;
  const ctimeNs = a.timeMetadataNs ?? mtimeNs;
  const atimeNs = a.timeAccessNs ?? mtimeNs;
  const birthtimeNs = a.timeCreateNs ?? ctimeNs;
  return makeStat({
    type,
    perm: a.mode ?? (type === 'directory' ? d.dirMode : d.fileMode),
    uid: a.owner === undefined ? d.uid : idmap.uid(a.owner),
    gid: a.ownerGroup === undefined ? d.gid : idmap.gid(a.ownerGroup),
    size: Number(a.size ?? 0n),
    allocated: Number(a.spaceUsed ?? 0n),
    nlink: a.numlinks ?? 1,
    ino: a.fileid ?? 0n,
    dev: a.fsid?.major ?? 0n,
    atimeNs,
    mtimeNs,
    ctimeNs,
    birthtimeNs,
    unixOwner: a.owner !== undefined && a.ownerGroup !== undefined,
    unixMode: a.mode !== undefined,
  });
}

const BLOCK = 4096n;

/**
 * The StatFs of decoded attributes: 4096-byte blocks when space_total/free/avail are all
 * multiples of 4096 (as servers reporting statvfs blocks send), else 1-byte blocks so nothing is
 * rounded away; namemax is maxname, or 255 without it.
 */
export function toStatFs(a: Nfs4Attrs): StatFs {
  const total = a.spaceTotal ?? 0n;
  const free = a.spaceFree ?? 0n;
  const avail = a.spaceAvail ?? 0n;
  const bsize = total % BLOCK === 0n && free % BLOCK === 0n && avail % BLOCK === 0n ? BLOCK : 1n;
  return {
    bsize: Number(bsize),
    blocks: Number(total / bsize),
    bfree: Number(free / bsize),
    bavail: Number(avail / bsize),
    files: Number(a.filesTotal ?? 0n),
    ffree: Number(a.filesFree ?? 0n),
    namemax: a.maxname ?? 255,
  };
}
