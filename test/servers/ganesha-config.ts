// ganesha.conf for one test instance: loopback only, one VFS export, state kept in its temp dir.
// Reference: ganesha-core-config(8), ganesha-export-config(8), ganesha-vfs-config(8).

export interface GaneshaConfigInput {
  readonly host: string;
  readonly port: number;
  readonly mountPort: number;
  readonly nlmPort: number;
  /** Host directory behind the export. */
  readonly hostPath: string;
  /** Pseudo path of the export (NFSv4), also its NFSv3 mount path. */
  readonly exportPath: string;
  /** RecoveryRoot of the fs recovery backend: never /var/lib/nfs/ganesha. */
  readonly recoveryRoot: string;
  readonly leaseSeconds: number;
  /** 0: Graceless (no grace period at all); else Grace_Period. */
  readonly graceSeconds: number;
  /** Where libfsalvfs.so lives; undefined: Ganesha's compiled-in default. */
  readonly pluginsDir: string | undefined;
}

/** A config string value: Ganesha's parser takes double-quoted strings without escapes. */
function quoted(value: string): string {
  if (/["\n\\]/.test(value)) throw new Error(`cannot put ${JSON.stringify(value)} into ganesha.conf`);
  return `"${value}"`;
}

export function ganeshaConfig(c: GaneshaConfigInput): string {
  const lines = [
    'NFS_Core_Param {',
    `  Bind_addr = ${c.host};`,
    `  NFS_Port = ${c.port};`,
    `  MNT_Port = ${c.mountPort};`,
    `  NLM_Port = ${c.nlmPort};`,
    // NFSv3 is there for nfs-cp, the write anchor of the benchmark (libnfs cannot write > ~2 KB over v4).
    '  Protocols = 3, 4;',
    // TCP only: no UDP listeners to collide with; rquota would take port 875, shared by every instance.
    '  Enable_UDP = false;',
    '  Enable_RQUOTA = false;',
    // NFSv3 mounts use the Pseudo path too: one export path for every version.
    '  mount_path_pseudo = true;',
    ...(c.pluginsDir === undefined ? [] : [`  Plugins_Dir = ${quoted(c.pluginsDir)};`]),
    '}',
    'NFS_KRB5 { Active_krb5 = false; }',
    'NFSv4 {',
    '  Minor_Versions = 0, 1, 2;',
    `  Lease_Lifetime = ${c.leaseSeconds};`,
    // A fresh server otherwise answers NFS4ERR_GRACE to every OPEN for Grace_Period (rounded up
    // to the reaper's 5 s tick) even with no client to reclaim.
    c.graceSeconds === 0 ? '  Graceless = true;' : `  Graceless = false;\n  Grace_Period = ${c.graceSeconds};`,
    '  RecoveryBackend = fs;',
    `  RecoveryRoot = ${quoted(c.recoveryRoot)};`,
    '}',
    'EXPORT {',
    '  Export_Id = 1;',
    `  Path = ${quoted(c.hostPath)};`,
    `  Pseudo = ${quoted(c.exportPath)};`,
    '  Access_Type = RW;',
    '  Squash = No_Root_Squash;',
    '  SecType = sys;',
    '  Protocols = 3, 4;',
    '  Transports = TCP;',
    '  FSAL { Name = VFS; }',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}
