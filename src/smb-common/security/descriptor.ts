import { Writer } from '../../wire/index.js';
import { encodeSid, sidByteLength, type Sid } from './sid.js';

// MS-DTYP 2.4.6 SECURITY_DESCRIPTOR (self-relative), 2.4.5 ACL, 2.4.4.2 ACCESS_ALLOWED_ACE.

export const SecurityDescriptorControl = {
  SE_DACL_PRESENT: 0x0004,
  SE_SELF_RELATIVE: 0x8000,
} as const;

export const AceType = { ACCESS_ALLOWED_ACE_TYPE: 0x00, ACCESS_DENIED_ACE_TYPE: 0x01 } as const;

export interface Ace {
  type: number;
  flags: number;
  mask: number;
  sid: Sid;
}

export interface SecurityDescriptorInput {
  owner?: Sid;
  group?: Sid;
  /** A DACL with these ACEs (present when given, even empty). */
  dacl?: Ace[];
}

const SD_HEADER = 20;
const ACL_HEADER = 8;
const ACE_HEADER = 8; // AceType, AceFlags, AceSize, Mask
const ACL_REVISION = 2;

/** A self-relative security descriptor: header, owner, group, then the DACL. */
export function encodeSecurityDescriptor(sd: SecurityDescriptorInput): Buffer {
  const ownerLen = sd.owner ? sidByteLength(sd.owner) : 0;
  const groupLen = sd.group ? sidByteLength(sd.group) : 0;
  const aclLen = sd.dacl ? ACL_HEADER + sd.dacl.reduce((n, a) => n + ACE_HEADER + sidByteLength(a.sid), 0) : 0;
  const w = new Writer(SD_HEADER + ownerLen + groupLen + aclLen);
  const control = SecurityDescriptorControl.SE_SELF_RELATIVE | (sd.dacl ? SecurityDescriptorControl.SE_DACL_PRESENT : 0);
  w.u8(1).u8(0).u16le(control);
  w.u32le(sd.owner ? SD_HEADER : 0);
  w.u32le(sd.group ? SD_HEADER + ownerLen : 0);
  w.u32le(0); // no SACL
  w.u32le(sd.dacl ? SD_HEADER + ownerLen + groupLen : 0);
  if (sd.owner) encodeSid(w, sd.owner);
  if (sd.group) encodeSid(w, sd.group);
  if (sd.dacl) {
    w.u8(ACL_REVISION).u8(0).u16le(aclLen).u16le(sd.dacl.length).u16le(0);
    for (const a of sd.dacl) w.u8(a.type).u8(a.flags).u16le(ACE_HEADER + sidByteLength(a.sid)).u32le(a.mask).bytes(sidBytes(a.sid));
  }
  return w.finish();
}

function sidBytes(sid: Sid): Buffer {
  const w = new Writer(sidByteLength(sid));
  encodeSid(w, sid);
  return w.finish();
}

/** S-1-5-88-3-<mode>: the "NFS mode" SID that carries POSIX permission bits in an ACE (as Windows' NFS server and Samba use it). */
export function nfsModeSid(mode: number): Sid {
  return { revision: 1, authority: 5, subAuthorities: [88, 3, mode & 0o7777] };
}
