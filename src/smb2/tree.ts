import { FsError } from '../vfs/errors.js';
import type { SendOptions, Smb2Connection, Smb2Request, Smb2Response } from './connection.js';
import { sessionSecurity, type Session } from './session.js';
import { Smb2Command, Smb2ShareFlags } from './protocol/constants.js';
import { decodeTreeConnectResponse, encodeTreeConnectRequest } from './protocol/tree-connect.js';
import { encodeEmptyBody } from './protocol/simple.js';
import type { MessageSecurity } from './security.js';
import { statusError } from './status.js';

/** A connected share (MS-SMB2 3.2.1.4): requests on it carry its TreeId and its session's protection. */
export class Smb2Tree {
  private readonly security: MessageSecurity;

  constructor(
    readonly conn: Smb2Connection,
    readonly session: Session,
    readonly treeId: number,
    readonly share: string,
    readonly encrypts: boolean,
    readonly shareFlags: number,
  ) {
    this.security = sessionSecurity(session, encrypts);
  }

  /** Sends requests as one compound; resolves with every element's response, whatever its status. */
  compound(reqs: Smb2Request[], opts: Omit<SendOptions, 'security'> = {}): Promise<Smb2Response[]> {
    const withIds = reqs.map((r) => ({ ...r, treeId: this.treeId, sessionId: this.session.id }));
    return this.conn.sendCompound(withIds, { ...opts, security: this.security });
  }

  send(req: Smb2Request, opts: Omit<SendOptions, 'security'> = {}): Promise<Smb2Response> {
    return this.compound([req], opts).then((r) => r[0]);
  }

  async disconnect(): Promise<void> {
    await this.send({ command: Smb2Command.TREE_DISCONNECT, body: encodeEmptyBody }).catch(() => undefined);
  }
}

/** TREE_CONNECT to \\host\share (MS-SMB2 3.2.4.2.4). */
export async function treeConnect(conn: Smb2Connection, session: Session, host: string, share: string, signal?: AbortSignal): Promise<Smb2Tree> {
  const path = `\\\\${host}\\${share}`;
  const res = await conn.send(
    { command: Smb2Command.TREE_CONNECT, sessionId: session.id, body: (w) => encodeTreeConnectRequest(w, { flags: 0, path }) },
    { signal, security: sessionSecurity(session, false, session.dialect === 0x0311) },
  );
  if (res.header.status !== 0) {
    const e = statusError(res.header.status, { syscall: 'tree connect', path: `//${host}/${share}` });
    if (e.code === 'ENOENT') throw new FsError('ENOENT', `no share named '${share}' on ${host}`, { syscall: 'tree connect', path: share, protocol: 'smb2', status: e.status, statusCode: e.statusCode });
    throw e;
  }
  const t = decodeTreeConnectResponse(res.reader.seek(64));
  const encrypts = (t.shareFlags & Smb2ShareFlags.ENCRYPT_DATA) !== 0;
  if (encrypts && (!session.encryptionKey || session.cipher === undefined)) {
    throw new FsError('EACCES', `share '${share}' requires encryption, which needs SMB 3.x and an authenticated session`, { syscall: 'tree connect', path: share });
  }
  return new Smb2Tree(conn, session, res.header.treeId ?? 0, share, encrypts, t.shareFlags);
}
