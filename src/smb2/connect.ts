import { FsError } from '../vfs/errors.js';
import { flagParam, type NetfsUrl } from '../vfs/url.js';
import { splitPath } from '../vfs/path.js';
import { tcpConnector } from '../transport/connector.js';
import { systemEntropy } from '../transport/entropy.js';
import { Smb2Connection } from './connection.js';
import { negotiate } from './negotiate.js';
import { sessionSetup, type Credentials } from './session.js';
import { treeConnect } from './tree.js';
import { Smb2FileSystem } from './client.js';
import { Smb2Command } from './protocol/constants.js';
import { encodeEmptyBody } from './protocol/simple.js';
import { ALL_DIALECTS, DIALECT_BY_NAME, type Smb2ConnectOptions } from './options.js';

export const SMB_DEFAULT_PORT = 445;
const DEFAULT_TIMEOUT_MS = 30_000;

/** The share and the path inside it: smb://host/share/dir/file -> share 'share', path '/dir/file'. */
export function smbShareAndPath(u: NetfsUrl): { share: string; path: string } {
  const parts = splitPath(u.path);
  if (parts.length === 0) throw new FsError('EINVAL', `no share in the URL (expected smb://host/share[/path])`);
  return { share: parts[0], path: '/' + parts.slice(1).join('/') };
}

function dialects(u: NetfsUrl, o: Smb2ConnectOptions): number[] {
  const name = o.smb?.dialect ?? u.params.get('vers') ?? u.params.get('version');
  if (name === undefined) return ALL_DIALECTS;
  const d = DIALECT_BY_NAME[name];
  if (d === undefined) throw new FsError('EINVAL', `unknown SMB dialect '${name}' (use 2.0.2, 2.1, 3.0, 3.0.2 or 3.1.1)`);
  return [d];
}

/** Connects, negotiates, logs on and connects the share a URL names (MS-SMB2 3.2.4.2). */
export async function connectSmb2(u: NetfsUrl, o: Smb2ConnectOptions = {}): Promise<Smb2FileSystem> {
  const { share } = smbShareAndPath(u);
  const port = u.port ?? SMB_DEFAULT_PORT;
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const entropy = o.entropy ?? systemEntropy;
  const sign = o.smb?.sign ?? flagParam(u.params, 'sign') ?? false;
  const seal = o.smb?.seal ?? flagParam(u.params, 'seal') ?? false;
  const posix = o.smb?.posix ?? flagParam(u.params, 'posix') ?? true;
  const guest = o.smb?.guest ?? flagParam(u.params, 'guest') ?? false;
  const offered = dialects(u, o);
  if (seal && !offered.some((d) => d >= 0x0300)) throw new FsError('EINVAL', 'encryption (seal) needs SMB 3.0 or later');

  const connector = o.connector ?? tcpConnector;
  const conn = await Smb2Connection.open(connector, { host: u.host, port, timeoutMs, entropy }, o.signal);
  try {
    const neg = await negotiate(conn, { dialects: offered, requireSigning: sign, posix, entropy, signal: o.signal });
    const creds: Credentials = {
      user: u.user ?? '',
      domain: u.domain ?? '',
      password: u.password ?? o.password ?? '',
      anonymous: guest || !u.user,
    };
    const session = await sessionSetup(conn, neg, { creds, requireSigning: sign, requireEncryption: seal, entropy, signal: o.signal });
    const tree = await treeConnect(conn, session, neg, u.host, share, o.signal);
    const defaults = {
      uid: o.uid ?? process.getuid?.() ?? 0,
      gid: o.gid ?? process.getgid?.() ?? 0,
      fileMode: o.fileMode ?? 0o644,
      dirMode: o.dirMode ?? 0o755,
    };
    return new Smb2FileSystem(tree, neg, defaults, async () => {
      await tree.disconnect();
      await conn.send({ command: Smb2Command.LOGOFF, sessionId: session.id, body: encodeEmptyBody }, { timeoutMs: 5000 }).catch(() => undefined);
      await conn.close();
    });
  } catch (e) {
    conn.fail(new FsError('ECONNABORTED', 'connection set-up failed'));
    throw e;
  }
}
