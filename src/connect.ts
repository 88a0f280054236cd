import { tcpConnector } from './transport/connector.js';
import { traceConnector } from './capture/tap.js';
import { FsError } from './vfs/errors.js';
import type { FileSystem } from './vfs/types.js';
import { parseUrl, redact, type NetfsUrl } from './vfs/url.js';
import { connectSmb2, smbShareAndPath } from './smb2/connect.js';
import type { Smb2ConnectOptions } from './smb2/options.js';
import { connectNfs4, nfsExportAndPath, type Nfs4ConnectOptions } from './nfs4/connect.js';

/** Options for connect(): the common ones, each protocol's, and tracing. */
export interface ConnectOptions extends Smb2ConnectOptions, Nfs4ConnectOptions {
  /** Record the session's TCP payload to this pcapng file. */
  trace?: string;
}

/** Where a URL points: the FileSystem's protocol, the path inside the share or export. */
export interface UrlTarget {
  url: NetfsUrl;
  /** Path inside the mounted share/export, POSIX, starting with '/'. */
  path: string;
}

export function resolveUrl(url: string): UrlTarget {
  const u = parseUrl(url);
  switch (u.scheme) {
    case 'smb':
    case 'smb2':
    case 'smb3':
    case 'cifs':
      return { url: u, path: smbShareAndPath(u).path };
    case 'nfs':
    case 'nfs4':
      return { url: u, path: nfsExportAndPath(u).path };
    default:
      throw new FsError('EPROTONOSUPPORT', `unsupported URL scheme '${u.scheme}:' in '${redact(url)}' (netfs speaks smb:// and nfs://)`);
  }
}

/** Connects to the share or export a URL names and returns a FileSystem rooted there. */
export async function connect(url: string, options: ConnectOptions = {}): Promise<FileSystem> {
  const target = resolveUrl(url);
  const traced = options.trace ? traceConnector(options.connector ?? tcpConnector, options.trace) : undefined;
  let fs: FileSystem;
  try {
    const o = { ...options, ...(traced ? { connector: traced } : {}) };
    fs = target.url.scheme.startsWith('nfs') ? await connectNfs4(target.url, o) : await connectSmb2(target.url, o);
  } catch (e) {
    await traced?.close().catch(() => undefined);
    throw e;
  }
  if (traced) {
    const close = fs.close.bind(fs);
    fs.close = async () => {
      try {
        await close();
      } finally {
        await traced.close();
      }
    };
  }
  return fs;
}
