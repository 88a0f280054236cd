// What the Samba fixtures hand to tests (through vitest's provide/inject, so: plain JSON data).

/** One share: its SMB name and the host directory that backs it. */
export interface SambaShare {
  readonly name: string;
  readonly path: string;
}

/** The shares every instance exports. */
export interface SambaShares {
  /** `share`: read-write for the test user. */
  readonly plain: SambaShare;
  /** `enc`: `smb encrypt = required`. */
  readonly encrypted: SambaShare;
  /** `guest`: `guest ok`, reachable anonymously and by unknown users (map to guest = Bad User). */
  readonly guest: SambaShare;
}

export type SambaSigning = 'auto' | 'mandatory';

/** One running smbd. */
export interface SambaInstanceInfo {
  readonly port: number;
  /** `server signing`: the main instance signs on request, the signed instance always. */
  readonly signing: SambaSigning;
  /** Its smb.conf, for smbstatus / testparm `-s`. */
  readonly configFile: string;
  /** smbd's debug output (level 1). */
  readonly logFile: string;
  readonly shares: SambaShares;
}

export interface SambaInfo {
  readonly host: string;
  /** The main instance (`server signing = auto`). */
  readonly port: number;
  /** The instance with `server signing = mandatory` (signing is global in smb.conf, hence a second smbd). */
  readonly signedPort: number;
  readonly user: string;
  readonly password: string;
  readonly domain: string;
  /** Unix uid/gid of `user`: the owner of files it creates. */
  readonly uid: number;
  readonly gid: number;
  /** Shares of the main instance. */
  readonly shares: SambaShares;
  /** Shares of the signing-mandatory instance: same names, their own directories. */
  readonly signedShares: SambaShares;
  readonly instances: { readonly main: SambaInstanceInfo; readonly signed: SambaInstanceInfo };
  /** `smbd --version`, e.g. "Version 4.22.6-Debian-...". */
  readonly version: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    samba: SambaInfo;
  }
}
