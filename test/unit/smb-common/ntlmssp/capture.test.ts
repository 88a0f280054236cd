import { describe, expect, it } from 'vitest';
import {
  decodeAuthenticateMessage,
  decodeChallengeMessage,
  NtlmError,
  NtlmSessionSecurity,
  recoverSessionKey,
  verifyMic,
} from '../../../../src/smb-common/ntlmssp/index.js';
import { encodeMechTypeList, OID_NTLMSSP } from '../../../../src/smb-common/spnego/index.js';
import {
  CAPTURE_AUTHENTICATE,
  CAPTURE_CHALLENGE,
  CAPTURE_CLIENT_MECHLISTMIC,
  CAPTURE_NEGOTIATE,
  CAPTURE_SERVER_MECHLISTMIC,
} from './fixtures.js';

// A real session: smbclient 4.22 against smbd 4.22, password "secret". The MIC and both
// SPNEGO mechListMICs were computed by Samba; matching them proves the recovered key.

describe('NTLMv2 session of the reference capture', () => {
  const authenticate = decodeAuthenticateMessage(CAPTURE_AUTHENTICATE);
  const challenge = decodeChallengeMessage(CAPTURE_CHALLENGE);

  it('recovers the exported session key, which verifies the MIC Samba sent', async () => {
    const key = await recoverSessionKey({ password: 'secret', authenticate, challenge });
    expect(key.length).toBe(16);
    expect(verifyMic(key, CAPTURE_NEGOTIATE, CAPTURE_CHALLENGE, CAPTURE_AUTHENTICATE, authenticate.micOffset ?? -1)).toBe(true);
    expect(key.toString('hex')).toBe('674ccf7831fa1dc0b6e5947e12bab802');
  });

  it('reproduces the client mechListMIC and verifies the server one (MS-SPNG 3.1.5.1)', async () => {
    const key = await recoverSessionKey({ password: 'secret', authenticate, challenge });
    const sec = new NtlmSessionSecurity(key, authenticate.flags);
    const mechTypes = encodeMechTypeList([OID_NTLMSSP]);
    expect(sec.sign(mechTypes)).toEqual(CAPTURE_CLIENT_MECHLISTMIC);
    expect(sec.verify(mechTypes, CAPTURE_SERVER_MECHLISTMIC)).toBe(true);
    // A second server signature would be sequence 1: the same bytes no longer verify.
    expect(sec.verify(mechTypes, CAPTURE_SERVER_MECHLISTMIC)).toBe(false);
  });

  it('a wrong password or domain is refused', async () => {
    await expect(recoverSessionKey({ password: 'Secret', authenticate, challenge })).rejects.toThrow(NtlmError);
    await expect(recoverSessionKey({ password: 'secret', domain: 'workgroup', authenticate, challenge })).rejects.toThrow(NtlmError);
  });
});
