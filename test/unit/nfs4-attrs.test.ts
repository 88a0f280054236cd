// fattr4 (RFC 8881 3.3.9, 5): every attribute 0..82 decoded from golden bytes, alone and all
// together; truncated, trailing, unknown and garbage values as DecodeError; encodeAttrs read back
// through decodeAttrs; toStat for every nfs_ftype4 and toStatFs.
import { describe, expect, it } from 'vitest';
import {
  attrMask,
  decodeAttrs,
  encodeAttrs,
  FATTR4,
  fileTypeOf,
  hasAttr,
  STAT_ATTRS,
  STATFS_ATTRS,
  toStat,
  toStatFs,
  type Nfs4Attrs,
  type SetAttrs,
} from '../../src/nfs4/attrs.js';
import { IdMap } from '../../src/nfs4/idmap.js';
import type { Fattr } from '../../src/nfs4/ops/common.js';
import { FType } from '../../src/nfs4/ops/dir.js';
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFREG, S_IFSOCK } from '../../src/vfs/types.js';
import { DecodeError } from '../../src/wire/errors.js';
import { ascii, bytes, thrown } from './rpc/golden.js';
import { xorshift } from '../support/xorshift.js';

const PASSWD = 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/sh\n';
const GROUP = 'root:x:0:\nstaff:x:50:alice\n';
const idmap = new IdMap({ defaultUid: 65534, defaultGid: 65534, passwd: PASSWD, group: GROUP });
const DEFAULTS = { uid: 1234, gid: 5678, fileMode: 0o640, dirMode: 0o750 };

interface Row {
  attr: number;
  /** The value's XDR, one field per line. */
  xdr: string[];
  value: Nfs4Attrs;
}

/** One golden value for every attribute number, in increasing order. */
const ROWS: Row[] = [
  { attr: FATTR4.SUPPORTED_ATTRS, xdr: ['00000002', /* bitmap4 words */ 'fdffafff', '00f9be3e'], value: { supportedAttrs: [0xfdffafff, 0x00f9be3e] } },
  { attr: FATTR4.TYPE, xdr: ['00000002' /* NF4DIR */], value: { type: 2 } },
  { attr: FATTR4.FH_EXPIRE_TYPE, xdr: ['00000002' /* FH4_VOLATILE_ANY */], value: { fhExpireType: 2 } },
  { attr: FATTR4.CHANGE, xdr: ['00000001 00000002'], value: { change: 0x100000002n } },
  { attr: FATTR4.SIZE, xdr: ['ffffffff ffffffff'], value: { size: 0xffffffffffffffffn } },
  { attr: FATTR4.LINK_SUPPORT, xdr: ['00000001'], value: { linkSupport: true } },
  { attr: FATTR4.SYMLINK_SUPPORT, xdr: ['00000000'], value: { symlinkSupport: false } },
  { attr: FATTR4.NAMED_ATTR, xdr: ['00000001'], value: { namedAttr: true } },
  { attr: FATTR4.FSID, xdr: ['00000000 aed0f34a' /* major */, '00000000 0016ef87' /* minor */], value: { fsid: { major: 0xaed0f34an, minor: 0x16ef87n } } },
  { attr: FATTR4.UNIQUE_HANDLES, xdr: ['00000001'], value: { uniqueHandles: true } },
  { attr: FATTR4.LEASE_TIME, xdr: ['0000005a'], value: { leaseTime: 90 } },
  { attr: FATTR4.RDATTR_ERROR, xdr: ['00002726' /* NFS4ERR_MOVED */], value: { rdattrError: 10022 } },
  {
    attr: FATTR4.ACL,
    xdr: ['00000001' /* aces */, '00000000' /* ALLOWED */, '00000040' /* IDENTIFIER_GROUP */, '00120081' /* GENERIC_READ */, '00000009', ascii('EVERYONE@'), '000000'],
    value: { acl: [{ type: 0, flag: 0x40, mask: 0x120081, who: 'EVERYONE@' }] },
  },
  { attr: FATTR4.ACLSUPPORT, xdr: ['00000003'], value: { aclsupport: 3 } },
  { attr: FATTR4.ARCHIVE, xdr: ['00000000'], value: { archive: false } },
  { attr: FATTR4.CANSETTIME, xdr: ['00000001'], value: { cansettime: true } },
  { attr: FATTR4.CASE_INSENSITIVE, xdr: ['00000000'], value: { caseInsensitive: false } },
  { attr: FATTR4.CASE_PRESERVING, xdr: ['00000001'], value: { casePreserving: true } },
  { attr: FATTR4.CHOWN_RESTRICTED, xdr: ['00000001'], value: { chownRestricted: true } },
  { attr: FATTR4.FILEHANDLE, xdr: ['00000005', '0102030405', '000000'], value: { filehandle: Buffer.from([1, 2, 3, 4, 5]) } },
  { attr: FATTR4.FILEID, xdr: ['00000000 0020c127'], value: { fileid: 0x20c127n } },
  { attr: FATTR4.FILES_AVAIL, xdr: ['00000000 00f9a133'], value: { filesAvail: 0xf9a133n } },
  { attr: FATTR4.FILES_FREE, xdr: ['00000000 00f9a134'], value: { filesFree: 0xf9a134n } },
  { attr: FATTR4.FILES_TOTAL, xdr: ['00000000 01000000'], value: { filesTotal: 0x1000000n } },
  {
    attr: FATTR4.FS_LOCATIONS,
    xdr: [
      '00000001', '00000006', ascii('export'), '0000', // fs_root: pathname4 of 1 component
      '00000001', // locations<>
      '00000001', '00000003', ascii('srv'), '00', // server<>
      '00000002', '00000001', ascii('a'), '000000', '00000002', ascii('bc'), '0000', // rootpath
    ],
    value: { fsLocations: { fsRoot: ['export'], locations: [{ server: ['srv'], rootpath: ['a', 'bc'] }] } },
  },
  { attr: FATTR4.HIDDEN, xdr: ['00000000'], value: { hidden: false } },
  { attr: FATTR4.HOMOGENEOUS, xdr: ['00000001'], value: { homogeneous: true } },
  { attr: FATTR4.MAXFILESIZE, xdr: ['7fffffff ffffffff'], value: { maxfilesize: 0x7fffffffffffffffn } },
  { attr: FATTR4.MAXLINK, xdr: ['00000008'], value: { maxlink: 8 } },
  { attr: FATTR4.MAXNAME, xdr: ['00000400'], value: { maxname: 1024 } },
  { attr: FATTR4.MAXREAD, xdr: ['00000000 04000000'], value: { maxread: 0x4000000n } },
  { attr: FATTR4.MAXWRITE, xdr: ['00000000 00100000'], value: { maxwrite: 0x100000n } },
  { attr: FATTR4.MIMETYPE, xdr: ['0000000a', ascii('text/plain'), '0000'], value: { mimetype: 'text/plain' } },
  { attr: FATTR4.MODE, xdr: ['000009ed' /* 04755 */], value: { mode: 0o4755 } },
  { attr: FATTR4.NO_TRUNC, xdr: ['00000001'], value: { noTrunc: true } },
  { attr: FATTR4.NUMLINKS, xdr: ['00000002'], value: { numlinks: 2 } },
  { attr: FATTR4.OWNER, xdr: ['00000010', ascii('root@localdomain')], value: { owner: 'root@localdomain' } },
  { attr: FATTR4.OWNER_GROUP, xdr: ['00000004', ascii('1000')], value: { ownerGroup: '1000' } },
  { attr: FATTR4.QUOTA_AVAIL_HARD, xdr: ['00000000 00000100'], value: { quotaAvailHard: 0x100n } },
  { attr: FATTR4.QUOTA_AVAIL_SOFT, xdr: ['00000000 00000080'], value: { quotaAvailSoft: 0x80n } },
  { attr: FATTR4.QUOTA_USED, xdr: ['00000000 00000040'], value: { quotaUsed: 0x40n } },
  { attr: FATTR4.RAWDEV, xdr: ['00000007' /* specdata1 */, '00000001' /* specdata2 */], value: { rawdev: { major: 7, minor: 1 } } },
  { attr: FATTR4.SPACE_AVAIL, xdr: ['00000013 cb13d000'], value: { spaceAvail: 0x13cb13d000n } },
  { attr: FATTR4.SPACE_FREE, xdr: ['00000039 6bb7a000'], value: { spaceFree: 0x396bb7a000n } },
  { attr: FATTR4.SPACE_TOTAL, xdr: ['0000003e fe39d000'], value: { spaceTotal: 0x3efe39d000n } },
  { attr: FATTR4.SPACE_USED, xdr: ['00000000 00001000'], value: { spaceUsed: 0x1000n } },
  { attr: FATTR4.SYSTEM, xdr: ['00000000'], value: { system: false } },
  { attr: FATTR4.TIME_ACCESS, xdr: ['00000000 5f5e1000' /* seconds */, '075bcd15' /* nseconds */], value: { timeAccessNs: 1_600_000_000_123_456_789n } },
  { attr: FATTR4.TIME_ACCESS_SET, xdr: ['00000000' /* SET_TO_SERVER_TIME4 */], value: { timeAccessSet: 'server' } },
  { attr: FATTR4.TIME_BACKUP, xdr: ['ffffffff ffffffff' /* -1 s */, '3b9ac9ff' /* 999999999 ns */], value: { timeBackupNs: -1n } },
  { attr: FATTR4.TIME_CREATE, xdr: ['00000000 00000000', '00000001'], value: { timeCreateNs: 1n } },
  { attr: FATTR4.TIME_DELTA, xdr: ['00000000 00000000', '00000064'], value: { timeDeltaNs: 100n } },
  { attr: FATTR4.TIME_METADATA, xdr: ['00000000 5f5e1001', '00000000'], value: { timeMetadataNs: 1_600_000_001_000_000_000n } },
  { attr: FATTR4.TIME_MODIFY, xdr: ['00000000 5f5e1002', '00000005'], value: { timeModifyNs: 1_600_000_002_000_000_005n } },
  { attr: FATTR4.TIME_MODIFY_SET, xdr: ['00000001' /* SET_TO_CLIENT_TIME4 */, '00000000 5f5e1003', '00000000'], value: { timeModifySet: 1_600_000_003_000_000_000n } },
  { attr: FATTR4.MOUNTED_ON_FILEID, xdr: ['00000000 00000002'], value: { mountedOnFileid: 2n } },
  { attr: FATTR4.DIR_NOTIF_DELAY, xdr: ['00000000 00000001', '00000000'], value: { dirNotifDelayNs: 1_000_000_000n } },
  { attr: FATTR4.DIRENT_NOTIF_DELAY, xdr: ['00000000 00000000', '00000000'], value: { direntNotifDelayNs: 0n } },
  {
    attr: FATTR4.DACL,
    xdr: ['00000001' /* ACL4_AUTO_INHERIT */, '00000001' /* aces */, '00000001' /* DENIED */, '00000000', '00000002' /* WRITE_DATA */, '00000006', ascii('OWNER@'), '0000'],
    value: { dacl: { flag: 1, aces: [{ type: 1, flag: 0, mask: 2, who: 'OWNER@' }] } },
  },
  { attr: FATTR4.SACL, xdr: ['00000000' /* flag */, '00000000' /* no aces */], value: { sacl: { flag: 0, aces: [] } } },
  { attr: FATTR4.CHANGE_POLICY, xdr: ['00000000 00000003', '00000000 00000004'], value: { changePolicy: { major: 3n, minor: 4n } } },
  {
    attr: FATTR4.FS_STATUS,
    xdr: ['00000000' /* absent */, '00000004' /* STATUS4_WRITABLE */, '00000000' /* source "" */, '00000002', ascii('v1'), '0000', 'ffffffff' /* age -1 */, '00000000 00000002', '00000003'],
    value: { fsStatus: { absent: false, type: 4, source: '', current: 'v1', age: -1, versionNs: 2_000_000_003n } },
  },
  { attr: FATTR4.FS_LAYOUT_TYPES, xdr: ['00000002', '00000001' /* NFSV4_1_FILES */, '00000003' /* BLOCK_VOLUME */], value: { fsLayoutTypes: [1, 3] } },
  { attr: FATTR4.LAYOUT_HINT, xdr: ['00000001' /* loh_type */, '00000004', 'deadbeef'], value: { layoutHint: { type: 1, body: Buffer.from('deadbeef', 'hex') } } },
  { attr: FATTR4.LAYOUT_TYPES, xdr: ['00000000'], value: { layoutTypes: [] } },
  { attr: FATTR4.LAYOUT_BLKSIZE, xdr: ['00010000'], value: { layoutBlksize: 0x10000 } },
  { attr: FATTR4.LAYOUT_ALIGNMENT, xdr: ['00001000'], value: { layoutAlignment: 0x1000 } },
  {
    attr: FATTR4.FS_LOCATIONS_INFO,
    xdr: [
      '00000001' /* fli_flags: VAR_SUB */, 'fffffffe' /* fli_valid_for -2 */,
      '00000001', '00000001', ascii('r'), '000000', // fli_fs_root
      '00000001', // fli_items<>
      '00000001', // fli_entries<>
      'ffffffff' /* fls_currency -1 */, '00000002', 'abcd', '0000' /* fls_info */, '00000002', ascii('s1'), '0000' /* fls_server */,
      '00000000', // fli_rootpath: no components
    ],
    value: { fsLocationsInfo: { flags: 1, validFor: -2, fsRoot: ['r'], items: [{ entries: [{ currency: -1, info: Buffer.from('abcd', 'hex'), server: 's1' }], rootpath: [] }] } },
  },
  {
    attr: FATTR4.MDSTHRESHOLD,
    xdr: ['00000001' /* mth_hints */, '00000001' /* thi_layout_type */, '00000001', '00000003' /* thi_hintset */, '00000010', '00000000 00001000', '00000000 00002000'],
    value: { mdsthreshold: [{ layoutType: 1, hintset: [3], hintlist: Buffer.from('00000000000010000000000000002000', 'hex') }] },
  },
  { attr: FATTR4.RETENTION_GET, xdr: ['00000000 00000e10' /* rg_duration */, '00000001', '00000000 00000005', '00000000' /* rg_begin_time<1> */], value: { retentionGet: { duration: 3600n, beginTimeNs: 5_000_000_000n } } },
  { attr: FATTR4.RETENTION_SET, xdr: ['00000001' /* rs_enable */, '00000000' /* rs_duration<1>: none */], value: { retentionSet: { enable: true } } },
  { attr: FATTR4.RETENTEVT_GET, xdr: ['ffffffff ffffffff' /* RET4_DURATION_INFINITE */, '00000000'], value: { retentevtGet: { duration: 0xffffffffffffffffn } } },
  { attr: FATTR4.RETENTEVT_SET, xdr: ['00000000', '00000001', '00000000 00000010'], value: { retentevtSet: { enable: false, duration: 16n } } },
  { attr: FATTR4.RETENTION_HOLD, xdr: ['00000000 00000001'], value: { retentionHold: 1n } },
  { attr: FATTR4.MODE_SET_MASKED, xdr: ['00000180' /* 0600 */, '000001c0' /* 0700 */], value: { modeSetMasked: { valueToSet: 0o600, maskBits: 0o700 } } },
  { attr: FATTR4.SUPPATTR_EXCLCREAT, xdr: ['00000001', '0000001a'], value: { suppattrExclcreat: [0x1a] } },
  { attr: FATTR4.FS_CHARSET_CAP, xdr: ['00000002' /* ALLOWS_ONLY_UTF8 */], value: { fsCharsetCap: 2 } },
  { attr: FATTR4.CLONE_BLKSIZE, xdr: ['00001000'], value: { cloneBlksize: 0x1000 } },
  { attr: FATTR4.SPACE_FREED, xdr: ['00000000 00004000'], value: { spaceFreed: 0x4000n } },
  { attr: FATTR4.CHANGE_ATTR_TYPE, xdr: ['00000001' /* VERSION_COUNTER */], value: { changeAttrType: 1 } },
  { attr: FATTR4.SEC_LABEL, xdr: ['00000001' /* lfs_lfs */, '00000000' /* lfs_pi */, '00000003', ascii('s:0'), '00'], value: { secLabel: { lfs: 1, pi: 0, data: Buffer.from('s:0') } } },
  { attr: FATTR4.MODE_UMASK, xdr: ['000001ff' /* mu_mode */, '00000012' /* mu_umask */], value: { modeUmask: { mode: 0o777, umask: 0o22 } } },
  { attr: FATTR4.XATTR_SUPPORT, xdr: ['00000001'], value: { xattrSupport: true } },
];

function fattrOf(rows: readonly Row[]): Fattr {
  return { mask: attrMask(rows.map((r) => r.attr)), vals: Buffer.concat(rows.map((r) => bytes(...r.xdr))) };
}
function merged(rows: readonly Row[]): Nfs4Attrs {
  return Object.assign({}, ...rows.map((r) => r.value));
}
function omit(a: Nfs4Attrs, key: keyof Nfs4Attrs): Nfs4Attrs {
  const copy = { ...a };
  delete copy[key];
  return copy;
}
/** Decodes, and says what happened: the attributes, or 'DecodeError'; anything else thrown fails the test. */
function outcome(f: Fattr): Nfs4Attrs | 'DecodeError' {
  try {
    return decodeAttrs(f);
  } catch (e) {
    if (e instanceof DecodeError) return 'DecodeError';
    throw e;
  }
}

describe('FATTR4 and bitmaps', () => {
  it('numbers every attribute 0..82 once, by its spec name', () => {
    expect(Object.values(FATTR4).sort((a, b) => a - b)).toEqual(Array.from({ length: 83 }, (_, i) => i));
    expect([FATTR4.FILEHANDLE, FATTR4.MODE, FATTR4.MOUNTED_ON_FILEID, FATTR4.SUPPATTR_EXCLCREAT, FATTR4.FS_CHARSET_CAP, FATTR4.SEC_LABEL]).toEqual([19, 33, 55, 75, 76, 80]);
  });

  it('attrMask sets bits by word, unsigned, without trailing zero words', () => {
    expect(attrMask([])).toEqual([]);
    expect(attrMask([FATTR4.TYPE, FATTR4.SIZE, FATTR4.MODE, FATTR4.MOUNTED_ON_FILEID])).toEqual([0x12, 0x800002]);
    expect(attrMask([31, 63])).toEqual([0x80000000, 0x80000000]);
    expect(attrMask([FATTR4.XATTR_SUPPORT, FATTR4.TYPE, FATTR4.TYPE])).toEqual([0x2, 0, 0x40000]);
    expect(thrown(() => attrMask([-1]))).toBeInstanceOf(RangeError);
    expect(thrown(() => attrMask([1.5]))).toBeInstanceOf(RangeError);
  });

  it('hasAttr reads a mask, words past its end being zero', () => {
    const mask = attrMask([FATTR4.SIZE, 63]);
    expect([FATTR4.SIZE, 63, FATTR4.TYPE, 31, 64, 200].map((a) => hasAttr(mask, a))).toEqual([true, true, false, false, false, false]);
  });

  it('STAT_ATTRS and STATFS_ATTRS ask for what toStat and toStatFs use', () => {
    expect([...STAT_ATTRS].sort((a, b) => a - b)).toEqual([1, 3, 4, 8, 20, 33, 35, 36, 37, 41, 45, 47, 50, 52, 53]);
    expect([...STATFS_ATTRS].sort((a, b) => a - b)).toEqual([21, 22, 23, 29, 42, 43, 44]);
  });
});

describe('decodeAttrs', () => {
  it('golden rows cover every attribute 0..82', () => {
    expect(ROWS.map((r) => r.attr)).toEqual(Array.from({ length: 83 }, (_, i) => i));
  });

  for (const row of ROWS) {
    const name = Object.entries(FATTR4).find(([, n]) => n === row.attr)?.[0];
    it(`${row.attr} ${name} alone`, () => {
      expect(decodeAttrs(fattrOf([row]))).toEqual(row.value);
    });
  }

  it('all 83 in one fattr4, in increasing bit order', () => {
    expect(decodeAttrs(fattrOf(ROWS))).toEqual(merged(ROWS));
  });

  it('random subsets: each value where its bit puts it', () => {
    const next = xorshift(0x5eed);
    for (let i = 0; i < 200; i++) {
      const rows = ROWS.filter(() => next() % 3 === 0);
      expect(decodeAttrs(fattrOf(rows))).toEqual(merged(rows));
    }
  });

  it('an empty mask, or one of zero words, with no values: no attributes', () => {
    expect(decodeAttrs({ mask: [], vals: Buffer.alloc(0) })).toEqual({});
    expect(decodeAttrs({ mask: [0, 0, 0], vals: Buffer.alloc(0) })).toEqual({});
  });

  it('opaque values are copies: they survive the reply buffer being reused', () => {
    const opaqueAttrs: number[] = [FATTR4.FILEHANDLE, FATTR4.LAYOUT_HINT, FATTR4.SEC_LABEL, FATTR4.FS_LOCATIONS_INFO, FATTR4.MDSTHRESHOLD];
    const f = fattrOf(ROWS.filter((r) => opaqueAttrs.includes(r.attr)));
    const a = decodeAttrs(f);
    f.vals.fill(0xee);
    expect(a.filehandle).toEqual(Buffer.from([1, 2, 3, 4, 5]));
    expect(a.layoutHint?.body).toEqual(Buffer.from('deadbeef', 'hex'));
    expect(a.secLabel?.data).toEqual(Buffer.from('s:0'));
    expect(a.fsLocationsInfo?.items[0].entries[0].info).toEqual(Buffer.from('abcd', 'hex'));
    expect(a.mdsthreshold?.[0].hintlist.readBigUInt64BE(8)).toBe(0x2000n);
  });

  it('every truncation of the 83 values is a DecodeError', () => {
    const f = fattrOf(ROWS);
    for (let n = 0; n < f.vals.length; n++) {
      expect(thrown(() => decodeAttrs({ mask: f.mask, vals: f.vals.subarray(0, n) })), `cut at ${n}`).toBeInstanceOf(DecodeError);
    }
  });

  it('bytes after the last value are a DecodeError', () => {
    const f = fattrOf(ROWS.slice(0, 5));
    const e = thrown(() => decodeAttrs({ mask: f.mask, vals: Buffer.concat([f.vals, bytes('00000000')]) }));
    expect(e).toBeInstanceOf(DecodeError);
    expect((e as DecodeError).offset).toBe(f.vals.length);
  });

  it('an attribute past xattr_support has no known shape: DecodeError at its value', () => {
    for (const attr of [83, 84, 95, 96, 127, 200]) {
      const e = thrown(() => decodeAttrs({ mask: attrMask([FATTR4.TYPE, attr]), vals: bytes('00000001', '00000000') }));
      expect(e, `attribute ${attr}`).toBeInstanceOf(DecodeError);
      expect((e as DecodeError).offset).toBe(4);
      expect((e as DecodeError).message).toContain(`attribute ${attr}`);
    }
  });

  it('malformed values are DecodeErrors', () => {
    const bad: Array<[number, string[]]> = [
      [FATTR4.LINK_SUPPORT, ['00000002']], // bool other than 0 or 1
      [FATTR4.TIME_ACCESS_SET, ['00000002']], // time_how4 out of range
      [FATTR4.FILEHANDLE, ['00000081', '00'.repeat(132)]], // nfs_fh4 longer than NFS4_FHSIZE
      [FATTR4.ACL, ['7fffffff', '00000000']], // more aces than bytes
      [FATTR4.RETENTION_GET, ['00000000 00000000', '00000002', '00'.repeat(24)]], // rg_begin_time<1> of 2
      [FATTR4.RETENTION_SET, ['00000001', '00000002', '00'.repeat(16)]], // rs_duration<1> of 2
      [FATTR4.OWNER, ['00000005', ascii('root')]], // string longer than what is left
      [FATTR4.SUPPORTED_ATTRS, ['00000401', '00'.repeat(4100)]], // bitmap4 over NFS4_OPAQUE_LIMIT words
    ];
    for (const [attr, xdr] of bad) expect(thrown(() => decodeAttrs({ mask: attrMask([attr]), vals: bytes(...xdr) })), `attribute ${attr}`).toBeInstanceOf(DecodeError);
  });

  it('garbage masks and values: decoded or DecodeError, never another exception', () => {
    const next = xorshift(42);
    const all = fattrOf(ROWS);
    for (let i = 0; i < 3000; i++) {
      const mask = Array.from({ length: 1 + (next() % 3) }, () => next() & (next() | next()));
      const vals = Buffer.from(Array.from({ length: next() % 200 }, () => (next() % 4 === 0 ? next() & 0xff : 0)));
      outcome({ mask, vals });
      // And the 83 golden values with one byte changed.
      const flipped = Buffer.from(all.vals);
      flipped[next() % flipped.length] ^= 1 << (next() % 8);
      outcome({ mask: all.mask, vals: flipped });
    }
  });

  it('decodes a 5,000-entry READDIR worth of stat attributes quickly', () => {
    // What Ganesha 4.3 returns for STAT_ATTRS: every one but time_create.
    const statRows = ROWS.filter((r) => STAT_ATTRS.includes(r.attr) && r.attr !== FATTR4.TIME_CREATE);
    const f = fattrOf(statRows);
    const entries = Array.from({ length: 5000 }, () => ({ mask: [...f.mask], vals: Buffer.from(f.vals) }));
    // One pass to warm the JIT, as a long listing would be past its first READDIR reply.
    for (const e of entries.slice(0, 1000)) toStat(decodeAttrs(e), idmap, DEFAULTS);
    const start = process.hrtime.bigint();
    let size = 0n;
    for (const e of entries) {
      const a = decodeAttrs(e);
      size += a.size ?? 0n;
      toStat(a, idmap, DEFAULTS);
    }
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    expect(size).toBe(5000n * 0xffffffffffffffffn);
    console.log(`decodeAttrs + toStat: 5,000 entries of ${statRows.length} attributes in ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(500);
  });
});

describe('encodeAttrs', () => {
  const named = new IdMap({ defaultUid: 65534, defaultGid: 65534, numeric: false, domain: 'example.org', passwd: PASSWD, group: GROUP });

  it('golden: every settable attribute, in increasing bit order', () => {
    const f = encodeAttrs({ mode: 0o100644, uid: 1000, gid: 50, size: 5, atime: 'server', mtime: 1_600_000_000_123_456_789n }, named);
    expect(f.mask).toEqual([1 << FATTR4.SIZE, (1 << 1) | (1 << 4) | (1 << 5) | (1 << 16) | (1 << 22)]);
    expect(f.vals).toEqual(
      bytes(
        '00000000 00000005', // size
        '000001a4', // mode 0644: the S_IFREG bits dropped
        '00000011', ascii('alice@example.org'), '000000', // owner
        '00000011', ascii('staff@example.org'), '000000', // owner_group
        '00000000', // time_access_set: SET_TO_SERVER_TIME4
        '00000001', '00000000 5f5e1000', '075bcd15', // time_modify_set: SET_TO_CLIENT_TIME4, nfstime4
      ),
    );
  });

  const cases: Array<[SetAttrs, Nfs4Attrs]> = [
    [{}, {}],
    [{ size: 0 }, { size: 0n }],
    [{ size: 0xffffffffffffffffn }, { size: 0xffffffffffffffffn }],
    [{ mode: 0o7777 }, { mode: 0o7777 }],
    [{ uid: 0 }, { owner: '0' }],
    [{ gid: 4294967295 }, { ownerGroup: '4294967295' }],
    [{ atime: 'server', mtime: 'server' }, { timeAccessSet: 'server', timeModifySet: 'server' }],
    [{ atime: -1n, mtime: -1_500_000_000n }, { timeAccessSet: -1n, timeModifySet: -1_500_000_000n }],
    [{ atime: 0n }, { timeAccessSet: 0n }],
    [
      { mode: 0o640, uid: 1000, gid: 1000, size: 5n, atime: 1_600_000_000_123_456_789n, mtime: 1_600_000_001_987_654_321n },
      { mode: 0o640, owner: '1000', ownerGroup: '1000', size: 5n, timeAccessSet: 1_600_000_000_123_456_789n, timeModifySet: 1_600_000_001_987_654_321n },
    ],
  ];
  for (const [set, expected] of cases) {
    it(`round trip ${JSON.stringify(set, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`, () => {
      expect(decodeAttrs(encodeAttrs(set, idmap))).toEqual(expected);
    });
  }

  it('a negative time is whole seconds below it plus nanoseconds in 0..999999999', () => {
    expect(encodeAttrs({ mtime: -1n }, idmap).vals).toEqual(bytes('00000001', 'ffffffff ffffffff', '3b9ac9ff'));
  });

  it('values the XDR cannot carry are a RangeError', () => {
    for (const a of [{ size: -1 }, { size: 1.5 }, { size: 1n << 64n }, { mode: -1 }, { mode: 0.5 }, { uid: -1 }, { gid: 2 ** 32 }] satisfies SetAttrs[]) {
      expect(thrown(() => encodeAttrs(a, idmap)), JSON.stringify(a, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))).toBeInstanceOf(RangeError);
    }
  });
});

describe('toStat', () => {
  const full: Nfs4Attrs = {
    type: FType.NF4REG,
    change: 7n,
    size: 5n,
    fsid: { major: 0xaed0f34an, minor: 9n },
    fileid: 0x20c127n,
    mode: 0o4755,
    numlinks: 3,
    owner: 'alice@localdomain',
    ownerGroup: 'staff@localdomain',
    rawdev: { major: 0, minor: 0 },
    spaceUsed: 4096n,
    timeAccessNs: 1_600_000_000_123_456_789n,
    timeCreateNs: 1_500_000_000_000_000_001n,
    timeMetadataNs: 1_600_000_002_000_000_000n,
    timeModifyNs: 1_600_000_001_000_000_000n,
  };

  it('every field from the server', () => {
    expect(toStat(full, idmap, DEFAULTS)).toEqual({
      type: 'file',
      mode: S_IFREG | 0o4755,
      uid: 1000,
      gid: 50,
      size: 5,
      allocated: 4096,
      nlink: 3,
      ino: 0x20c127n,
      dev: 0xaed0f34an,
      atimeNs: 1_600_000_000_123_456_789n,
      mtimeNs: 1_600_000_001_000_000_000n,
      ctimeNs: 1_600_000_002_000_000_000n,
      birthtimeNs: 1_500_000_000_000_000_001n,
      atime: new Date(1_600_000_000_123),
      mtime: new Date(1_600_000_001_000),
      ctime: new Date(1_600_000_002_000),
      birthtime: new Date(1_500_000_000_000),
      unixOwner: true,
      unixMode: true,
    });
  });

  const types: Array<[number | undefined, string, number]> = [
    [FType.NF4REG, 'file', S_IFREG],
    [FType.NF4DIR, 'directory', S_IFDIR],
    [FType.NF4BLK, 'block', S_IFBLK],
    [FType.NF4CHR, 'char', S_IFCHR],
    [FType.NF4LNK, 'symlink', S_IFLNK],
    [FType.NF4SOCK, 'socket', S_IFSOCK],
    [FType.NF4FIFO, 'fifo', S_IFIFO],
    [FType.NF4ATTRDIR, 'directory', S_IFDIR],
    [FType.NF4NAMEDATTR, 'file', S_IFREG],
    [0, 'unknown', 0],
    [10, 'unknown', 0],
    [undefined, 'unknown', 0],
  ];
  for (const [type, fileType, bits] of types) {
    it(`nfs_ftype4 ${type} is ${fileType}, with its S_IF bits`, () => {
      expect(fileTypeOf(type)).toBe(fileType);
      const s = toStat({ ...full, type }, idmap, DEFAULTS);
      expect([s.type, s.mode]).toEqual([fileType, bits | 0o4755]);
    });
  }

  it('no mode: the default for the type, unixMode false', () => {
    const noMode = omit(full, 'mode');
    const file = toStat(noMode, idmap, DEFAULTS);
    expect([file.mode, file.unixMode]).toEqual([S_IFREG | 0o640, false]);
    const dir = toStat({ ...noMode, type: FType.NF4DIR }, idmap, DEFAULTS);
    expect([dir.mode, dir.unixMode]).toEqual([S_IFDIR | 0o750, false]);
  });

  it('owners through the IdMap; missing ones from the defaults, unixOwner then false', () => {
    expect(toStat({ ...full, owner: '4242', ownerGroup: 'nobody@elsewhere' }, idmap, DEFAULTS)).toMatchObject({ uid: 4242, gid: 65534, unixOwner: true });
    const noOwner = omit(full, 'owner');
    expect(toStat(noOwner, idmap, DEFAULTS)).toMatchObject({ uid: 1234, gid: 50, unixOwner: false });
    const noGroup = omit(full, 'ownerGroup');
    expect(toStat(noGroup, idmap, DEFAULTS)).toMatchObject({ uid: 1000, gid: 5678, unixOwner: false });
  });

  it('the least a server can answer: type alone', () => {
    const s = toStat({ type: FType.NF4DIR }, idmap, DEFAULTS);
    expect(s).toMatchObject({ type: 'directory', mode: S_IFDIR | 0o750, uid: 1234, gid: 5678, size: 0, allocated: 0, nlink: 1, ino: 0n, dev: 0n, atimeNs: 0n, ctimeNs: 0n, birthtimeNs: 0n, unixMode: false, unixOwner: false });
  });

  it('missing times: atime and ctime are mtime, birthtime is ctime', () => {
    const s = toStat({ type: FType.NF4REG, timeModifyNs: 5_000_000_000n }, idmap, DEFAULTS);
    expect([s.atimeNs, s.mtimeNs, s.ctimeNs, s.birthtimeNs]).toEqual([5_000_000_000n, 5_000_000_000n, 5_000_000_000n, 5_000_000_000n]);
    const t = toStat({ type: FType.NF4REG, timeModifyNs: 5n, timeMetadataNs: 7n }, idmap, DEFAULTS);
    expect([t.atimeNs, t.ctimeNs, t.birthtimeNs]).toEqual([5n, 7n, 7n]);
  });
});

describe('toStatFs', () => {
  it('4096-byte blocks when every space value is a multiple of 4096 (Ganesha 4.3 numbers)', () => {
    const a = decodeAttrs(fattrOf(ROWS.filter((r) => STATFS_ATTRS.includes(r.attr))));
    expect(toStatFs(a)).toEqual({ bsize: 4096, blocks: 66053021, bfree: 60210042, bavail: 20754749, files: 16777216, ffree: 16359732, namemax: 1024 });
  });

  it('1-byte blocks when one is not, so nothing is rounded away', () => {
    expect(toStatFs({ spaceTotal: 10000n, spaceFree: 4096n, spaceAvail: 0n })).toEqual({ bsize: 1, blocks: 10000, bfree: 4096, bavail: 0, files: 0, ffree: 0, namemax: 255 });
  });

  it('nothing known: zeros and namemax 255', () => {
    expect(toStatFs({})).toEqual({ bsize: 4096, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0, namemax: 255 });
  });
});
