import { FsError, ProtocolError } from '../vfs/errors.js';
import type { Entropy } from '../transport/entropy.js';
import type { Smb2Connection } from './connection.js';
import { Smb2Capabilities, Smb2Command, Smb2SecurityMode } from './protocol/constants.js';
import { decodeNegotiateResponse, encodeNegotiateRequest, type NegotiateResponse } from './protocol/negotiate.js';
import { EncryptionCipher, PreauthHashAlgorithm, SMB3_POSIX_GUID, SigningAlgorithm, type NegotiateContext } from './protocol/negotiate-contexts.js';
import { preauthInitial, preauthUpdate } from './crypto/preauth.js';
import { signingAlgorithmFor } from './crypto/signing.js';
import { statusError } from './status.js';
import { dialectName } from './options.js';

/** What NEGOTIATE settled for the connection (MS-SMB2 3.2.5.2). */
export interface Negotiated {
  dialect: number;
  serverSecurityMode: number;
  serverCapabilities: number;
  maxReadSize: number;
  maxWriteSize: number;
  maxTransactSize: number;
  /** The server's SPNEGO hint (NegTokenInit2), possibly empty. */
  securityBuffer: Buffer;
  /** 3.1.1: the cipher and signing algorithm from the negotiate contexts. */
  cipher: number | undefined;
  signingAlgorithm: number;
  posix: boolean;
  /** 3.1.1: the connection's preauth integrity hash after NEGOTIATE. */
  preauthHash: Buffer | undefined;
  clientGuid: Buffer;
  serverGuid: Buffer;
  /** What the client offered, for FSCTL_VALIDATE_NEGOTIATE_INFO (MS-SMB2 3.2.5.5). */
  offered: { capabilities: number; securityMode: number; dialects: number[] };
}

/** Ciphers in the order netfs prefers them: GCM is about twice as fast as CCM here (DESIGN.md). */
const CIPHERS = [EncryptionCipher.AES_128_GCM, EncryptionCipher.AES_128_CCM, EncryptionCipher.AES_256_GCM, EncryptionCipher.AES_256_CCM];
const SIGNING_ALGORITHMS = [SigningAlgorithm.AES_GMAC, SigningAlgorithm.AES_CMAC, SigningAlgorithm.HMAC_SHA256];

export interface NegotiateParams {
  dialects: number[];
  requireSigning: boolean;
  posix: boolean;
  entropy: Entropy;
  signal?: AbortSignal;
}

/** MS-SMB2 3.2.4.2.2.2: NEGOTIATE with contexts for 3.1.1. */
export async function negotiate(conn: Smb2Connection, p: NegotiateParams): Promise<Negotiated> {
  const clientGuid = p.entropy.randomBytes(16);
  const contexts: NegotiateContext[] = [];
  if (p.dialects.includes(0x0311)) {
    contexts.push({ type: 'PREAUTH_INTEGRITY_CAPABILITIES', hashAlgorithms: [PreauthHashAlgorithm.SHA_512], salt: p.entropy.randomBytes(32) });
    contexts.push({ type: 'ENCRYPTION_CAPABILITIES', ciphers: CIPHERS });
    contexts.push({ type: 'SIGNING_CAPABILITIES', signingAlgorithms: SIGNING_ALGORITHMS });
    if (p.posix) contexts.push({ type: 'POSIX_EXTENSIONS_AVAILABLE', data: SMB3_POSIX_GUID });
  }
  let sent: Buffer | undefined;
  const offered = {
    securityMode: Smb2SecurityMode.SIGNING_ENABLED | (p.requireSigning ? Smb2SecurityMode.SIGNING_REQUIRED : 0),
    capabilities: Smb2Capabilities.LARGE_MTU | Smb2Capabilities.ENCRYPTION,
    dialects: p.dialects,
  };
  const res = await conn.send(
    {
      command: Smb2Command.NEGOTIATE,
      body: (w) => encodeNegotiateRequest(w, { ...offered, clientGuid, negotiateContexts: contexts }),
    },
    { signal: p.signal, onSent: (m) => (sent = m) },
  );
  if (res.header.status !== 0) throw statusError(res.header.status, { syscall: 'negotiate' });
  const n: NegotiateResponse = decodeNegotiateResponse(res.reader.seek(64));
  if (!p.dialects.includes(n.dialectRevision)) {
    throw new FsError('EPROTONOSUPPORT', `server chose SMB dialect 0x${n.dialectRevision.toString(16)}, which was not offered (offered ${p.dialects.map(dialectName).join(', ')})`, { syscall: 'negotiate' });
  }
  let cipher: number | undefined;
  let signing: number | undefined;
  let posix = false;
  let preauthHash: Buffer | undefined;
  if (n.dialectRevision === 0x0311) {
    for (const c of n.negotiateContexts) {
      if (c.type === 'ENCRYPTION_CAPABILITIES') cipher = c.ciphers[0] || undefined;
      else if (c.type === 'SIGNING_CAPABILITIES') signing = c.signingAlgorithms[0];
      else if (c.type === 'POSIX_EXTENSIONS_AVAILABLE') posix = p.posix;
      else if (c.type === 'PREAUTH_INTEGRITY_CAPABILITIES' && !c.hashAlgorithms.includes(PreauthHashAlgorithm.SHA_512)) {
        throw new ProtocolError('server chose a preauth integrity hash other than SHA-512');
      }
    }
    preauthHash = preauthUpdate(preauthUpdate(preauthInitial(), sent as Buffer), res.raw);
  } else if (n.dialectRevision === 0x0300 || n.dialectRevision === 0x0302) {
    if (n.capabilities & Smb2Capabilities.ENCRYPTION) cipher = EncryptionCipher.AES_128_CCM;
  }
  conn.multiCredit = n.dialectRevision >= 0x0210 && (n.capabilities & Smb2Capabilities.LARGE_MTU) !== 0;
  return {
    dialect: n.dialectRevision,
    serverSecurityMode: n.securityMode,
    serverCapabilities: n.capabilities,
    maxReadSize: n.maxReadSize,
    maxWriteSize: n.maxWriteSize,
    maxTransactSize: n.maxTransactSize,
    securityBuffer: n.securityBuffer,
    cipher,
    signingAlgorithm: signingAlgorithmFor(n.dialectRevision, signing),
    posix,
    preauthHash,
    clientGuid,
    serverGuid: Buffer.from(n.serverGuid),
    offered,
  };
}
