import { cipherInfo } from './ciphers.js';
import { Smb2Dialects } from '../protocol/constants.js';
import { assertDialect, isSmb3 } from './dialects.js';
import { sp800108CounterHmacSha256, type KdfOutputBits } from './kdf.js';
import { PREAUTH_HASH_BYTES } from './preauth.js';

/** The keys of one SMB2 session (MS-SMB2 3.2.1.3: Session.SigningKey, EncryptionKey, DecryptionKey, ApplicationKey). */
export interface SessionKeys {
  /** Signs and verifies messages of this session (on its first channel). */
  readonly signingKey: Buffer;
  /** Client -> server encryption ("ServerIn"); null before SMB 3.0, which has no encryption. */
  readonly encryptionKey: Buffer | null;
  /** Server -> client decryption ("ServerOut"); null before SMB 3.0. */
  readonly decryptionKey: Buffer | null;
  /** Handed to applications above SMB (e.g. DCE/RPC over named pipes). */
  readonly applicationKey: Buffer;
}

export interface DeriveSessionKeysInput {
  /** Connection.Dialect (MS-SMB2 2.2.3), e.g. 0x0311. */
  readonly dialect: number;
  /** The GSS/NTLM session key, as authentication produced it (NTLM: 16 bytes; Kerberos: may be 32). */
  readonly sessionKey: Buffer;
  /** Session.PreauthIntegrityHashValue (64 bytes, SHA-512); required for 3.1.1. */
  readonly preauthHash?: Buffer;
  /** Connection.CipherId, an EncryptionCipher id (3.1.1 only; 3.0/3.0.2 always use AES-128-CCM). */
  readonly cipher?: number;
}

/** KDF labels and contexts for 3.0 and 3.0.2 (MS-SMB2 3.2.5.3.1); each string carries its trailing NUL. */
const SMB30_LABELS = {
  signing: { label: 'SMB2AESCMAC\0', context: 'SmbSign\0' },
  encryption: { label: 'SMB2AESCCM\0', context: 'ServerIn \0' },
  decryption: { label: 'SMB2AESCCM\0', context: 'ServerOut\0' },
  application: { label: 'SMB2APP\0', context: 'SmbRpc\0' },
} as const;

/** KDF labels for 3.1.1 (MS-SMB2 3.2.5.3.1); the context is the session's preauth integrity hash. */
const SMB311_LABELS = {
  signing: 'SMBSigningKey\0',
  encryption: 'SMBC2SCipherKey\0',
  decryption: 'SMBS2CCipherKey\0',
  application: 'SMBAppKey\0',
} as const;

/** Session.SessionKey: the first 16 bytes of the key, right-padded with zeros if shorter (MS-SMB2 3.2.5.3.1). */
function truncatedSessionKey(key: Buffer): Buffer {
  const out = Buffer.alloc(16);
  key.copy(out, 0, 0, Math.min(16, key.length));
  return out;
}

const ascii = (s: string): Buffer => Buffer.from(s, 'latin1');

/**
 * Derives a session's keys for its dialect (MS-SMB2 3.2.5.3.1 client, 3.3.5.5.3 server).
 * 2.0.2/2.1: the signing and application keys are Session.SessionKey, no encryption keys.
 * 3.0/3.0.2: SP800-108 KDF over Session.SessionKey with the fixed labels and contexts above, L = 128.
 * 3.1.1: the labels above with the preauth integrity hash as context; with AES-256-CCM/GCM the
 * encryption and decryption keys come from Session.FullSessionKey (the whole key) with L = 256.
 */
export function deriveSessionKeys(input: DeriveSessionKeysInput): SessionKeys {
  const { dialect, sessionKey } = input;
  assertDialect(dialect);
  if (sessionKey.length === 0) throw new RangeError('empty session key');
  const key16 = truncatedSessionKey(sessionKey);
  if (!isSmb3(dialect)) {
    return { signingKey: key16, encryptionKey: null, decryptionKey: null, applicationKey: key16 };
  }
  if (dialect !== Smb2Dialects.SMB_3_1_1) {
    const kdf = (p: { label: string; context: string }): Buffer => sp800108CounterHmacSha256(key16, ascii(p.label), ascii(p.context), 128);
    return {
      signingKey: kdf(SMB30_LABELS.signing),
      encryptionKey: kdf(SMB30_LABELS.encryption),
      decryptionKey: kdf(SMB30_LABELS.decryption),
      applicationKey: kdf(SMB30_LABELS.application),
    };
  }
  const preauth = input.preauthHash;
  if (!preauth || preauth.length !== PREAUTH_HASH_BYTES) {
    throw new RangeError(`SMB 3.1.1 key derivation needs the ${PREAUTH_HASH_BYTES}-byte preauth integrity hash`);
  }
  const wide = input.cipher !== undefined && cipherInfo(input.cipher).keyBytes === 32;
  const cipherKi = wide ? sessionKey : key16;
  const cipherBits: KdfOutputBits = wide ? 256 : 128;
  return {
    signingKey: sp800108CounterHmacSha256(key16, ascii(SMB311_LABELS.signing), preauth, 128),
    encryptionKey: sp800108CounterHmacSha256(cipherKi, ascii(SMB311_LABELS.encryption), preauth, cipherBits),
    decryptionKey: sp800108CounterHmacSha256(cipherKi, ascii(SMB311_LABELS.decryption), preauth, cipherBits),
    applicationKey: sp800108CounterHmacSha256(key16, ascii(SMB311_LABELS.application), preauth, 128),
  };
}
