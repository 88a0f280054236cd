import { FsError, ProtocolError } from '../vfs/errors.js';
import type { Entropy } from '../transport/entropy.js';
import { ntlmAuthenticate, ntlmNegotiate, NtlmSessionSecurity } from '../smb-common/ntlmssp/index.js';
import { decodeNegTokenResp, encodeMechTypeList, encodeNegTokenInit, encodeNegTokenResp, OID_NTLMSSP } from '../smb-common/spnego/index.js';
import { STATUS } from '../smb-common/ntstatus.js';
import type { Smb2Connection, Smb2Response } from './connection.js';
import type { Negotiated } from './negotiate.js';
import { Smb2Command, Smb2SecurityMode } from './protocol/constants.js';
import { decodeSessionSetupResponse, encodeSessionSetupRequest, SessionFlags } from './protocol/session-setup.js';
import { preauthUpdate } from './crypto/preauth.js';
import { deriveSessionKeys } from './crypto/keys.js';
import { verifyMessage } from './crypto/signing.js';
import type { MessageSecurity } from './security.js';
import { statusError } from './status.js';

export interface Credentials {
  user: string;
  domain: string;
  password: string;
  /** Null session: no user, no password (MS-NLMP 3.2.5.1.2). */
  anonymous: boolean;
}

/** An authenticated session (MS-SMB2 3.2.1.3) and what protects its messages. */
export interface Session {
  id: bigint;
  guest: boolean;
  /** Every request signed, every response checked. */
  signing: boolean;
  /** Every message encrypted (the server or the user asked for it). */
  encrypt: boolean;
  /** The session has keys (it is not guest or anonymous). */
  keyed: boolean;
  dialect: number;
  signingAlgorithm: number;
  signingKey: Buffer;
  encryptionKey: Buffer | null;
  cipher: number | undefined;
}

/**
 * The protection for a message of this session, on a tree that may itself require
 * encryption. `mustSign` is for messages MS-SMB2 3.2.4.1.1 has signed whatever the
 * session's setting: TREE_CONNECT on a 3.1.1 session with keys.
 */
export function sessionSecurity(s: Session, treeEncrypts = false, mustSign = false): MessageSecurity {
  if ((s.encrypt || treeEncrypts) && s.encryptionKey && s.cipher !== undefined) {
    return { encrypt: { cipher: s.cipher, key: s.encryptionKey, sessionId: s.id } };
  }
  return s.signing || (mustSign && s.keyed) ? { sign: { algorithm: s.signingAlgorithm, key: s.signingKey } } : {};
}

export interface SessionParams {
  creds: Credentials;
  requireSigning: boolean;
  requireEncryption: boolean;
  entropy: Entropy;
  signal?: AbortSignal;
}

/** SESSION_SETUP with NTLMv2 in SPNEGO (MS-SMB2 3.2.4.2.3, 3.2.5.3), keys derived per dialect. */
export async function sessionSetup(conn: Smb2Connection, neg: Negotiated, p: SessionParams): Promise<Session> {
  let preauth = neg.preauthHash;
  let sessionId = 0n;
  const round = async (token: Buffer): Promise<Smb2Response> => {
    let sent: Buffer | undefined;
    const res = await conn.send(
      {
        command: Smb2Command.SESSION_SETUP,
        sessionId,
        body: (w) =>
          encodeSessionSetupRequest(w, {
            flags: 0,
            securityMode: Smb2SecurityMode.SIGNING_ENABLED | (p.requireSigning ? Smb2SecurityMode.SIGNING_REQUIRED : 0),
            capabilities: 0,
            channel: 0,
            securityBuffer: token,
            previousSessionId: 0n,
          }),
      },
      { signal: p.signal, onSent: (m) => (sent = m) },
    );
    if (preauth) preauth = preauthUpdate(preauth, sent as Buffer);
    return res;
  };
  const who = p.creds.anonymous ? '(anonymous)' : `${p.creds.domain ? p.creds.domain + '\\' : ''}${p.creds.user}`;
  const fail = (status: number) => {
    const e = statusError(status, { syscall: 'login', path: who });
    if (status !== STATUS.LOGON_FAILURE) return e;
    return new FsError('EACCES', 'logon failure: wrong user name or password', { syscall: 'login', path: who, protocol: 'smb2', status: e.status, statusCode: e.statusCode });
  };

  const negotiateMsg = ntlmNegotiate();
  const first = await round(encodeNegTokenInit({ mechTypes: [OID_NTLMSSP], mechToken: negotiateMsg }));
  if (first.header.status !== STATUS.MORE_PROCESSING_REQUIRED) throw fail(first.header.status);
  sessionId = first.header.sessionId;
  if (preauth) preauth = preauthUpdate(preauth, first.raw);
  const challengeResp = decodeNegTokenResp(decodeSessionSetupResponse(first.reader.seek(64)).securityBuffer);
  if (!challengeResp.responseToken) throw new ProtocolError('SESSION_SETUP: the server sent no NTLM challenge');

  const auth = await ntlmAuthenticate({
    user: p.creds.anonymous ? '' : p.creds.user,
    domain: p.creds.anonymous ? '' : p.creds.domain,
    password: p.creds.password,
    negotiateMsg,
    challengeMsg: challengeResp.responseToken,
    entropy: p.entropy,
    anonymous: p.creds.anonymous,
  });
  // MS-SPNG 3.1.5.1: with a MIC in the AUTHENTICATE message, the mechListMIC proves the mechanism list.
  const ntlmSec = auth.mic ? new NtlmSessionSecurity(auth.sessionKey, auth.flags) : undefined;
  const mechListMIC = ntlmSec?.sign(encodeMechTypeList([OID_NTLMSSP]));
  const last = await round(encodeNegTokenResp({ responseToken: auth.message, ...(mechListMIC ? { mechListMIC } : {}) }));
  if (last.header.status !== 0) throw fail(last.header.status);
  const setup = decodeSessionSetupResponse(last.reader.seek(64));
  const guest = (setup.sessionFlags & (SessionFlags.SMB2_SESSION_FLAG_IS_GUEST | SessionFlags.SMB2_SESSION_FLAG_IS_NULL)) !== 0 || p.creds.anonymous;
  if (setup.securityBuffer.length && ntlmSec) {
    const resp = decodeNegTokenResp(setup.securityBuffer);
    if (resp.mechListMIC && !ntlmSec.verify(encodeMechTypeList([OID_NTLMSSP]), resp.mechListMIC)) {
      throw new ProtocolError('SESSION_SETUP: the server\'s SPNEGO mechListMIC does not verify');
    }
  }

  const hasKey = auth.sessionKey.length > 0 && !guest;
  const keys = hasKey ? deriveSessionKeys({ dialect: neg.dialect, sessionKey: auth.sessionKey, preauthHash: preauth, cipher: neg.cipher }) : undefined;
  const serverRequires = (neg.serverSecurityMode & Smb2SecurityMode.SIGNING_REQUIRED) !== 0;
  const encrypt = (setup.sessionFlags & SessionFlags.SMB2_SESSION_FLAG_ENCRYPT_DATA) !== 0 || p.requireEncryption;
  if (p.requireEncryption && (!keys?.encryptionKey || neg.cipher === undefined)) {
    throw new FsError('EPROTONOSUPPORT', guest ? 'encryption needs an authenticated (not guest) session' : 'the server offers no encryption for this dialect (needs SMB 3.x)', { syscall: 'login' });
  }
  if ((p.requireSigning || serverRequires) && !keys) {
    throw new FsError('EACCES', 'signing is required but a guest or anonymous session has no signing key', { syscall: 'login' });
  }
  const session: Session = {
    id: sessionId,
    guest,
    signing: keys !== undefined && (p.requireSigning || serverRequires),
    encrypt: encrypt && keys?.encryptionKey != null,
    keyed: keys !== undefined,
    dialect: neg.dialect,
    signingAlgorithm: neg.signingAlgorithm,
    signingKey: keys?.signingKey ?? Buffer.alloc(16),
    encryptionKey: keys?.encryptionKey ?? null,
    cipher: neg.cipher,
  };
  // MS-SMB2 3.2.5.3.1: the final SESSION_SETUP response of an SMB 3.x session is signed with the new key.
  if (keys && last.header.flags & 0x8 && !verifyMessage(neg.signingAlgorithm, keys.signingKey, last.raw)) {
    throw new ProtocolError('SESSION_SETUP: the server\'s signature does not verify (wrong key derivation or tampering)');
  }
  if (keys) {
    conn.registerSession(sessionId, {
      signAlgorithm: neg.signingAlgorithm,
      signingKey: keys.signingKey,
      requireSigned: session.signing && !session.encrypt,
      cipher: neg.cipher,
      decryptionKey: keys.decryptionKey ?? undefined,
    });
  }
  return session;
}
