import { describe, expect, it } from 'vitest';
import {
  AvId,
  decodeAuthenticateMessage,
  decodeAvPairs,
  describeAvPairs,
  MsvAvFlags,
  NegotiateFlags,
  ntHash,
  ntlmAuthenticate,
  ntlmNegotiate,
  NtlmError,
  recoverSessionKey,
  verifyMic,
  decodeChallengeMessage,
} from '../../../../src/smb-common/ntlmssp/index.js';
import { FILETIME_UNIX_EPOCH } from '../../../../src/smb-common/filetime.js';
import { seededEntropy, type Entropy } from '../../../../src/transport/entropy.js';
import { CAPTURE_CHALLENGE, SPEC_AUTHENTICATE, SPEC_CHALLENGE } from './fixtures.js';

/** The inputs of MS-NLMP 4.2.4: client challenge aa*8, RandomSessionKey 55*16, Time 0. */
const specEntropy: Entropy = {
  randomBytes: (n) => Buffer.alloc(n, n === 8 ? 0xaa : 0x55),
  nowNs: () => -FILETIME_UNIX_EPOCH * 100n,
};

const NTLMV2_AVPAIRS_AT = 16 + 28;

describe('ntlmAuthenticate (MS-NLMP 3.1.5.1.2)', () => {
  it('produces the MS-NLMP 4.2.4.3 AUTHENTICATE_MESSAGE from its inputs', async () => {
    const result = await ntlmAuthenticate({
      user: 'User',
      domain: 'Domain',
      password: 'Password',
      workstation: 'COMPUTER',
      negotiateMsg: ntlmNegotiate(),
      challengeMsg: SPEC_CHALLENGE,
      entropy: specEntropy,
      version: { major: 5, minor: 1, build: 2600, revision: 15 },
      flags: 0xe2888235, // the example's flags
    });
    expect(result.message).toEqual(SPEC_AUTHENTICATE);
    expect(result.sessionKey).toEqual(Buffer.alloc(16, 0x55));
    expect(result.mic).toBe(false);
  });

  it('negotiates the flags both sides set by default', async () => {
    const negotiate = ntlmNegotiate();
    const r = await ntlmAuthenticate({ user: 'User', domain: 'Domain', password: 'Password', negotiateMsg: negotiate, challengeMsg: SPEC_CHALLENGE, entropy: specEntropy });
    // 0xe2088215 (offered) & 0xe28a8233 (challenge)
    expect(r.flags).toBe(0xe2088211);
    expect(decodeAuthenticateMessage(r.message).flags).toBe(0xe2088211);
  });

  it('with a server timestamp: Z(24) LM response, MIC flag, channel bindings, SPN, and a MIC over all three messages', async () => {
    const negotiate = ntlmNegotiate();
    const r = await ntlmAuthenticate({
      user: 'tester',
      domain: 'WORKGROUP',
      password: 'secret',
      negotiateMsg: negotiate,
      challengeMsg: CAPTURE_CHALLENGE,
      entropy: seededEntropy('ntlm'),
      targetName: 'cifs/127.0.0.1',
    });
    expect(r.mic).toBe(true);
    const auth = decodeAuthenticateMessage(r.message);
    expect(auth.lmChallengeResponse).toEqual(Buffer.alloc(24));
    expect(auth.micOffset).toBe(72);
    const info = describeAvPairs(decodeAvPairs(auth.ntChallengeResponse.subarray(NTLMV2_AVPAIRS_AT)));
    expect(info.timestamp).toBe(decodeChallengeMessage(CAPTURE_CHALLENGE).info.timestamp);
    expect(info.flags).toBe(MsvAvFlags.MIC_PRESENT);
    expect(info.channelBindings).toEqual(Buffer.alloc(16));
    expect(info.targetName).toBe('cifs/127.0.0.1');
    expect(info.nbComputerName).toBe('VM');
    expect(verifyMic(r.sessionKey, negotiate, CAPTURE_CHALLENGE, r.message, 72)).toBe(true);
    // The MIC binds the NEGOTIATE_MESSAGE too.
    expect(verifyMic(r.sessionKey, ntlmNegotiate({ flags: 0x62088215 }), CAPTURE_CHALLENGE, r.message, 72)).toBe(false);
    // The server side recovers the same exported session key from the password.
    expect(await recoverSessionKey({ password: 'secret', authenticate: auth, challenge: decodeChallengeMessage(CAPTURE_CHALLENGE) })).toEqual(r.sessionKey);
  });

  it('is deterministic under a seeded entropy, and accepts an NT hash instead of a password', async () => {
    const base = { user: 'tester', domain: 'WORKGROUP', negotiateMsg: ntlmNegotiate(), challengeMsg: CAPTURE_CHALLENGE };
    const a = await ntlmAuthenticate({ ...base, password: 'secret', entropy: seededEntropy('s') });
    const b = await ntlmAuthenticate({ ...base, ntHash: await ntHash('secret'), entropy: seededEntropy('s') });
    const c = await ntlmAuthenticate({ ...base, password: 'secret', entropy: seededEntropy('t') });
    expect(b.message).toEqual(a.message);
    expect(b.sessionKey).toEqual(a.sessionKey);
    expect(c.message).not.toEqual(a.message);
  });

  it('without KEY_EXCH the exported key is the session base key and no key is sent', async () => {
    const negotiate = ntlmNegotiate({ flags: 0xe2088215 & ~NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH });
    const r = await ntlmAuthenticate({ user: 'User', domain: 'Domain', password: 'Password', negotiateMsg: negotiate, challengeMsg: SPEC_CHALLENGE, entropy: specEntropy });
    const auth = decodeAuthenticateMessage(r.message);
    expect(auth.encryptedRandomSessionKey.length).toBe(0);
    expect(r.sessionKey.toString('hex')).toBe('8de40ccadbc14a82f15cb0ad0de95ca3'); // MS-NLMP 4.2.4.1.2 SessionBaseKey
  });

  it('anonymous: empty NT response, one-byte LM response, ANONYMOUS flag, no key', async () => {
    const r = await ntlmAuthenticate({ user: '', domain: '', anonymous: true, negotiateMsg: ntlmNegotiate(), challengeMsg: CAPTURE_CHALLENGE, entropy: seededEntropy('a') });
    const auth = decodeAuthenticateMessage(r.message);
    expect(auth.ntChallengeResponse.length).toBe(0);
    expect(auth.lmChallengeResponse).toEqual(Buffer.alloc(1));
    expect(auth.flags & NegotiateFlags.NTLMSSP_ANONYMOUS).not.toBe(0);
    expect(auth.flags & NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH).toBe(0);
    expect(auth.userName).toBe('');
    expect(r.sessionKey.length).toBe(0);
    expect(r.mic).toBe(false);
    expect(await recoverSessionKey({ password: '', authenticate: auth, challenge: decodeChallengeMessage(CAPTURE_CHALLENGE) })).toEqual(Buffer.alloc(0));
  });

  it('recoverSessionKey refuses a wrong password and NTLMv1 responses', async () => {
    const challenge = decodeChallengeMessage(SPEC_CHALLENGE);
    const auth = decodeAuthenticateMessage(SPEC_AUTHENTICATE);
    expect(await recoverSessionKey({ password: 'Password', authenticate: auth, challenge })).toEqual(Buffer.alloc(16, 0x55));
    await expect(recoverSessionKey({ password: 'password', authenticate: auth, challenge })).rejects.toThrow(NtlmError);
    await expect(recoverSessionKey({ password: 'Password', authenticate: { ...auth, ntChallengeResponse: Buffer.alloc(24) }, challenge })).rejects.toThrow(NtlmError);
  });

  it('MsvAvTimestamp/MsvAvFlags from the server are kept, the MIC bit merged in', async () => {
    const r = await ntlmAuthenticate({ user: 'u', domain: 'd', password: 'p', negotiateMsg: ntlmNegotiate(), challengeMsg: CAPTURE_CHALLENGE, entropy: seededEntropy('m') });
    const pairs = decodeAvPairs(decodeAuthenticateMessage(r.message).ntChallengeResponse.subarray(NTLMV2_AVPAIRS_AT));
    expect(pairs.filter((p) => p.id === AvId.MsvAvFlags)).toHaveLength(1);
    expect(pairs.filter((p) => p.id === AvId.MsvAvTimestamp)).toHaveLength(1);
  });
});
