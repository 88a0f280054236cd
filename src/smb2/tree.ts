import { FsError, ProtocolError } from '../vfs/errors.js';
import type { Negotiated } from './negotiate.js';
import { FsctlCode, decodeValidateNegotiateInfoResponse, encodeValidateNegotiateInfoRequest } from './protocol/fsctl.js';
import { decodeIoctlResponse } from './protocol/ioctl.js';
import { ioctlRequest } from './requests.js';
import type { SendOptions, Smb2Connection, Smb2Request, Smb2Response } from './connection.js';
import { sessionSecurity, type Session } from './session.js';
import { Smb2Command, Smb2ShareFlags } from './protocol/constants.js';
import { decodeTreeConnectResponse, encodeTreeConnectRequest } from './protocol/tree-connect.js';
import { encodeEmptyBody } from './protocol/simple.js';
import type { MessageSecurity } from './security.js';
import { statusError } from './status.js';

/** The FileId of an IOCTL that targets no file (MS-SMB2 2.2.31). */
const ALL_ONES_FILE_ID = { persistent: 0xffffffffffffffffn, volatile: 0xffffffffffffffffn };

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
export async function treeConnect(conn: Smb2Connection, session: Session, neg: Negotiated, host: string, share: string, signal?: AbortSignal): Promise<Smb2Tree> {
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
  const tree = new Smb2Tree(conn, session, res.header.treeId ?? 0, share, encrypts, t.shareFlags);
  if ((neg.dialect === 0x0300 || neg.dialect === 0x0302) && session.keyed) await validateNegotiate(tree, neg, signal);
  return tree;
}

/**
 * FSCTL_VALIDATE_NEGOTIATE_INFO (MS-SMB2 3.2.4.2.4, 3.2.5.14.12): on SMB 3.0 and 3.0.2 the
 * client proves, in a signed exchange, that no one downgraded the NEGOTIATE in between.
 */
async function validateNegotiate(tree: Smb2Tree, neg: Negotiated, signal?: AbortSignal): Promise<void> {
  const input = encodeValidateNegotiateInfoRequest({ ...neg.offered, guid: neg.clientGuid });
  const res = await tree.conn.send(
    { ...ioctlRequest(ALL_ONES_FILE_ID, FsctlCode.FSCTL_VALIDATE_NEGOTIATE_INFO, input, 24), treeId: tree.treeId, sessionId: tree.session.id },
    { signal, security: sessionSecurity(tree.session, tree.encrypts, true) },
  );
  if (res.header.status !== 0) throw statusError(res.header.status, { syscall: 'validate negotiate' });
  const v = decodeValidateNegotiateInfoResponse(decodeIoctlResponse(res.reader.seek(64)).output);
  if (v.dialect !== neg.dialect || v.securityMode !== neg.serverSecurityMode || v.capabilities !== neg.serverCapabilities || !v.guid.equals(neg.serverGuid)) {
    tree.conn.fail(new ProtocolError('FSCTL_VALIDATE_NEGOTIATE_INFO does not match the NEGOTIATE: the connection may have been tampered with'));
    throw new ProtocolError('FSCTL_VALIDATE_NEGOTIATE_INFO does not match the NEGOTIATE: the connection may have been tampered with');
  }
}
