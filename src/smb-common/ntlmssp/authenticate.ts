import { Reader, Writer } from '../../wire/index.js';
import { decodeAvPairs, describeAvPairs } from './av-pairs.js';
import { MsvAvFlags, NegotiateFlags, NtlmMessageType, NTLMSSP_SIGNATURE } from './constants.js';
import { decodeNtlmString, encodeNtlmString, payloadOffsetAt, readPayloadField, reservePayloadField, writePayloadField } from './fields.js';
import { readSignature } from './signature.js';
import { decodeVersion, encodeVersion, ZERO_NTLM_VERSION, type NtlmVersion } from './version.js';

// MS-NLMP 2.2.1.3 AUTHENTICATE_MESSAGE: Signature (8), MessageType (4), LmChallengeResponseFields (8),
// NtChallengeResponseFields (8), DomainNameFields (8), UserNameFields (8), WorkstationFields (8),
// EncryptedRandomSessionKeyFields (8), NegotiateFlags (4), Version (8), MIC (16), Payload.

const VERSION_AT = 64;
export const MIC_OFFSET = 72;
const MIC_END = MIC_OFFSET + 16;
/** NTLMv2_RESPONSE: Response (16) then NTLMv2_CLIENT_CHALLENGE's fixed 28 bytes, then AvPairs (MS-NLMP 2.2.2.7-8). */
const NTLMV2_AVPAIRS_AT = 16 + 28;

export interface AuthenticateFields {
  flags: number;
  lmChallengeResponse: Buffer;
  ntChallengeResponse: Buffer;
  domainName: string;
  userName: string;
  workstation: string;
  encryptedRandomSessionKey: Buffer;
  /** Written when NTLMSSP_NEGOTIATE_VERSION is in flags (zeros otherwise, when a MIC follows). */
  version?: NtlmVersion;
  /** Leave room for a MIC (filled in later, see mic.ts). */
  withMic: boolean;
}

export interface AuthenticateMessage extends Omit<AuthenticateFields, 'withMic'> {
  mic?: Buffer;
  /** Where the MIC sits in raw, when present. */
  micOffset?: number;
  raw: Buffer;
}

/** Encodes the message; the payload is laid out domain, user, workstation, LM, NT, session key (as MS-NLMP 4.2.4.3). */
export function encodeAuthenticateMessage(f: AuthenticateFields): { message: Buffer; micOffset: number | undefined } {
  const unicode = (f.flags & NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE) !== 0;
  const w = new Writer(512);
  w.bytes(NTLMSSP_SIGNATURE).u32le(NtlmMessageType.AUTHENTICATE);
  const lm = reservePayloadField(w);
  const nt = reservePayloadField(w);
  const domain = reservePayloadField(w);
  const user = reservePayloadField(w);
  const workstation = reservePayloadField(w);
  const key = reservePayloadField(w);
  w.u32le(f.flags);
  const withVersion = (f.flags & NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION) !== 0;
  if (withVersion || f.withMic) encodeVersion(w, withVersion ? (f.version ?? ZERO_NTLM_VERSION) : ZERO_NTLM_VERSION);
  if (f.withMic) w.zeros(16);
  writePayloadField(w, domain, encodeNtlmString(f.domainName, unicode));
  writePayloadField(w, user, encodeNtlmString(f.userName, unicode));
  writePayloadField(w, workstation, encodeNtlmString(f.workstation, unicode));
  writePayloadField(w, lm, f.lmChallengeResponse);
  writePayloadField(w, nt, f.ntChallengeResponse);
  writePayloadField(w, key, f.encryptedRandomSessionKey);
  return { message: w.finish(), micOffset: f.withMic ? MIC_OFFSET : undefined };
}

/** True when an NTLMv2 response's AV pairs say a MIC was sent (MsvAvFlags bit 0x2). */
function ntlmv2ClaimsMic(ntResponse: Buffer): boolean {
  if (ntResponse.length <= NTLMV2_AVPAIRS_AT) return false;
  const flags = describeAvPairs(decodeAvPairs(ntResponse.subarray(NTLMV2_AVPAIRS_AT))).flags ?? 0;
  return (flags & MsvAvFlags.MIC_PRESENT) !== 0;
}

export function decodeAuthenticateMessage(buf: Buffer): AuthenticateMessage {
  const msg = new Reader(buf);
  readSignature(msg, NtlmMessageType.AUTHENTICATE);
  const headers = msg.sub(48);
  const flags = msg.u32le();
  const unicode = (flags & NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE) !== 0;
  const lmChallengeResponse = readPayloadField(headers, msg);
  const ntChallengeResponse = readPayloadField(headers, msg);
  const domainName = decodeNtlmString(readPayloadField(headers, msg), unicode, msg);
  const userName = decodeNtlmString(readPayloadField(headers, msg), unicode, msg);
  const workstation = decodeNtlmString(readPayloadField(headers, msg), unicode, msg);
  const encryptedRandomSessionKey = readPayloadField(headers, msg);
  const out: AuthenticateMessage = {
    flags,
    lmChallengeResponse,
    ntChallengeResponse,
    domainName,
    userName,
    workstation,
    encryptedRandomSessionKey,
    raw: buf,
  };
  // The optional Version and MIC fields exist only if the payload starts after them.
  let firstPayload = buf.length;
  for (let pos = 12; pos < 60; pos += 8) firstPayload = Math.min(firstPayload, payloadOffsetAt(msg, pos) ?? buf.length);
  if (flags & NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION && firstPayload >= VERSION_AT + 8) {
    out.version = decodeVersion(msg.at(VERSION_AT, 8));
  }
  if (firstPayload >= MIC_END && ntlmv2ClaimsMic(ntChallengeResponse)) {
    out.mic = msg.slice(MIC_OFFSET, 16);
    out.micOffset = MIC_OFFSET;
  }
  return out;
}
