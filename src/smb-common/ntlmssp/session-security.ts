import { NegotiateFlags } from './constants.js';
import { NtlmError } from './errors.js';
import { hmacMd5, md5 } from './ntlmv2.js';
import { Rc4 } from './rc4.js';

// MS-NLMP 3.4 session security with extended session security (NTLMv2): the SIGNKEY / SEALKEY
// derivations (3.4.5.2-3.4.5.3) and GSS_GetMIC signatures (3.4.4.2). SMB itself never signs or
// seals with NTLMSSP; SPNEGO does, for its mechListMIC (MS-SPNG 3.1.5.1): Samba requires one
// from a client whose AUTHENTICATE_MESSAGE carried a MIC.

const MAGIC = {
  clientSign: 'session key to client-to-server signing key magic constant\0',
  serverSign: 'session key to server-to-client signing key magic constant\0',
  clientSeal: 'session key to client-to-server sealing key magic constant\0',
  serverSeal: 'session key to server-to-client sealing key magic constant\0',
} as const;

/** NTLMSSP_MESSAGE_SIGNATURE Version (MS-NLMP 2.2.2.9.2). */
const SIGNATURE_VERSION = 1;

export type NtlmDirection = 'client' | 'server';

/** SIGNKEY (MS-NLMP 3.4.5.2), for messages sent by the given side. */
export function signKey(exportedSessionKey: Uint8Array, sender: NtlmDirection): Buffer {
  const magic = sender === 'client' ? MAGIC.clientSign : MAGIC.serverSign;
  return md5(Buffer.concat([exportedSessionKey, Buffer.from(magic, 'latin1')]));
}

/** SEALKEY (MS-NLMP 3.4.5.3) with extended session security: 128, 56 or 40 bits of the key, then MD5 with the magic. */
export function sealKey(exportedSessionKey: Uint8Array, flags: number, sender: NtlmDirection): Buffer {
  const keyBytes = flags & NegotiateFlags.NTLMSSP_NEGOTIATE_128 ? 16 : flags & NegotiateFlags.NTLMSSP_NEGOTIATE_56 ? 7 : 5;
  const magic = sender === 'client' ? MAGIC.clientSeal : MAGIC.serverSeal;
  return md5(Buffer.concat([exportedSessionKey.subarray(0, keyBytes), Buffer.from(magic, 'latin1')]));
}

/** NTLMSSP_MESSAGE_SIGNATURE for extended session security (MS-NLMP 2.2.2.9.2 / 3.4.4.2). */
export function ntlmSignature(signingKey: Uint8Array, sealing: Rc4 | undefined, seqNum: number, message: Uint8Array): Buffer {
  const seq = Buffer.alloc(4);
  seq.writeUInt32LE(seqNum >>> 0, 0);
  let checksum = hmacMd5(signingKey, seq, message).subarray(0, 8);
  if (sealing) checksum = sealing.update(checksum);
  const sig = Buffer.alloc(16);
  sig.writeUInt32LE(SIGNATURE_VERSION, 0);
  checksum.copy(sig, 4);
  seq.copy(sig, 12);
  return sig;
}

/**
 * The signing state of one NTLM session, both directions, after authentication. With
 * NTLMSSP_NEGOTIATE_KEY_EXCH the checksum is RC4-sealed with a per-direction handle that
 * persists across messages, so sign() and verify() must be called in message order.
 */
export class NtlmSessionSecurity {
  private readonly clientSignKey: Buffer;
  private readonly serverSignKey: Buffer;
  private readonly clientSeal: Rc4 | undefined;
  private readonly serverSeal: Rc4 | undefined;
  private sendSeq = 0;
  private recvSeq = 0;

  constructor(exportedSessionKey: Uint8Array, flags: number) {
    if (exportedSessionKey.length !== 16) throw new NtlmError('NTLM session security needs a 16-byte session key');
    if (!(flags & NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY)) throw new NtlmError('only extended session security is supported');
    this.clientSignKey = signKey(exportedSessionKey, 'client');
    this.serverSignKey = signKey(exportedSessionKey, 'server');
    const keyExch = (flags & NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH) !== 0;
    this.clientSeal = keyExch ? new Rc4(sealKey(exportedSessionKey, flags, 'client')) : undefined;
    this.serverSeal = keyExch ? new Rc4(sealKey(exportedSessionKey, flags, 'server')) : undefined;
  }

  /** GSS_GetMIC of a message the client sends. */
  sign(message: Uint8Array): Buffer {
    return ntlmSignature(this.clientSignKey, this.clientSeal, this.sendSeq++, message);
  }

  /** GSS_VerifyMIC of a message the server sent. */
  verify(message: Uint8Array, signature: Uint8Array): boolean {
    const expected = ntlmSignature(this.serverSignKey, this.serverSeal, this.recvSeq++, message);
    return signature.length === 16 && expected.equals(signature);
  }
}
