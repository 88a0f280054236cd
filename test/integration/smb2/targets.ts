import { connect, type ConnectOptions } from '../../../src/connect.js';
import type { ConformanceTarget } from '../../../src/vfs/conformance/index.js';
import { rmrf } from '../../../src/vfs/index.js';
import type { FileSystem } from '../../../src/vfs/types.js';
import { samba } from '../../servers/env.js';

/** A URL to a share of the test Samba: `share` on the main instance unless told otherwise. */
export function smbUrl(opts: { share?: 'plain' | 'encrypted' | 'guest'; signed?: boolean; path?: string; query?: string; password?: string | null } = {}): string {
  const s = samba();
  const port = opts.signed ? s.signedPort : s.port;
  const share = s.shares[opts.share ?? 'plain'].name;
  const pw = opts.password === null ? '' : `:${encodeURIComponent(opts.password ?? s.password)}`;
  return `smb://${s.domain};${s.user}${pw}@${s.host}:${port}/${share}${opts.path ?? ''}${opts.query ? '?' + opts.query : ''}`;
}

export function connectTo(opts: Parameters<typeof smbUrl>[0] = {}, options: ConnectOptions = {}): Promise<FileSystem> {
  return connect(smbUrl(opts), options);
}

/** A fresh directory for one test file, removed by the returned teardown. */
export async function scratchDir(fs: FileSystem, name: string): Promise<string> {
  const dir = `/${name}-${process.pid}-${Date.now()}`;
  await fs.mkdir(dir);
  return dir;
}

/** The conformance suite's target: fs and a fresh directory in it, both gone after teardown. */
export async function scratchTarget(fs: FileSystem, name: string): Promise<ConformanceTarget> {
  const root = await scratchDir(fs, name);
  return {
    fs,
    root,
    teardown: async () => {
      await rmrf(fs, root).catch(() => undefined);
      await fs.close();
    },
  };
}
