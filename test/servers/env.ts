// What a test reads to reach the real servers started by global-setup.ts.
import { inject } from 'vitest';
import type { SambaInfo } from './samba-types.js';
import type { GaneshaInfo } from './ganesha-types.js';

export type { SambaInfo, SambaInstanceInfo, SambaShare, SambaShares } from './samba-types.js';
export type { GaneshaInfo } from './ganesha-types.js';
export { shareUrl } from './urls.js';

/** The Samba servers' coordinates: host, ports, credentials, shares and their host directories. */
export function samba(): SambaInfo {
  const info = inject('samba') as SambaInfo | undefined;
  if (info === undefined) {
    throw new Error('no Samba servers: vitest ran without test/servers/global-setup.ts starting them (NETFS_SERVERS=0?)');
  }
  return info;
}

/** The nfs-ganesha server's coordinates: host, NFS and MOUNT ports, export path and its host directory. */
export function ganesha(): GaneshaInfo {
  const info = inject('ganesha') as GaneshaInfo | undefined;
  if (info === undefined) {
    throw new Error('no Ganesha server: vitest ran without test/servers/global-setup.ts starting it (NETFS_SERVERS=0?)');
  }
  return info;
}
