import { describe, expect, it } from 'vitest';
import {
  computeNtlmv2Response,
  lmv2Response,
  ntHash,
  ntlmv2Temp,
  ntowfv2,
  rc4,
  Rc4,
  sealKey,
  signKey,
  ntlmSignature,
  decodeChallengeMessage,
} from '../../../../src/smb-common/ntlmssp/index.js';
import { SPEC_AUTHENTICATE, SPEC_CHALLENGE } from './fixtures.js';

// MS-NLMP 4.2.4 NTLMv2 Authentication examples.
const USER = 'User';
const DOMAIN = 'Domain';
const PASSWORD = 'Password';
const SERVER_CHALLENGE = Buffer.from('0123456789abcdef', 'hex');
const CLIENT_CHALLENGE = Buffer.alloc(8, 0xaa);
const RANDOM_SESSION_KEY = Buffer.alloc(16, 0x55);
const FLAGS = 0xe2888235;

describe('MS-NLMP 4.2.4 NTLMv2 vectors', () => {
  it('4.2.2.1.2 / 4.2.4.1.1 NTOWFv1 and NTOWFv2', async () => {
    const hash = await ntHash(PASSWORD);
    expect(hash.toString('hex')).toBe('a4f49c406510bdcab6824ee7c30fd852');
    expect(ntowfv2(hash, USER, DOMAIN).toString('hex')).toBe('0c868a403bfd7a93a3001ef22ef02e3f');
    // Uppercase(User) only: the domain keeps its case.
    expect(ntowfv2(hash, 'user', DOMAIN).toString('hex')).toBe('0c868a403bfd7a93a3001ef22ef02e3f');
    expect(ntowfv2(hash, USER, 'domain').toString('hex')).not.toBe('0c868a403bfd7a93a3001ef22ef02e3f');
  });

  it('4.2.4.2.1 LMv2 response, 4.2.4.2.2 NTLMv2 response, 4.2.4.1.2 session base key', async () => {
    const key = ntowfv2(await ntHash(PASSWORD), USER, DOMAIN);
    const targetInfo = decodeChallengeMessage(SPEC_CHALLENGE).targetInfo;
    expect(lmv2Response(key, SERVER_CHALLENGE, CLIENT_CHALLENGE).toString('hex')).toBe('86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa');
    const v2 = computeNtlmv2Response(key, SERVER_CHALLENGE, ntlmv2Temp(0n, CLIENT_CHALLENGE, targetInfo));
    expect(v2.ntProofStr.toString('hex')).toBe('68cd0ab851e51c96aabc927bebef6a1c');
    // The whole NtChallengeResponse as it appears in the 4.2.4.3 AUTHENTICATE_MESSAGE (84 bytes at 132).
    expect(v2.ntChallengeResponse.equals(SPEC_AUTHENTICATE.subarray(132, 132 + 84))).toBe(true);
    expect(v2.sessionBaseKey.toString('hex')).toBe('8de40ccadbc14a82f15cb0ad0de95ca3');
  });

  it('4.2.4.2.3 encrypted session key: RC4K(KeyExchangeKey, RandomSessionKey)', () => {
    const kxkey = Buffer.from('8de40ccadbc14a82f15cb0ad0de95ca3', 'hex');
    expect(rc4(kxkey, RANDOM_SESSION_KEY).toString('hex')).toBe('c5dad2544fc9799094ce1ce90bc9d03e');
    expect(rc4(kxkey, Buffer.from('c5dad2544fc9799094ce1ce90bc9d03e', 'hex')).equals(RANDOM_SESSION_KEY)).toBe(true);
  });

  it('4.2.4.4 GSS_WrapEx: SEALKEY, SIGNKEY, sealed data and signature', () => {
    const seal = sealKey(RANDOM_SESSION_KEY, FLAGS, 'client');
    const sign = signKey(RANDOM_SESSION_KEY, 'client');
    expect(seal.toString('hex')).toBe('59f600973cc4960a25480a7c196e4c58');
    expect(sign.toString('hex')).toBe('4788dc861b4782f35d43fd98fe1a2d39');
    const handle = new Rc4(seal);
    const plaintext = Buffer.from('Plaintext', 'utf16le');
    expect(handle.update(plaintext).toString('hex')).toBe('54e50165bf1936dc996020c1811b0f06fb5f');
    // The signature continues the same RC4 handle after the data.
    expect(ntlmSignature(sign, handle, 0, plaintext).toString('hex')).toBe('010000007fb38ec5c55d497600000000');
  });

  it('RC4 matches RFC 6229 (key 0x0102030405, first keystream bytes)', () => {
    expect(rc4(Buffer.from('0102030405', 'hex'), Buffer.alloc(16)).toString('hex')).toBe('b2396305f03dc027ccc3524a0a1118a8');
  });
});
