import type { CommonConnectOptions } from '../vfs/options.js';

/** What connectSmb2 needs; connect.ts fills it from the URL and the caller's options. */
export interface Smb2ConnectOptions extends CommonConnectOptions {
  smb?: {
    /** '2.0.2', '2.1', '3.0', '3.0.2' or '3.1.1'; default: the highest both sides speak. */
    dialect?: string;
    /** Require signing. */
    sign?: boolean;
    /** Require encryption (SMB 3.x). */
    seal?: boolean;
    /** Log on as guest/anonymous (no user in the URL means the same). */
    guest?: boolean;
    /** Offer the SMB3 POSIX extensions (default true). */
    posix?: boolean;
  };
}

/** Dialect names as users write them (and as Samba's `-m SMB3_11` does), to the DialectRevision. */
export const DIALECT_BY_NAME: Record<string, number> = {
  '2.0.2': 0x0202,
  '2.02': 0x0202,
  '2.1': 0x0210,
  '2.10': 0x0210,
  '3.0': 0x0300,
  '3': 0x0300,
  '3.0.2': 0x0302,
  '3.02': 0x0302,
  '3.1.1': 0x0311,
  '3.11': 0x0311,
};

export const ALL_DIALECTS = [0x0202, 0x0210, 0x0300, 0x0302, 0x0311];

export function dialectName(d: number): string {
  return `${d >> 8}.${(d >> 4) & 0xf}${d & 0xf ? '.' + (d & 0xf) : ''}`;
}
