import type { AuthenticateMessage } from './authenticate.js';
import type { ChallengeMessage } from './challenge.js';
import { NegotiateFlags } from './constants.js';
import { NtlmError } from './errors.js';
import { computeNtlmv2Response, ntHash, ntowfv2 } from './ntlmv2.js';
import { rc4 } from './rc4.js';

// The server side of MS-NLMP 3.2.5.1.2 for a known password: recompute the NTLMv2 proof from a
// captured exchange and recover the ExportedSessionKey (to verify signatures, decrypt a capture).

export interface RecoverSessionKeyOptions {
  password?: string;
  ntHash?: Buffer;
  /** Defaults to the AUTHENTICATE_MESSAGE's UserName. */
  user?: string;
  /** Defaults to the AUTHENTICATE_MESSAGE's DomainName. */
  domain?: string;
  authenticate: AuthenticateMessage;
  challenge: ChallengeMessage;
}

/** The ExportedSessionKey of a captured NTLMv2 exchange; throws NtlmError when the password does not match. */
export async function recoverSessionKey(opts: RecoverSessionKeyOptions): Promise<Buffer> {
  const auth = opts.authenticate;
  const nt = auth.ntChallengeResponse;
  if (nt.length === 0) return Buffer.alloc(0); // anonymous: no session key
  if (nt.length <= 24) throw new NtlmError('NTLMv1 response: only NTLMv2 is supported');
  const hash = opts.ntHash ?? (await ntHash(opts.password ?? ''));
  const key = ntowfv2(hash, opts.user ?? auth.userName, opts.domain ?? auth.domainName);
  const proof = nt.subarray(0, 16);
  const v2 = computeNtlmv2Response(key, opts.challenge.serverChallenge, nt.subarray(16));
  if (!v2.ntProofStr.equals(proof)) throw new NtlmError('NTProofStr does not match: wrong password, user or domain');
  if (auth.flags & NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH && auth.encryptedRandomSessionKey.length === 16) {
    return rc4(v2.sessionBaseKey, auth.encryptedRandomSessionKey);
  }
  return v2.sessionBaseKey;
}
