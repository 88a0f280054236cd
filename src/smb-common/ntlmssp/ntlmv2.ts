import { createHash, createHmac } from 'node:crypto';
import { md4 } from 'hash-wasm';
import { encodeUtf16le, upcaseUtf16 } from '../utf16.js';
import { NTLMV2_RESPONSE_VERSION } from './constants.js';

// MS-NLMP 3.3.2 NTLM v2 authentication, and the key functions of 3.4.5.

export function hmacMd5(key: Uint8Array, ...data: Uint8Array[]): Buffer {
  const h = createHmac('md5', key);
  for (const d of data) h.update(d);
  return h.digest();
}

export function md5(data: Uint8Array): Buffer {
  return createHash('md5').update(data).digest();
}

/** NTOWFv1 = MD4(UNICODE(Passwd)), the "NT hash" (MS-NLMP 3.3.1). MD4 comes from hash-wasm (OpenSSL 3 refuses it). */
export async function ntHash(password: string): Promise<Buffer> {
  return Buffer.from(await md4(encodeUtf16le(password)), 'hex');
}

/** NTOWFv2 = HMAC_MD5(NT hash, UNICODE(ConcatenationOf(Uppercase(User), UserDom))); also LMOWFv2. */
export function ntowfv2(ntHashValue: Uint8Array, user: string, domain: string): Buffer {
  return hmacMd5(ntHashValue, encodeUtf16le(upcaseUtf16(user) + domain));
}

/**
 * temp = ConcatenationOf(Responserversion, HiResponserversion, Z(6), Time, ClientChallenge, Z(4),
 * ServerName, Z(4)): the NTLMv2_CLIENT_CHALLENGE (MS-NLMP 2.2.2.7) plus 4 trailing zero bytes.
 * avPairs is ServerName: the encoded AV_PAIR list, MsvAvEOL included.
 */
export function ntlmv2Temp(time: bigint, clientChallenge: Uint8Array, avPairs: Uint8Array): Buffer {
  const head = Buffer.alloc(28);
  head[0] = NTLMV2_RESPONSE_VERSION;
  head[1] = NTLMV2_RESPONSE_VERSION;
  head.writeBigUInt64LE(time, 8);
  head.set(clientChallenge, 16);
  return Buffer.concat([head, avPairs, Buffer.alloc(4)]);
}

export interface Ntlmv2Response {
  ntProofStr: Buffer;
  /** NtChallengeResponse = NTProofStr || temp. */
  ntChallengeResponse: Buffer;
  /** SessionBaseKey = HMAC_MD5(ResponseKeyNT, NTProofStr); for NTLMv2 it is also the KeyExchangeKey (3.4.5.1). */
  sessionBaseKey: Buffer;
}

/** NTProofStr = HMAC_MD5(ResponseKeyNT, ConcatenationOf(CHALLENGE_MESSAGE.ServerChallenge, temp)). */
export function ntProofStr(responseKeyNT: Uint8Array, serverChallenge: Uint8Array, temp: Uint8Array): Buffer {
  return hmacMd5(responseKeyNT, serverChallenge, temp);
}

export function computeNtlmv2Response(responseKeyNT: Uint8Array, serverChallenge: Uint8Array, temp: Uint8Array): Ntlmv2Response {
  const proof = ntProofStr(responseKeyNT, serverChallenge, temp);
  return {
    ntProofStr: proof,
    ntChallengeResponse: Buffer.concat([proof, temp]),
    sessionBaseKey: hmacMd5(responseKeyNT, proof),
  };
}

/** LmChallengeResponse = HMAC_MD5(ResponseKeyLM, ServerChallenge || ClientChallenge) || ClientChallenge (24 bytes). */
export function lmv2Response(responseKeyLM: Uint8Array, serverChallenge: Uint8Array, clientChallenge: Uint8Array): Buffer {
  return Buffer.concat([hmacMd5(responseKeyLM, serverChallenge, clientChallenge), clientChallenge]);
}
