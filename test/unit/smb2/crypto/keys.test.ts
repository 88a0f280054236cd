import { describe, expect, it } from 'vitest';
import { EncryptionCipher } from '../../../../src/smb2/protocol/negotiate-contexts.js';
import { Smb2Dialects } from '../../../../src/smb2/protocol/constants.js';
import { sp800108CounterHmacSha256 } from '../../../../src/smb2/crypto/kdf.js';
import { deriveSessionKeys } from '../../../../src/smb2/crypto/keys.js';
import { preauthInitial, preauthUpdate } from '../../../../src/smb2/crypto/preauth.js';
import { hex } from './hex.js';
import { PREAUTH_BLOG, SMB30_ENCRYPTION_BLOG, SMB311_ENCRYPTION_BLOG } from './vectors.js';

const h = (b: Buffer | null): string | null => (b ? b.toString('hex') : null);
const x = (s: string): string => hex(s).toString('hex');

describe('SP800-108 KDF, counter mode, HMAC-SHA256 (MS-SMB2 3.1.4.2)', () => {
  it('derives the SMB 3.0 encryption key of Microsoft\'s example from label and context', () => {
    const k = sp800108CounterHmacSha256(hex(SMB30_ENCRYPTION_BLOG.sessionKey), Buffer.from('SMB2AESCCM\0'), Buffer.from('ServerIn \0'), 128);
    expect(k.toString('hex')).toBe(x(SMB30_ENCRYPTION_BLOG.encryptionKey));
  });

  it('makes L part of the input: the 256-bit output does not begin with the 128-bit one', () => {
    const ki = hex(SMB30_ENCRYPTION_BLOG.sessionKey);
    const k128 = sp800108CounterHmacSha256(ki, Buffer.from('L\0'), Buffer.from('C\0'), 128);
    const k256 = sp800108CounterHmacSha256(ki, Buffer.from('L\0'), Buffer.from('C\0'), 256);
    expect(k128.length).toBe(16);
    expect(k256.length).toBe(32);
    expect(k256.subarray(0, 16).equals(k128)).toBe(false);
  });
});

describe('deriveSessionKeys (MS-SMB2 3.2.5.3.1)', () => {
  it('SMB 3.0: Microsoft\'s example keys', () => {
    const keys = deriveSessionKeys({ dialect: Smb2Dialects.SMB_3_0, sessionKey: hex(SMB30_ENCRYPTION_BLOG.sessionKey) });
    expect(h(keys.encryptionKey)).toBe(x(SMB30_ENCRYPTION_BLOG.encryptionKey));
    expect(h(keys.decryptionKey)).toBe(x(SMB30_ENCRYPTION_BLOG.decryptionKey));
  });

  it('SMB 3.0.2 derives exactly what 3.0 does', () => {
    const sessionKey = hex(SMB30_ENCRYPTION_BLOG.sessionKey);
    const k30 = deriveSessionKeys({ dialect: Smb2Dialects.SMB_3_0, sessionKey });
    const k302 = deriveSessionKeys({ dialect: Smb2Dialects.SMB_3_0_2, sessionKey });
    expect(k302).toEqual(k30);
    expect(k30.signingKey.equals(k30.applicationKey)).toBe(false);
    expect(h(k30.signingKey)).toBe(sp800108CounterHmacSha256(sessionKey, Buffer.from('SMB2AESCMAC\0'), Buffer.from('SmbSign\0'), 128).toString('hex'));
    expect(h(k30.applicationKey)).toBe(sp800108CounterHmacSha256(sessionKey, Buffer.from('SMB2APP\0'), Buffer.from('SmbRpc\0'), 128).toString('hex'));
  });

  it('SMB 3.1.1 with AES-128-GCM: Microsoft\'s example encryption and decryption keys', () => {
    const keys = deriveSessionKeys({
      dialect: Smb2Dialects.SMB_3_1_1,
      sessionKey: hex(SMB311_ENCRYPTION_BLOG.sessionKey),
      preauthHash: hex(SMB311_ENCRYPTION_BLOG.preauthHash),
      cipher: EncryptionCipher.AES_128_GCM,
    });
    expect(h(keys.encryptionKey)).toBe(x(SMB311_ENCRYPTION_BLOG.encryptionKey));
    expect(h(keys.decryptionKey)).toBe(x(SMB311_ENCRYPTION_BLOG.decryptionKey));
  });

  it('SMB 3.1.1: Microsoft\'s example signing key from the preauth hash of the exchange', () => {
    let preauthHash = preauthInitial();
    for (const step of PREAUTH_BLOG.steps) preauthHash = preauthUpdate(preauthHash, hex(step.message));
    const keys = deriveSessionKeys({ dialect: Smb2Dialects.SMB_3_1_1, sessionKey: hex(PREAUTH_BLOG.sessionKey), preauthHash });
    expect(h(keys.signingKey)).toBe(x(PREAUTH_BLOG.signingKey));
  });

  it('SMB 3.1.1 with AES-256: 32-byte cipher keys from the full session key, the others unchanged', () => {
    const sessionKey = hex(SMB311_ENCRYPTION_BLOG.sessionKey);
    const preauthHash = hex(SMB311_ENCRYPTION_BLOG.preauthHash);
    const k128 = deriveSessionKeys({ dialect: Smb2Dialects.SMB_3_1_1, sessionKey, preauthHash, cipher: EncryptionCipher.AES_128_GCM });
    for (const cipher of [EncryptionCipher.AES_256_CCM, EncryptionCipher.AES_256_GCM]) {
      const k256 = deriveSessionKeys({ dialect: Smb2Dialects.SMB_3_1_1, sessionKey, preauthHash, cipher });
      expect(k256.encryptionKey?.length).toBe(32);
      expect(k256.decryptionKey?.length).toBe(32);
      expect(h(k256.encryptionKey)).toBe(sp800108CounterHmacSha256(sessionKey, Buffer.from('SMBC2SCipherKey\0'), preauthHash, 256).toString('hex'));
      expect(h(k256.decryptionKey)).toBe(sp800108CounterHmacSha256(sessionKey, Buffer.from('SMBS2CCipherKey\0'), preauthHash, 256).toString('hex'));
      expect(k256.signingKey.equals(k128.signingKey)).toBe(true);
      expect(k256.applicationKey.equals(k128.applicationKey)).toBe(true);
    }
  });

  it('SMB 3.1.1 with AES-256 and a 32-byte (Kerberos) session key: cipher keys use all of it, signing only the first 16 bytes', () => {
    const full = Buffer.concat([hex(SMB311_ENCRYPTION_BLOG.sessionKey), Buffer.alloc(16, 0x5a)]);
    const preauthHash = hex(SMB311_ENCRYPTION_BLOG.preauthHash);
    const wide = deriveSessionKeys({ dialect: Smb2Dialects.SMB_3_1_1, sessionKey: full, preauthHash, cipher: EncryptionCipher.AES_256_GCM });
    const narrow = deriveSessionKeys({ dialect: Smb2Dialects.SMB_3_1_1, sessionKey: full, preauthHash, cipher: EncryptionCipher.AES_128_GCM });
    expect(h(wide.encryptionKey)).toBe(sp800108CounterHmacSha256(full, Buffer.from('SMBC2SCipherKey\0'), preauthHash, 256).toString('hex'));
    expect(h(narrow.encryptionKey)).toBe(x(SMB311_ENCRYPTION_BLOG.encryptionKey));
    expect(h(wide.signingKey)).toBe(h(narrow.signingKey));
  });

  it('SMB 2.x: the signing and application keys are the session key, padded or cut to 16 bytes; no encryption', () => {
    for (const dialect of [Smb2Dialects.SMB_2_0_2, Smb2Dialects.SMB_2_1]) {
      const keys = deriveSessionKeys({ dialect, sessionKey: hex('0102030405060708') });
      expect(h(keys.signingKey)).toBe('01020304050607080000000000000000');
      expect(h(keys.applicationKey)).toBe('01020304050607080000000000000000');
      expect(keys.encryptionKey).toBeNull();
      expect(keys.decryptionKey).toBeNull();
      const long = deriveSessionKeys({ dialect, sessionKey: Buffer.from('00112233445566778899aabbccddeeff0011', 'hex') });
      expect(h(long.signingKey)).toBe('00112233445566778899aabbccddeeff');
    }
  });

  it('refuses 3.1.1 without a 64-byte preauth hash, unknown dialects and ciphers, and an empty key', () => {
    const sessionKey = hex(SMB311_ENCRYPTION_BLOG.sessionKey);
    expect(() => deriveSessionKeys({ dialect: Smb2Dialects.SMB_3_1_1, sessionKey })).toThrow(RangeError);
    expect(() => deriveSessionKeys({ dialect: Smb2Dialects.SMB_3_1_1, sessionKey, preauthHash: Buffer.alloc(32) })).toThrow(RangeError);
    expect(() => deriveSessionKeys({ dialect: 0x02ff, sessionKey })).toThrow(RangeError);
    expect(() => deriveSessionKeys({ dialect: Smb2Dialects.SMB_3_1_1, sessionKey, preauthHash: Buffer.alloc(64), cipher: 9 })).toThrow(RangeError);
    expect(() => deriveSessionKeys({ dialect: Smb2Dialects.SMB_3_0, sessionKey: Buffer.alloc(0) })).toThrow(RangeError);
  });
});
