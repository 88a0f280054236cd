import type { Entropy } from '../../transport/entropy.js';
import { nsToFiletime } from '../filetime.js';
import { encodeAvPairs, type AvPair } from './av-pairs.js';
import { encodeAuthenticateMessage } from './authenticate.js';
import { decodeChallengeMessage, type ChallengeMessage } from './challenge.js';
import { AvId, MsvAvFlags, NegotiateFlags } from './constants.js';
import { fillMic } from './mic.js';
import { decodeNegotiateMessage, encodeNegotiateMessage, type NegotiateOptions } from './negotiate.js';
import { computeNtlmv2Response, lmv2Response, ntHash, ntlmv2Temp, ntowfv2 } from './ntlmv2.js';
import { rc4 } from './rc4.js';
import { encodeUtf16le } from '../utf16.js';
import { DEFAULT_NTLM_VERSION, type NtlmVersion } from './version.js';

// MS-NLMP 3.1.5 client: NEGOTIATE_MESSAGE, then AUTHENTICATE_MESSAGE from the server's challenge.

/** The first message of the exchange (MS-NLMP 3.1.5.1.1). Keep the bytes: the MIC covers them. */
export function ntlmNegotiate(opts: NegotiateOptions = {}): Buffer {
  return encodeNegotiateMessage(opts);
}

export interface NtlmAuthenticateOptions {
  /** User name; '' with anonymous. */
  user: string;
  /** The user's domain (UserDom); used as given, not upper-cased. */
  domain: string;
  password?: string;
  /** NTOWFv1 (MD4 of the UTF-16LE password), instead of password. */
  ntHash?: Buffer;
  /** Sent in WorkstationFields; '' by default. */
  workstation?: string;
  /** The NEGOTIATE_MESSAGE exactly as sent. */
  negotiateMsg: Buffer;
  /** The CHALLENGE_MESSAGE exactly as received. */
  challengeMsg: Buffer;
  /** challengeMsg already decoded, to save decoding it twice. */
  challenge?: ChallengeMessage;
  /** Source of the client challenge (8 bytes, drawn first), the exported session key (16 bytes, next) and the time when the server sends none. */
  entropy: Entropy;
  /** Null session (MS-NLMP 3.2.5.1.2 anonymous): no response, no session key. */
  anonymous?: boolean;
  /** SPN for MsvAvTargetName, e.g. 'cifs/server.example'. */
  targetName?: string;
  /** MD5 of the channel bindings (MsvAvChannelBindings); all zeros when there are none. */
  channelBindings?: Buffer;
  version?: NtlmVersion;
  /** NegotiateFlags of the AUTHENTICATE_MESSAGE; default: the flags offered that the server also set. */
  flags?: number;
}

export interface NtlmAuthenticateResult {
  message: Buffer;
  /** The ExportedSessionKey (16 bytes) the SMB signing/encryption keys derive from; empty for anonymous. */
  sessionKey: Buffer;
  /** NegotiateFlags of the AUTHENTICATE_MESSAGE. */
  flags: number;
  /** True when a MIC was sent. */
  mic: boolean;
}

/** The client's AV pairs: the server's, with MsvAvFlags (MIC bit) merged in, channel bindings and SPN (MS-NLMP 3.1.5.1.2). */
function clientAvPairs(server: readonly AvPair[], withMic: boolean, opts: NtlmAuthenticateOptions): AvPair[] {
  const pairs: AvPair[] = [];
  let flags = 0;
  for (const p of server) {
    if (p.id === AvId.MsvAvFlags && p.value.length === 4) flags = p.value.readUInt32LE(0);
    else if (p.id !== AvId.MsvAvTargetName && p.id !== AvId.MsvAvChannelBindings) pairs.push(p);
  }
  if (withMic) flags |= MsvAvFlags.MIC_PRESENT;
  if (flags !== 0) {
    const v = Buffer.alloc(4);
    v.writeUInt32LE(flags >>> 0, 0);
    pairs.push({ id: AvId.MsvAvFlags, value: v });
  }
  if (withMic || opts.channelBindings) pairs.push({ id: AvId.MsvAvChannelBindings, value: opts.channelBindings ?? Buffer.alloc(16) });
  if (opts.targetName) pairs.push({ id: AvId.MsvAvTargetName, value: encodeUtf16le(opts.targetName) });
  return pairs;
}

async function responseKey(opts: NtlmAuthenticateOptions): Promise<Buffer> {
  const hash = opts.ntHash ?? (await ntHash(opts.password ?? ''));
  if (hash.length !== 16) throw new RangeError(`NT hash of ${hash.length} bytes`);
  return ntowfv2(hash, opts.user, opts.domain);
}

/** The AUTHENTICATE_MESSAGE for the server's challenge, with NTLMv2 and (when the server sent a timestamp) a MIC. */
export async function ntlmAuthenticate(opts: NtlmAuthenticateOptions): Promise<NtlmAuthenticateResult> {
  const challenge = opts.challenge ?? decodeChallengeMessage(opts.challengeMsg);
  const offered = decodeNegotiateMessage(opts.negotiateMsg).flags;
  let flags = (opts.flags ?? offered & challenge.flags) >>> 0;
  const base = {
    domainName: opts.anonymous ? '' : opts.domain,
    userName: opts.anonymous ? '' : opts.user,
    workstation: opts.workstation ?? '',
    version: opts.version ?? DEFAULT_NTLM_VERSION,
  };

  if (opts.anonymous) {
    // MS-NLMP 3.3.2: anonymous sends an empty NtChallengeResponse and LmChallengeResponse Z(1).
    flags = (flags | NegotiateFlags.NTLMSSP_ANONYMOUS) & ~NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH;
    const { message } = encodeAuthenticateMessage({
      ...base,
      flags: flags >>> 0,
      lmChallengeResponse: Buffer.alloc(1),
      ntChallengeResponse: Buffer.alloc(0),
      encryptedRandomSessionKey: Buffer.alloc(0),
      withMic: false,
    });
    return { message, sessionKey: Buffer.alloc(0), flags: flags >>> 0, mic: false };
  }

  const clientChallenge = opts.entropy.randomBytes(8);
  const serverTime = challenge.info.timestamp;
  const time = serverTime ?? nsToFiletime(opts.entropy.nowNs());
  const withMic = serverTime !== undefined;
  const key = await responseKey(opts);
  const temp = ntlmv2Temp(time, clientChallenge, encodeAvPairs(clientAvPairs(challenge.avPairs, withMic, opts)));
  const v2 = computeNtlmv2Response(key, challenge.serverChallenge, temp);
  // With MsvAvTimestamp the client SHOULD send Z(24) instead of the LMv2 response (MS-NLMP 3.1.5.1.2).
  const lm = withMic ? Buffer.alloc(24) : lmv2Response(key, challenge.serverChallenge, clientChallenge);

  const keyExchangeKey = v2.sessionBaseKey; // KXKEY for NTLMv2 (MS-NLMP 3.4.5.1)
  let sessionKey: Buffer = keyExchangeKey;
  let encryptedRandomSessionKey: Buffer = Buffer.alloc(0);
  if (flags & NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH) {
    sessionKey = opts.entropy.randomBytes(16);
    encryptedRandomSessionKey = rc4(keyExchangeKey, sessionKey);
  }

  const { message, micOffset } = encodeAuthenticateMessage({
    ...base,
    flags,
    lmChallengeResponse: lm,
    ntChallengeResponse: v2.ntChallengeResponse,
    encryptedRandomSessionKey,
    withMic,
  });
  if (micOffset !== undefined) fillMic(message, micOffset, sessionKey, opts.negotiateMsg, opts.challengeMsg);
  return { message, sessionKey, flags, mic: withMic };
}
