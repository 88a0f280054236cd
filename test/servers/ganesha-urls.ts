// nfs:// URLs for the Ganesha test server (no vitest import: start.ts uses it too).
import type { GaneshaInfo } from './ganesha-types.js';

type Endpoint = Pick<GaneshaInfo, 'host' | 'port' | 'exportPath'>;

/** netfs's own form (connect(), the CLI): nfs://host:port/export/path, NFSv4.1 unless ?version= says otherwise. */
export function nfsUrl(info: Endpoint, path = '', query = ''): string {
  return `nfs://${info.host}:${info.port}${info.exportPath}${path}${query === '' ? '' : `?${query}`}`;
}

/** libnfs's NFSv4 form (nfs-ls, nfs-cat, nfs-cp): the port as `nfsport=`; libnfs 4.0 speaks 4.0 only. */
export function libnfsV4Url(info: Endpoint, path = ''): string {
  return `nfs://${info.host}${info.exportPath}${path}?version=4&nfsport=${info.port}`;
}

/** libnfs's NFSv3 form: NFS and MOUNT ports given, so no portmapper lookup (nfs-cp writes through this). */
export function libnfsV3Url(info: Pick<GaneshaInfo, 'host' | 'nfsV3Port' | 'mountPort' | 'exportPath'>, path = ''): string {
  return `nfs://${info.host}${info.exportPath}${path}?version=3&nfsport=${info.nfsV3Port}&mountport=${info.mountPort}`;
}

/** What start.ts prints. */
export function describeGanesha(info: GaneshaInfo): string {
  return [
    `Ganesha: ${info.version} (NFSv4.0/4.1/4.2 and NFSv3, AUTH_SYS, no_root_squash)`,
    `  ${nfsUrl(info).padEnd(52)} ${info.hostPath}`,
    `  libnfs, NFSv4: ${libnfsV4Url(info)}`,
    `  libnfs, NFSv3: ${libnfsV3Url(info)}`,
    `  log: ${info.logFile}, config: ${info.configFile}`,
  ].join('\n');
}
