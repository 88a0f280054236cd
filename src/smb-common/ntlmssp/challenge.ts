import { Reader } from '../../wire/index.js';
import { decodeAvPairs, describeAvPairs, type AvPair, type TargetInfo } from './av-pairs.js';
import { NegotiateFlags, NtlmMessageType } from './constants.js';
import { decodeNtlmString, payloadOffsetAt, readPayloadField } from './fields.js';
import { readSignature } from './signature.js';
import { decodeVersion, type NtlmVersion } from './version.js';

// MS-NLMP 2.2.1.2 CHALLENGE_MESSAGE: Signature (8), MessageType (4), TargetNameFields (8),
// NegotiateFlags (4), ServerChallenge (8), Reserved (8), TargetInfoFields (8), Version (8), Payload.

const VERSION_AT = 48;

export interface ChallengeMessage {
  flags: number;
  serverChallenge: Buffer;
  targetName: string;
  /** The raw TargetInfo bytes (AV_PAIRs), copied into the NTLMv2 response. */
  targetInfo: Buffer;
  avPairs: AvPair[];
  info: TargetInfo;
  version?: NtlmVersion;
  /** The whole message as received (the MIC covers it). */
  raw: Buffer;
}

export function decodeChallengeMessage(buf: Buffer): ChallengeMessage {
  const msg = new Reader(buf);
  readSignature(msg, NtlmMessageType.CHALLENGE);
  const targetNameHeader = msg.sub(8);
  const flags = msg.u32le();
  const serverChallenge = msg.bytes(8);
  msg.skip(8); // Reserved
  const targetInfo = readPayloadField(msg, msg);
  const unicode = (flags & NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE) !== 0;
  const targetName = decodeNtlmString(readPayloadField(targetNameHeader, msg), unicode, msg);
  const avPairs = decodeAvPairs(targetInfo);
  const out: ChallengeMessage = {
    flags,
    serverChallenge,
    targetName,
    targetInfo,
    avPairs,
    info: describeAvPairs(avPairs),
    raw: buf,
  };
  if (flags & NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION && buf.length >= VERSION_AT + 8) {
    const firstPayload = Math.min(payloadOffsetAt(msg, 12) ?? buf.length, payloadOffsetAt(msg, 40) ?? buf.length);
    if (firstPayload >= VERSION_AT + 8) out.version = decodeVersion(msg.at(VERSION_AT, 8));
  }
  return out;
}
