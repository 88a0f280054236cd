// owner and owner_group (RFC 8881 5.9, RFC 7530 5.9) <-> uid and gid. On the wire they are
// "name@domain", or, with AUTH_SYS, the number as a decimal string. Names resolve through
// passwd/group contents, read once (lazily) from /etc unless given as strings.
import { readFileSync } from 'node:fs';

export interface IdMapOptions {
  /** The NFSv4 domain: received names must carry it (or none) to be looked up; sent names carry it (default "localdomain"). */
  domain?: string;
  /** What an owner that names no known user maps to. */
  defaultUid: number;
  /** What an owner_group that names no known group maps to. */
  defaultGid: number;
  /** Send owners as decimal strings (default true: RFC 7530 5.9 allows it with AUTH_SYS). */
  numeric?: boolean;
  /** /etc/passwd contents (read from /etc/passwd when absent). */
  passwd?: string;
  /** /etc/group contents (read from /etc/group when absent). */
  group?: string;
}

/** The domain sent when none is configured: what nfsidmap (and so Ganesha and Linux) use without a DNS domain. */
export const DEFAULT_NFS4_DOMAIN = 'localdomain';
/** The Linux overflow id, "nobody"/"nogroup", used for those names when the files lack them. */
export const NOBODY_ID = 65534;
/** Distinct strings remembered per direction; past this the cache starts over (a server can send any number). */
const CACHE_LIMIT = 4096;
const UINT32_MAX = 0xffffffff;

/** One database (passwd or group): name <-> id, the first line of a name or id winning, as getpwnam does. */
interface IdTable {
  byName: Map<string, number>;
  byId: Map<number, string>;
}

/** Parses passwd(5) or group(5): name, password, then the id in the third field. */
function parseIdTable(text: string): IdTable {
  const table: IdTable = { byName: new Map(), byId: new Map() };
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields.length < 3 || fields[0] === '' || line.startsWith('#')) continue;
    const id = parseDecimal(fields[2]);
    if (id === undefined) continue;
    if (!table.byName.has(fields[0])) table.byName.set(fields[0], id);
    if (!table.byId.has(id)) table.byId.set(id, fields[0]);
  }
  return table;
}

/** A decimal uint32 ("1000"), or undefined for anything else. */
function parseDecimal(s: string): number | undefined {
  if (!/^[0-9]{1,10}$/.test(s)) return undefined;
  const n = Number(s);
  return n <= UINT32_MAX ? n : undefined;
}

function readEtc(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    // No such file (a minimal container): every name is then unknown.
    return '';
  }
}

/** Forgets everything once full, so a server sending endless distinct owners cannot grow it without bound. */
function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * Maps owner strings to numbers and back. Received: a decimal string is that number; "name@domain"
 * is the passwd/group entry of name when domain matches the configured one (case-insensitively) or
 * none is configured, and a bare "name" is always looked up; "nobody"/"nogroup" without an entry
 * are 65534; anything else (an unknown name, a foreign domain, "OWNER@") is defaultUid/defaultGid.
 * Ganesha 4.3 sends "name@localdomain" for ids with a name, decimal strings for the others.
 * Sent: the decimal string when numeric (the default), else "name@domain" for an id with a
 * name, and the decimal string for one without.
 */
export class IdMap {
  private readonly domain: string | undefined;
  private readonly numeric: boolean;
  private users: IdTable | undefined;
  private groups: IdTable | undefined;
  private readonly uidCache = new Map<string, number>();
  private readonly gidCache = new Map<string, number>();

  constructor(private readonly opts: IdMapOptions) {
    this.domain = opts.domain?.toLowerCase();
    this.numeric = opts.numeric ?? true;
  }

  uid(owner: string): number {
    return this.uidCache.get(owner) ?? remember(this.uidCache, owner, this.resolve(owner, () => this.userTable(), ['nobody'], this.opts.defaultUid));
  }

  gid(group: string): number {
    return this.gidCache.get(group) ?? remember(this.gidCache, group, this.resolve(group, () => this.groupTable(), ['nogroup', 'nobody'], this.opts.defaultGid));
  }

  owner(uid: number): string {
    return this.name(uid, () => this.userTable());
  }

  group(gid: number): string {
    return this.name(gid, () => this.groupTable());
  }

  private resolve(who: string, table: () => IdTable, nobodyNames: readonly string[], fallback: number): number {
    const numeric = parseDecimal(who);
    if (numeric !== undefined) return numeric;
    const at = who.lastIndexOf('@');
    const name = at < 0 ? who : who.slice(0, at);
    if (name === '') return fallback;
    if (at >= 0 && this.domain !== undefined && who.slice(at + 1).toLowerCase() !== this.domain) return fallback;
    const id = table().byName.get(name);
    if (id !== undefined) return id;
    return nobodyNames.includes(name) ? NOBODY_ID : fallback;
  }

  private name(id: number, table: () => IdTable): string {
    if (!Number.isInteger(id) || id < 0 || id > UINT32_MAX) throw new RangeError(`not a uid/gid: ${id}`);
    if (this.numeric) return String(id);
    const name = table().byId.get(id);
    return name === undefined ? String(id) : `${name}@${this.opts.domain ?? DEFAULT_NFS4_DOMAIN}`;
  }

  private userTable(): IdTable {
    this.users ??= parseIdTable(this.opts.passwd ?? readEtc('/etc/passwd'));
    return this.users;
  }

  private groupTable(): IdTable {
    this.groups ??= parseIdTable(this.opts.group ?? readEtc('/etc/group'));
    return this.groups;
  }
}
