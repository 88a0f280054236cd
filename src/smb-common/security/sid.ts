import { Reader, Writer } from '../../wire/index.js';

// MS-DTYP 2.4.2.2 SID binary form: Revision (1), SubAuthorityCount (1), IdentifierAuthority (6,
// big-endian), SubAuthority (4 each, little-endian). String form S-1-5-21-... (MS-DTYP 2.4.2.1).

export const SID_REVISION = 1;
export const SID_MAX_SUB_AUTHORITIES = 15;

/** Samba's Unix-ID SIDs: S-1-22-1-<uid> (Unix User) and S-1-22-2-<gid> (Unix Group). */
export const UNIX_USER_AUTHORITY_PREFIX = [22, 1] as const;
export const UNIX_GROUP_AUTHORITY_PREFIX = [22, 2] as const;

export interface Sid {
  revision: number;
  /** IdentifierAuthority as a number (48 bits fit exactly). */
  authority: number;
  subAuthorities: number[];
}

export function decodeSid(r: Reader): Sid {
  const revision = r.u8();
  if (revision !== SID_REVISION) r.fail(`SID revision ${revision}`);
  const count = r.u8();
  if (count > SID_MAX_SUB_AUTHORITIES) r.fail(`SID with ${count} sub-authorities`);
  const authority = r.u16be() * 0x1_0000_0000 + r.u32be();
  const subAuthorities: number[] = [];
  for (let i = 0; i < count; i++) subAuthorities.push(r.u32le());
  return { revision, authority, subAuthorities };
}

export function encodeSid(w: Writer, sid: Sid): void {
  if (sid.subAuthorities.length > SID_MAX_SUB_AUTHORITIES) throw new RangeError('too many SID sub-authorities');
  w.u8(sid.revision).u8(sid.subAuthorities.length);
  w.u16be(Math.floor(sid.authority / 0x1_0000_0000)).u32be(sid.authority % 0x1_0000_0000);
  for (const s of sid.subAuthorities) w.u32le(s);
}

/** Bytes a SID takes on the wire. */
export function sidByteLength(sid: Sid): number {
  return 8 + 4 * sid.subAuthorities.length;
}

/** S-1-5-21-...; the authority is written in hex when it exceeds 32 bits (MS-DTYP 2.4.2.1). */
export function sidToString(sid: Sid): string {
  const auth = sid.authority >= 0x1_0000_0000 ? `0x${sid.authority.toString(16).toUpperCase().padStart(12, '0')}` : String(sid.authority);
  return ['S', sid.revision, auth, ...sid.subAuthorities].join('-');
}

export function parseSidString(s: string): Sid {
  const m = /^S-1-(0x[0-9a-fA-F]{1,12}|\d+)((?:-\d+)*)$/.exec(s);
  if (!m) throw new RangeError(`bad SID string ${s}`);
  const authority = Number(m[1]);
  const subAuthorities = m[2] === '' ? [] : m[2].slice(1).split('-').map(Number);
  if (authority > 0xffff_ffff_ffff || subAuthorities.some((x) => x > 0xffff_ffff) || subAuthorities.length > SID_MAX_SUB_AUTHORITIES) {
    throw new RangeError(`SID out of range ${s}`);
  }
  return { revision: SID_REVISION, authority, subAuthorities };
}

export type UnixId = { kind: 'uid'; id: number } | { kind: 'gid'; id: number };

/** S-1-22-1-N -> uid N, S-1-22-2-N -> gid N (Samba's Unix-ID SIDs); anything else -> undefined. */
export function sidToUnixId(sid: Sid): UnixId | undefined {
  if (sid.authority !== UNIX_USER_AUTHORITY_PREFIX[0] || sid.subAuthorities.length !== 2) return undefined;
  const [kind, id] = sid.subAuthorities;
  if (kind === UNIX_USER_AUTHORITY_PREFIX[1]) return { kind: 'uid', id };
  if (kind === UNIX_GROUP_AUTHORITY_PREFIX[1]) return { kind: 'gid', id };
  return undefined;
}

/** The SID Samba uses for a Unix uid or gid. */
export function unixIdToSid(id: UnixId): Sid {
  const prefix = id.kind === 'uid' ? UNIX_USER_AUTHORITY_PREFIX : UNIX_GROUP_AUTHORITY_PREFIX;
  return { revision: SID_REVISION, authority: prefix[0], subAuthorities: [prefix[1], id.id] };
}
