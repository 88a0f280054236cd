// Replays the reference captures through src/smb2/crypto: the NTLMv2 session keys are recovered
// from the password, the keys derived (3.1.1: from the preauth integrity hash of the exchange),
// then every signed SMB2 element must verify and every TRANSFORM message must decrypt.
// Counts cross-checked with tshark 4.0.17 (`-d tcp.port==4450,nbss -o ntlmssp.nt_password:secret`):
// SMB2 headers (smb2.cmd values, decrypted ones included), those with SMB2_FLAGS_SIGNED, and
// headers with ProtocolId 0xFD534D42.
import { describe, expect, it } from 'vitest';
import { framedMessages, loadCapture, tcpStreams, type FramedMessage } from '../../src/capture/index.js';
import { parseAuthenticate, parseChallenge, recoverSessionKey, NtlmMessageType, type AuthenticateMessage, type ChallengeMessage } from '../../src/smb-common/ntlmssp/index.js';
import { decodeSpnegoToken } from '../../src/smb-common/spnego/index.js';
import { deriveSessionKeys, type SessionKeys } from '../../src/smb2/crypto/keys.js';
import { preauthInitial, preauthUpdate } from '../../src/smb2/crypto/preauth.js';
import { signingAlgorithmFor, verifyMessage } from '../../src/smb2/crypto/signing.js';
import { decryptMessage } from '../../src/smb2/crypto/transform.js';
import {
  decodeNegotiateResponse,
  decodeSessionSetupRequest,
  decodeSessionSetupResponse,
  describeSmb2,
  readHeader,
  Smb2Command,
  Smb2HeaderFlags,
  SMB2_PROTOCOL_ID,
  splitCompound,
  TRANSFORM_PROTOCOL_ID,
  type Smb2Header,
} from '../../src/smb2/protocol/index.js';
import { NetbiosFramer } from '../../src/transport/netbios.js';
import { Reader } from '../../src/wire/index.js';
import { CAPTURES_DIR } from '../support/shared.js';

const CAPTURES = `${CAPTURES_DIR}reference/`;
const PASSWORD = 'secret';
const USER = 'tester';
const DOMAIN = 'WORKGROUP';
const STATUS_SUCCESS = 0;

/** What one connection negotiated (MS-SMB2 3.2.5.2). */
interface Negotiated {
  dialect: number;
  cipher?: number;
  signingAlgorithm?: number;
  /** Connection.PreauthIntegrityHashValue after NEGOTIATE request and response. */
  preauth: Buffer;
}

/** One session being set up: its NTLMSSP messages and its preauth hash so far. */
interface PendingSession {
  preauth: Buffer;
  challenge?: ChallengeMessage;
  authenticate?: AuthenticateMessage;
}

interface Session {
  keys: SessionKeys;
  signingAlgorithm: number;
  cipher?: number;
}

const protocolIdOf = (data: Buffer): number => new Reader(data).u32le();
const headerOf = (data: Buffer): Smb2Header => readHeader(new Reader(data));

function messagesOf(file: string): FramedMessage[] {
  return framedMessages(tcpStreams(loadCapture(CAPTURES + file)), (onMessage) => new NetbiosFramer(onMessage));
}

/** The NTLMSSP message inside a SESSION_SETUP security buffer (SPNEGO mechToken or responseToken). */
function ntlmTokenOf(securityBuffer: Buffer): Buffer | undefined {
  if (securityBuffer.length === 0) return undefined;
  const spnego = decodeSpnegoToken(securityBuffer);
  return spnego.kind === 'init' ? spnego.token.mechToken : spnego.token.responseToken;
}

function ntlmTypeOf(token: Buffer): number {
  return new Reader(token).skip(8).u32le();
}

function negotiatedFrom(response: Buffer, preauth: Buffer): Negotiated {
  const body = decodeNegotiateResponse(new Reader(response).seek(64));
  const out: Negotiated = { dialect: body.dialectRevision, preauth };
  for (const context of body.negotiateContexts) {
    if (context.type === 'ENCRYPTION_CAPABILITIES') out.cipher = context.ciphers[0];
    if (context.type === 'SIGNING_CAPABILITIES') out.signingAlgorithm = context.signingAlgorithms[0];
  }
  return out;
}

/** Reads one TCP stream's NEGOTIATE and SESSION_SETUP exchange and derives each session's keys. */
async function sessionsOf(messages: readonly FramedMessage[]): Promise<Map<bigint, Session>> {
  let connectionPreauth = preauthInitial();
  let negotiated: Negotiated | undefined;
  let pending: PendingSession | undefined;
  const sessions = new Map<bigint, Session>();
  for (const m of messages) {
    if (protocolIdOf(m.data) !== SMB2_PROTOCOL_ID) continue;
    const header = headerOf(m.data);
    const body = new Reader(m.data).seek(64);
    if (header.command === Smb2Command.NEGOTIATE) {
      connectionPreauth = preauthUpdate(connectionPreauth, m.data);
      if (m.fromClient) continue;
      negotiated = negotiatedFrom(m.data, connectionPreauth);
      continue;
    }
    if (header.command !== Smb2Command.SESSION_SETUP || !negotiated) continue;
    if (m.fromClient) {
      pending ??= { preauth: negotiated.preauth };
      pending.preauth = preauthUpdate(pending.preauth, m.data);
      const token = ntlmTokenOf(decodeSessionSetupRequest(body).securityBuffer);
      if (token && ntlmTypeOf(token) === NtlmMessageType.AUTHENTICATE) pending.authenticate = parseAuthenticate(token);
      continue;
    }
    if (!pending) continue;
    if (header.status !== STATUS_SUCCESS) {
      pending.preauth = preauthUpdate(pending.preauth, m.data);
      const token = ntlmTokenOf(decodeSessionSetupResponse(body).securityBuffer);
      if (token && ntlmTypeOf(token) === NtlmMessageType.CHALLENGE) pending.challenge = parseChallenge(token);
      continue;
    }
    // The final successful response is not hashed: its signature uses keys derived from the hash.
    if (!pending.challenge || !pending.authenticate) throw new Error(`session 0x${header.sessionId.toString(16)} completed without an NTLMSSP exchange`);
    const sessionKey = await recoverSessionKey({ password: PASSWORD, user: USER, domain: DOMAIN, challenge: pending.challenge, authenticate: pending.authenticate });
    const keys = deriveSessionKeys({ dialect: negotiated.dialect, sessionKey, preauthHash: pending.preauth, cipher: negotiated.cipher });
    sessions.set(header.sessionId, {
      keys,
      signingAlgorithm: signingAlgorithmFor(negotiated.dialect, negotiated.signingAlgorithm),
      cipher: negotiated.cipher,
    });
    pending = undefined;
  }
  return sessions;
}

interface Tally {
  signed: number;
  verified: number;
  transforms: number;
  decrypted: number;
  elements: number;
}

function sessionFor(sessions: Map<bigint, Session>, sessionId: bigint): Session {
  const s = sessions.get(sessionId);
  if (!s) throw new Error(`no keys for session 0x${sessionId.toString(16)}`);
  return s;
}

/** Decrypts a TRANSFORM message with the key of its direction; the plaintext must be SMB2. */
function decryptTransform(m: FramedMessage, sessions: Map<bigint, Session>, tally: Tally): Buffer {
  tally.transforms++;
  const sessionId = new Reader(m.data).seek(44).u64le();
  const s = sessionFor(sessions, sessionId);
  const key = m.fromClient ? s.keys.encryptionKey : s.keys.decryptionKey;
  if (!key || s.cipher === undefined) throw new Error(`session 0x${sessionId.toString(16)} has no encryption keys`);
  const plaintext = decryptMessage({ cipher: s.cipher, key, message: m.data });
  expect(protocolIdOf(plaintext), `frame ${m.frame}: plaintext is not SMB2`).toBe(SMB2_PROTOCOL_ID);
  tally.decrypted++;
  return plaintext;
}

/** Verifies every signed element of one SMB2 message and decodes every element's body. */
function checkElements(m: FramedMessage, message: Buffer, sessions: Map<bigint, Session>, tally: Tally): void {
  for (const element of splitCompound(message)) {
    tally.elements++;
    const description = describeSmb2(element);
    const { header } = description;
    if (!(header.flags & Smb2HeaderFlags.SIGNED)) continue;
    tally.signed++;
    const s = sessionFor(sessions, header.sessionId);
    const bytes = element.buf.subarray(element.start, element.end);
    if (verifyMessage(s.signingAlgorithm, s.keys.signingKey, bytes)) tally.verified++;
    else expect.fail(`frame ${m.frame}: signature of ${description.kind} 0x${header.command.toString(16)} does not verify`);
  }
}

async function replay(file: string): Promise<Tally> {
  const tally: Tally = { signed: 0, verified: 0, transforms: 0, decrypted: 0, elements: 0 };
  const messages = messagesOf(file);
  const byStream = new Map<number, FramedMessage[]>();
  for (const m of messages) byStream.set(m.stream, [...(byStream.get(m.stream) ?? []), m]);
  for (const streamMessages of byStream.values()) {
    const sessions = await sessionsOf(streamMessages);
    for (const m of streamMessages) {
      const id = protocolIdOf(m.data);
      if (id !== SMB2_PROTOCOL_ID && id !== TRANSFORM_PROTOCOL_ID) continue;
      const message = id === TRANSFORM_PROTOCOL_ID ? decryptTransform(m, sessions, tally) : m.data;
      checkElements(m, message, sessions, tally);
    }
  }
  return tally;
}

describe('SMB2 crypto against the reference captures (password "secret")', () => {
  it('smb302-smbclient-signed: every AES-CMAC signed element verifies', async () => {
    const t = await replay('smb302-smbclient-signed.pcapng');
    expect(t.signed).toBeGreaterThan(0);
    expect(t.verified).toBe(t.signed);
    expect(t.signed).toBe(37);
    expect(t.elements).toBe(42);
  });

  it('smb311-smbclient-basic: with the preauth hash, every AES-GMAC signed element verifies', async () => {
    const t = await replay('smb311-smbclient-basic.pcapng');
    expect(t.signed).toBeGreaterThan(0);
    expect(t.verified).toBe(t.signed);
    expect(t.signed).toBe(5);
    expect(t.elements).toBe(122);
  });

  it('smb311-smbclient-encrypted: every TRANSFORM message decrypts to SMB2 whose elements decode', async () => {
    const t = await replay('smb311-smbclient-encrypted.pcapng');
    expect(t.transforms).toBeGreaterThan(0);
    expect(t.decrypted).toBe(t.transforms);
    expect(t.transforms).toBe(32);
    expect(t.elements).toBe(38);
    expect(t.verified).toBe(t.signed); // the final SESSION_SETUP response is signed
    expect(t.signed).toBe(1);
  });
});
