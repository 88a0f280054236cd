import { describe, expect, it } from 'vitest';
import { EncryptionCipher } from '../../../../src/smb2/protocol/negotiate-contexts.js';
import { Smb2Dialects } from '../../../../src/smb2/protocol/constants.js';
import { deriveSessionKeys } from '../../../../src/smb2/crypto/keys.js';
import { SigningAlgorithm, signMessage, verifyMessage } from '../../../../src/smb2/crypto/signing.js';
import { decryptMessage, encryptMessage } from '../../../../src/smb2/crypto/transform.js';
import { readTransformHeader } from '../../../../src/smb2/protocol/transform.js';
import { Reader } from '../../../../src/wire/index.js';
import { hex } from './hex.js';
import { SAMBA_SMB21_HMAC, SAMBA_SMB311_AES128CCM, SAMBA_SMB311_AES256CCM, SAMBA_SMB311_AES256GCM, SAMBA_SMB311_CMAC } from './samba-vectors.js';

/** The message as its sender had it before signing: SIGNED flag clear, signature zero. */
function unsigned(message: Buffer): Buffer {
  const m = Buffer.from(message);
  m.writeUInt32LE(m.readUInt32LE(16) & ~0x8, 16);
  m.fill(0, 48, 64);
  return m;
}

describe('signatures made by Samba', () => {
  it('SMB 2.1 HMAC-SHA256 (smbclient): verifies, and signing the unsigned message reproduces it', () => {
    const v = SAMBA_SMB21_HMAC;
    const { signingKey } = deriveSessionKeys({ dialect: Smb2Dialects.SMB_2_1, sessionKey: hex(v.sessionKey) });
    const message = hex(v.message);
    expect(verifyMessage(SigningAlgorithm.HMAC_SHA256, signingKey, message)).toBe(true);
    expect(verifyMessage(SigningAlgorithm.AES_CMAC, signingKey, message)).toBe(false);
    const mine = unsigned(message);
    signMessage(SigningAlgorithm.HMAC_SHA256, signingKey, mine);
    expect(mine.toString('hex')).toBe(message.toString('hex'));
  });

  it('SMB 3.1.1 AES-CMAC (smbd): the key from the preauth hash verifies the final SESSION_SETUP response', () => {
    const v = SAMBA_SMB311_CMAC;
    const { signingKey } = deriveSessionKeys({ dialect: Smb2Dialects.SMB_3_1_1, sessionKey: hex(v.sessionKey), preauthHash: hex(v.preauthHash) });
    const message = hex(v.message);
    expect(verifyMessage(SigningAlgorithm.AES_CMAC, signingKey, message)).toBe(true);
    expect(verifyMessage(SigningAlgorithm.AES_GMAC, signingKey, message)).toBe(false);
    const mine = unsigned(message);
    signMessage(SigningAlgorithm.AES_CMAC, signingKey, mine);
    expect(mine.toString('hex')).toBe(message.toString('hex'));
  });

  it('SMB 3.1.1 AES-GMAC (smbd): verifies a response (role bit set in the nonce), and re-signing reproduces it', () => {
    const v = SAMBA_SMB311_AES256GCM;
    const { signingKey } = deriveSessionKeys({ dialect: Smb2Dialects.SMB_3_1_1, sessionKey: hex(v.sessionKey), preauthHash: hex(v.preauthHash), cipher: EncryptionCipher.AES_256_GCM });
    const message = hex(v.signedMessage);
    expect(verifyMessage(SigningAlgorithm.AES_GMAC, signingKey, message)).toBe(true);
    expect(verifyMessage(SigningAlgorithm.AES_CMAC, signingKey, message)).toBe(false);
    const mine = unsigned(message);
    signMessage(SigningAlgorithm.AES_GMAC, signingKey, mine);
    expect(mine.toString('hex')).toBe(message.toString('hex'));
  });
});

describe('transform messages made by Samba', () => {
  const cases = [
    { name: 'AES-128-CCM', cipher: EncryptionCipher.AES_128_CCM, v: SAMBA_SMB311_AES128CCM },
    { name: 'AES-256-GCM', cipher: EncryptionCipher.AES_256_GCM, v: SAMBA_SMB311_AES256GCM },
    { name: 'AES-256-CCM', cipher: EncryptionCipher.AES_256_CCM, v: SAMBA_SMB311_AES256CCM },
  ] as const;
  for (const { name, cipher, v } of cases) {
    it(`${name}: derived keys decrypt smbd's response and smbclient's request`, () => {
      const keys = deriveSessionKeys({ dialect: Smb2Dialects.SMB_3_1_1, sessionKey: hex(v.sessionKey), preauthHash: hex(v.preauthHash), cipher });
      expect(keys.decryptionKey?.length).toBe(cipher === EncryptionCipher.AES_128_CCM ? 16 : 32);
      expect(decryptMessage({ cipher, key: keys.decryptionKey ?? Buffer.alloc(0), message: hex(v.response) }).toString('hex')).toBe(hex(v.responsePlaintext).toString('hex'));
      expect(decryptMessage({ cipher, key: keys.encryptionKey ?? Buffer.alloc(0), message: hex(v.request) }).toString('hex')).toBe(hex(v.requestPlaintext).toString('hex'));
    });

    it(`${name}: encrypting smbclient's plaintext with its nonce reproduces its bytes`, () => {
      const keys = deriveSessionKeys({ dialect: Smb2Dialects.SMB_3_1_1, sessionKey: hex(v.sessionKey), preauthHash: hex(v.preauthHash), cipher });
      const request = hex(v.request);
      const h = readTransformHeader(new Reader(request));
      const nonceBytes = cipher === EncryptionCipher.AES_256_GCM ? 12 : 11;
      const out = encryptMessage({
        cipher,
        key: keys.encryptionKey ?? Buffer.alloc(0),
        nonce: h.nonce.subarray(0, nonceBytes),
        sessionId: h.sessionId,
        plaintext: hex(v.requestPlaintext),
      });
      expect(Buffer.concat(out).toString('hex')).toBe(request.toString('hex'));
    });
  }
});
