// nfs://host[:port]/export/path[?version=4.1&uid=&gid=] -> an Nfs4FileSystem rooted at the
// export (the URL path's first component, as an SMB URL's share): client id (and session on
// 4.1+), then PUTROOTFH + LOOKUP of the export (RFC 8881 7.4: the server's pseudo filesystem
// leads to every export, so a deeper export is reached through it), then its attributes.
import { hostname } from 'node:os';
import { FsError } from '../errors.js';
import { encodeAuthSys } from '../rpc/auth.js';
import { tcpConnector } from '../transport/connector.js';
import { systemEntropy } from '../transport/entropy.js';
import type { CommonConnectOptions } from '../vfs/options.js';
import { splitPath } from '../vfs/path.js';
import type { NetfsUrl } from '../vfs/url.js';
import { attrMask, FATTR4 } from './attrs.js';
import { Nfs4Channel } from './channel.js';
import { Client40 } from './client40.js';
import { Nfs4FileSystem } from './client.js';
import { Compound } from './compound.js';
import { Op } from './constants.js';
import { IdMap } from './idmap.js';
import { encodeGetAttr } from './ops/attr.js';
import { encodeGetFh, encodeLookup, encodePutRootFh } from './ops/fh.js';
import { OwnerPool } from './owners.js';
import { readAttrsRes, readFhRes } from './results.js';
import { Session41 } from './session41.js';
import { NFS4ERR, runCompound } from './state.js';
import { NFS4_OK, nfsStatusError } from './status.js';

export const NFS_DEFAULT_PORT = 2049;
const DEFAULT_TIMEOUT_MS = 30_000;
/** The largest READ/WRITE netfs sends (as the Linux client's default rsize/wsize). */
const MAX_IO = 1024 * 1024;
/** What a COMPOUND's headers take beside the data of a READ or WRITE. */
const IO_OVERHEAD = 1024;

export interface Nfs4ConnectOptions extends CommonConnectOptions {
  nfs?: {
    /** '4.0', '4.1' (default) or '4.2'. */
    version?: string;
    /** AUTH_SYS identity (default: this process's uid and gid). */
    authUid?: number;
    authGid?: number;
    /** The NFSv4 idmap domain (default "localdomain"). */
    domain?: string;
  };
}

const MINOR: Record<string, 0 | 1 | 2> = { '4': 1, '4.0': 0, '4.1': 1, '4.2': 2 };

function numberParam(u: NetfsUrl, name: string): number | undefined {
  const v = u.params.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new FsError('EINVAL', `bad value '${v}' for URL option '${name}' (expected a number)`);
  return n;
}

function minorVersion(u: NetfsUrl, o: Nfs4ConnectOptions): 0 | 1 | 2 {
  const v = o.nfs?.version ?? u.params.get('version') ?? u.params.get('vers') ?? '4.1';
  const m = MINOR[v];
  if (m === undefined) throw new FsError('EINVAL', `unknown NFS version '${v}' (netfs speaks 4.0, 4.1 and 4.2)`);
  return m;
}

/** The export and the path inside it: nfs://host/export/dir/file -> export '/export', path '/dir/file'. */
export function nfsExportAndPath(u: NetfsUrl): { exportPath: string; path: string } {
  const parts = splitPath(u.path);
  return { exportPath: parts.length ? '/' + parts[0] : '/', path: '/' + parts.slice(1).join('/') };
}

export async function connectNfs4(u: NetfsUrl, o: Nfs4ConnectOptions = {}): Promise<Nfs4FileSystem> {
  const port = u.port ?? NFS_DEFAULT_PORT;
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const entropy = o.entropy ?? systemEntropy;
  const minor = minorVersion(u, o);
  const givenUid = o.nfs?.authUid ?? numberParam(u, 'uid');
  const givenGid = o.nfs?.authGid ?? numberParam(u, 'gid');
  const authUid = givenUid ?? process.getuid?.() ?? 0;
  const authGid = givenGid ?? process.getgid?.() ?? 0;
  // This process's supplementary groups go with its own identity (at most 16: RFC 5531 appendix A); a given identity has none.
  const gids = givenUid === undefined && givenGid === undefined ? (process.getgroups?.() ?? []).filter((g) => g !== authGid).slice(0, 16) : [];
  const machineName = hostname().slice(0, 255);
  const { exportPath } = nfsExportAndPath(u);
  const where = `nfs://${u.host}:${port}${exportPath}`;
  const channel = new Nfs4Channel({
    host: u.host,
    port,
    connector: o.connector ?? tcpConnector,
    entropy,
    timeoutMs,
    cred: encodeAuthSys({ stamp: Number(entropy.nowNs() / 1_000_000_000n) >>> 0, machineName, uid: authUid, gid: authGid, gids }),
  });
  // co_ownerid / nfs_client_id4: unique per client instance, stable across its reconnects.
  const ownerId = Buffer.concat([Buffer.from(`netfs/${machineName}/`), entropy.randomBytes(8)]);
  const state = minor === 0 ? new Client40({ channel, entropy, ownerId, timeoutMs }) : new Session41({ minorVersion: minor, channel, entropy, ownerId, timeoutMs });
  try {
    await establish(state, minor, where, o.signal);
    const c = new Compound('mount');
    c.add(Op.PUTROOTFH, encodePutRootFh);
    for (const p of splitPath(exportPath)) c.add(Op.LOOKUP, (w) => encodeLookup(w, p));
    const fh = c.res(Op.GETFH, encodeGetFh, readFhRes);
    const attrs = c.res(Op.GETATTR, (w) => encodeGetAttr(w, attrMask([FATTR4.SUPPORTED_ATTRS, FATTR4.TYPE, FATTR4.LEASE_TIME, FATTR4.MAXREAD, FATTR4.MAXWRITE])), readAttrsRes);
    const st = await runCompound(state, c, timeoutMs, { signal: o.signal });
    if (st.status !== NFS4_OK) {
      if (st.status === NFS4ERR.NOENT || st.status === NFS4ERR.NOTDIR) {
        throw new FsError('ENOENT', `no export '${exportPath}' on the NFS server ${u.host}:${port}`, { syscall: 'mount', path: exportPath, protocol: 'nfs4', statusCode: st.status, status: 'NFS4ERR_NOENT' });
      }
      throw nfsStatusError(st.status, { syscall: 'mount', path: exportPath });
    }
    const a = attrs.get();
    if (a.type !== 2) throw new FsError('ENOTDIR', `'${exportPath}' on ${u.host}:${port} is not a directory`, { syscall: 'mount', path: exportPath, protocol: 'nfs4' });
    if (a.leaseTime) state.lease.start(a.leaseTime);
    let ioSize = Math.min(MAX_IO, Number(a.maxread ?? BigInt(MAX_IO)), Number(a.maxwrite ?? BigInt(MAX_IO)));
    if (state instanceof Session41) ioSize = Math.min(ioSize, state.maxRequestSize - IO_OVERHEAD, state.maxResponseSize - IO_OVERHEAD);
    const owners = new OwnerPool(
      () => (state instanceof Client40 ? state.clientid : 0n),
      Buffer.concat([Buffer.from('open/'), entropy.randomBytes(4)]),
      minor === 0,
    );
    const idmap = new IdMap({ domain: o.nfs?.domain, defaultUid: o.uid ?? authUid, defaultGid: o.gid ?? authGid });
    const defaults = { uid: o.uid ?? authUid, gid: o.gid ?? authGid, fileMode: o.fileMode ?? 0o644, dirMode: o.dirMode ?? 0o755 };
    return new Nfs4FileSystem({ state, channel, rootFh: fh.get(), idmap, defaults, timeoutMs, ioSize: Math.max(4096, ioSize), owners, supported: a.supportedAttrs ?? [] });
  } catch (e) {
    await state.close().catch(() => undefined);
    await channel.close().catch(() => undefined);
    throw e;
  }
}

/** The client id (and session); a server without this minor version says so clearly. */
async function establish(state: Client40 | Session41, minor: number, where: string, signal?: AbortSignal): Promise<void> {
  try {
    await state.establish({ signal });
  } catch (e) {
    if (e instanceof FsError && e.statusCode === NFS4ERR.MINOR_VERS_MISMATCH) {
      throw new FsError('EPROTONOSUPPORT', `the server at ${where} does not speak NFSv4.${minor} (try ?version=4.0)`, { syscall: 'mount', protocol: 'nfs4', statusCode: e.statusCode, status: e.status });
    }
    throw e;
  }
}
