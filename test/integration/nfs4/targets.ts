import { connect, type ConnectOptions } from '../../../src/connect.js';
import type { FileSystem } from '../../../src/vfs/types.js';
import { ganesha } from '../../servers/env.js';

/** A URL to the test Ganesha's export (or a path below it). */
export function nfsUrl(opts: { version?: string; path?: string; query?: string } = {}): string {
  const g = ganesha();
  const q = [opts.version ? `version=${opts.version}` : '', opts.query ?? ''].filter(Boolean).join('&');
  return `nfs://${g.host}:${g.port}${g.exportPath}${opts.path ?? ''}${q ? '?' + q : ''}`;
}

export function connectNfs(opts: Parameters<typeof nfsUrl>[0] = {}, options: ConnectOptions = {}): Promise<FileSystem> {
  return connect(nfsUrl(opts), options);
}

export { scratchDir, scratchTarget } from '../smb2/targets.js';
