import { FsError } from '../vfs/errors.js';

/** What `-o` says, as mount.cifs and libfuse spell it. */
export interface MountOptions {
  /** Owner, group and permission bits to report where the server has none (passed to connect()). */
  uid?: number;
  gid?: number;
  fileMode?: number;
  dirMode?: number;
  /** ro: refuse every change. */
  readOnly: boolean;
  /** Seconds the kernel and netfs keep attributes (attr_timeout, or mount.cifs' actimeo). */
  attrTimeout: number;
  /** Seconds the kernel keeps a name lookup, and netfs a directory's names (entry_timeout). */
  entryTimeout: number;
  /** Seconds the kernel remembers that a name does not exist (negative_timeout; default 0). */
  negativeTimeout: number;
  /** Let other users than the one who mounted use the mount. */
  allowOther: boolean;
  /** The kernel checks permission bits (default; `noperm` leaves every check to the server). */
  defaultPermissions: boolean;
  /** Mount over a directory that is not empty. */
  nonempty: boolean;
  /** Largest write the kernel sends (capped by the kernel at 128 KiB with libfuse 2). */
  maxWrite: number;
  /** Largest read request, when set (max_read). */
  maxRead?: number;
  /** libfuse cache modes and tracing, passed on as they are: auto_cache, kernel_cache, debug. */
  passThrough: string[];
  /** Name shown as the mount's source (df, /proc/mounts). */
  fsname?: string;
  /** Where a background mount writes its log (netfs mount -d). */
  log?: string;
}

export const DEFAULT_MAX_WRITE = 1024 * 1024;
const PASS_THROUGH = new Set(['auto_cache', 'kernel_cache', 'debug']);

function defaults(): MountOptions {
  return {
    readOnly: false,
    attrTimeout: 1,
    entryTimeout: 1,
    negativeTimeout: 0,
    allowOther: false,
    defaultPermissions: true,
    nonempty: false,
    maxWrite: DEFAULT_MAX_WRITE,
    passThrough: [],
  };
}

function bad(msg: string): FsError {
  return new FsError('EINVAL', msg, { syscall: 'mount' });
}

function integer(name: string, v: string | undefined, radix: 8 | 10 = 10, max = 0xffffffff): number {
  const ok = radix === 8 ? /^0?[0-7]+$/ : /^\d+$/;
  if (v === undefined || !ok.test(v)) throw bad(`mount option ${name} needs ${radix === 8 ? 'an octal mode' : 'a whole number'} (got '${v ?? ''}')`);
  const n = parseInt(v, radix);
  if (n > max) throw bad(`mount option ${name}=${v} is too large`);
  return n;
}

function seconds(name: string, v: string | undefined): number {
  const n = v === undefined || v.trim() === '' ? NaN : Number(v);
  if (!Number.isFinite(n) || n < 0) throw bad(`mount option ${name} needs a number of seconds (got '${v ?? ''}')`);
  return n;
}

/** Parses the `-o` arguments (each a comma-separated list) into MountOptions. */
export function parseMountOptions(lists: readonly string[]): MountOptions {
  const o = defaults();
  for (const item of lists.flatMap((l) => l.split(','))) {
    const eq = item.indexOf('=');
    const name = (eq < 0 ? item : item.slice(0, eq)).trim();
    const value = eq < 0 ? undefined : item.slice(eq + 1);
    if (name === '') continue;
    switch (name) {
      case 'uid':
        o.uid = integer(name, value);
        break;
      case 'gid':
        o.gid = integer(name, value);
        break;
      case 'file_mode':
        o.fileMode = integer(name, value, 8, 0o7777);
        break;
      case 'dir_mode':
        o.dirMode = integer(name, value, 8, 0o7777);
        break;
      case 'ro':
        o.readOnly = true;
        break;
      case 'rw':
        o.readOnly = false;
        break;
      case 'attr_timeout':
      case 'actimeo':
        o.attrTimeout = seconds(name, value);
        break;
      case 'entry_timeout':
        o.entryTimeout = seconds(name, value);
        break;
      case 'negative_timeout':
        o.negativeTimeout = seconds(name, value);
        break;
      case 'allow_other':
        o.allowOther = true;
        break;
      case 'default_permissions':
      case 'perm':
        o.defaultPermissions = true;
        break;
      case 'noperm':
        o.defaultPermissions = false;
        break;
      case 'nonempty':
        o.nonempty = true;
        break;
      case 'max_write':
        o.maxWrite = integer(name, value, 10, 16 * 1024 * 1024);
        break;
      case 'max_read':
        o.maxRead = integer(name, value, 10, 16 * 1024 * 1024);
        break;
      case 'fsname':
        if (!value) throw bad('mount option fsname needs a name');
        o.fsname = value;
        break;
      case 'log':
        if (!value) throw bad('mount option log needs a file name');
        o.log = value;
        break;
      default:
        if (PASS_THROUGH.has(name) && value === undefined) {
          o.passThrough.push(name);
          break;
        }
        throw bad(`unknown mount option '${item}' (known: uid, gid, file_mode, dir_mode, ro, rw, attr_timeout, actimeo, entry_timeout, negative_timeout, allow_other, noperm, nonempty, max_write, max_read, fsname, log, ${[...PASS_THROUGH].join(', ')})`);
    }
  }
  return o;
}

/** A value inside libfuse's -o list: its separators (comma, backslash) escaped. */
function escapeOpt(v: string): string {
  return v.replace(/[\\,]/g, (c) => '\\' + c);
}

/**
 * The libfuse options for these MountOptions. big_writes and max_write are what lets the
 * kernel send writes larger than 4 KiB (libfuse 2.9 leaves both off; fuse-native's own
 * option list has neither).
 */
export function libfuseOptions(o: MountOptions, fsname: string): string[] {
  // use_ino: st_ino comes from the server (hard links share it), as far as fuse-native's 32 bits carry it.
  const out = [`fsname=${escapeOpt(o.fsname ?? fsname)}`, 'subtype=netfs', 'use_ino', 'big_writes', `max_write=${o.maxWrite}`, `max_readahead=${Math.max(o.maxWrite, 131072)}`];
  if (o.maxRead !== undefined) out.push(`max_read=${o.maxRead}`);
  out.push(`attr_timeout=${o.attrTimeout}`, `entry_timeout=${o.entryTimeout}`, `negative_timeout=${o.negativeTimeout}`);
  if (o.readOnly) out.push('ro');
  if (o.allowOther) out.push('allow_other');
  if (o.defaultPermissions) out.push('default_permissions');
  if (o.nonempty) out.push('nonempty');
  out.push(...o.passThrough);
  return out;
}
