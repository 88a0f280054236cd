import { tcpConnector, type Connector } from './transport/connector.js';
import { traceConnector } from './capture/tap.js';
import type { Entropy } from './transport/entropy.js';
import { FsError } from './vfs/errors.js';
import type { FileSystem } from './vfs/types.js';
import { parseUrl, redact, type NetfsUrl } from './vfs/url.js';
import { connectSmb2, smbShareAndPath } from './smb2/connect.js';

/** Options every protocol understands; each protocol adds its own (see its connect). */
export interface ConnectOptions {
  /** Password when the URL has none. */
  password?: string;
  /** Per-request timeout in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Opens the byte stream; default TCP. Tests hand in a replay. */
  connector?: Connector;
  /** Record the session's TCP payload to this pcapng file. */
  trace?: string;
  /** Random and time inputs; default the system's. A seeded one makes a session reproducible. */
  entropy?: Entropy;
  signal?: AbortSignal;
  /** Owner, group and permission bits to report where the server has no Unix ones (as mount.cifs uid=, gid=, file_mode=, dir_mode=). */
  uid?: number;
  gid?: number;
  fileMode?: number;
  dirMode?: number;
  /** SMB: dialect ('2.0.2', '2.1', '3.0', '3.0.2', '3.1.1'), signing, encryption; read from the URL when absent. */
  smb?: {
    dialect?: string;
    sign?: boolean;
    seal?: boolean;
    guest?: boolean;
    posix?: boolean;
  };
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
    default:
      throw new FsError('EPROTONOSUPPORT', `unsupported URL scheme '${u.scheme}:' in '${redact(url)}' (netfs speaks smb:// today)`);
  }
}

/** Connects to the share or export a URL names and returns a FileSystem rooted there. */
export async function connect(url: string, options: ConnectOptions = {}): Promise<FileSystem> {
  const target = resolveUrl(url);
  const traced = options.trace ? traceConnector(options.connector ?? tcpConnector, options.trace) : undefined;
  let fs: FileSystem;
  try {
    fs = await connectSmb2(target.url, { ...options, ...(traced ? { connector: traced } : {}) });
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
