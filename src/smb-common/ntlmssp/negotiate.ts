import { Reader, Writer } from '../../wire/index.js';
import { DEFAULT_CLIENT_FLAGS, NegotiateFlags, NTLMSSP_SIGNATURE, NtlmMessageType } from './constants.js';
import { decodeNtlmString, encodeNtlmString, payloadOffsetAt, readPayloadField, reservePayloadField, writePayloadField } from './fields.js';
import { decodeVersion, DEFAULT_NTLM_VERSION, encodeVersion, type NtlmVersion } from './version.js';
import { readSignature } from './signature.js';

// MS-NLMP 2.2.1.1 NEGOTIATE_MESSAGE: Signature (8), MessageType (4), NegotiateFlags (4),
// DomainNameFields (8), WorkstationFields (8), Version (8), Payload.

const HEADER = 32;

export interface NegotiateMessage {
  flags: number;
  /** OEM domain name, present with NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED. */
  domainName: string;
  /** OEM workstation name, present with NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED. */
  workstation: string;
  version?: NtlmVersion;
}

export interface NegotiateOptions {
  flags?: number;
  /** Sent (OEM-encoded) only when given; sets NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED. */
  domainName?: string;
  /** Sent (OEM-encoded) only when given; sets NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED. */
  workstation?: string;
  version?: NtlmVersion;
}

export function encodeNegotiateMessage(opts: NegotiateOptions = {}): Buffer {
  let flags = opts.flags ?? DEFAULT_CLIENT_FLAGS;
  if (opts.domainName) flags |= NegotiateFlags.NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED;
  if (opts.workstation) flags |= NegotiateFlags.NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED;
  const w = new Writer(64);
  w.bytes(NTLMSSP_SIGNATURE).u32le(NtlmMessageType.NEGOTIATE).u32le(flags);
  const domainSlot = reservePayloadField(w);
  const workstationSlot = reservePayloadField(w);
  if (flags & NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION) encodeVersion(w, opts.version ?? DEFAULT_NTLM_VERSION);
  writePayloadField(w, domainSlot, encodeNtlmString(opts.domainName ?? '', false));
  writePayloadField(w, workstationSlot, encodeNtlmString(opts.workstation ?? '', false));
  return w.finish();
}

export function decodeNegotiateMessage(buf: Buffer): NegotiateMessage {
  const msg = new Reader(buf);
  readSignature(msg, NtlmMessageType.NEGOTIATE);
  const flags = msg.u32le();
  const domainName = decodeNtlmString(readPayloadField(msg, msg), false, msg);
  const workstation = decodeNtlmString(readPayloadField(msg, msg), false, msg);
  const out: NegotiateMessage = { flags, domainName, workstation };
  if (flags & NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION && buf.length >= HEADER + 8) {
    const firstPayload = Math.min(payloadOffsetAt(msg, 16) ?? buf.length, payloadOffsetAt(msg, 24) ?? buf.length);
    if (firstPayload >= HEADER + 8) out.version = decodeVersion(msg.at(HEADER, 8));
  }
  return out;
}
