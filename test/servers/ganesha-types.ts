// What the nfs-ganesha fixture hands to tests (through vitest's provide/inject, so: plain JSON data).

/** The command line that (re)starts this ganesha.nfsd: restartGanesha() runs it again. */
export interface GaneshaCommand {
  readonly executable: string;
  readonly args: readonly string[];
  /** ganesha.nfsd's stdout and stderr (its own log goes to `logFile`). */
  readonly outputFile: string;
}

export interface GaneshaInfo {
  readonly host: string;
  /** NFS_Port: NFSv4 (minor versions 0, 1, 2) and NFSv3 alike. */
  readonly port: number;
  /** MNT_Port: the MOUNT protocol, which NFSv3 clients (nfs-cp `?version=3`) need. */
  readonly mountPort: number;
  /** The NFSv3 port: NFS_Port again (Ganesha serves both versions on one port); `nfsport=` in libnfs URLs. */
  readonly nfsV3Port: number;
  /** NLM_Port (NFSv3 locking). */
  readonly nlmPort: number;
  /** The export's Pseudo path, also its NFSv3 mount path (`mount_path_pseudo = true`). */
  readonly exportPath: string;
  /** The host directory behind the export (mode 0777: any AUTH_SYS identity may create in it). */
  readonly hostPath: string;
  /** NFSv4 lease lifetime in seconds (Lease_Lifetime). */
  readonly leaseSeconds: number;
  /** 0 when the server starts without a grace period (Graceless); else Grace_Period in seconds. */
  readonly graceSeconds: number;
  /** `ganesha.nfsd -v`, e.g. "NFS-Ganesha Release = V4.3". */
  readonly version: string;
  /** The temp directory holding the export, the config, the logs and the recovery state. */
  readonly root: string;
  readonly configFile: string;
  /** Ganesha's own log (`-L`, level NIV_EVENT). */
  readonly logFile: string;
  /** Written by ganesha.nfsd (`-p`): the pid of the instance running now, also after a restart. */
  readonly pidFile: string;
  readonly command: GaneshaCommand;
}

declare module 'vitest' {
  export interface ProvidedContext {
    ganesha: GaneshaInfo;
  }
}
