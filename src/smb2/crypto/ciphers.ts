import type { CipherCCMTypes, CipherGCMTypes } from 'node:crypto';
import { EncryptionCipher } from '../protocol/negotiate-contexts.js';

/** An SMB2 cipher id (MS-SMB2 2.2.3.1.2): 1 AES-128-CCM, 2 AES-128-GCM, 3 AES-256-CCM, 4 AES-256-GCM. */
export type CipherId = (typeof EncryptionCipher)[keyof typeof EncryptionCipher];

interface CipherInfoBase {
  readonly id: CipherId;
  /** The spec's name, e.g. 'AES-128-GCM'. */
  readonly name: string;
  readonly keyBytes: 16 | 32;
  /** Nonce bytes used from the 16-byte TRANSFORM_HEADER Nonce field (MS-SMB2 2.2.41: CCM 11, GCM 12). */
  readonly nonceBytes: 11 | 12;
}
/** One cipher; `openssl` is the algorithm name Node's crypto (OpenSSL 3 default provider) knows. */
export type CipherInfo =
  | (CipherInfoBase & { readonly mode: 'ccm'; readonly openssl: CipherCCMTypes })
  | (CipherInfoBase & { readonly mode: 'gcm'; readonly openssl: CipherGCMTypes });

const C = EncryptionCipher;

/** MS-SMB2 2.2.41 / 3.1.4.3: how each cipher id encrypts. */
export const CIPHERS: Readonly<Record<CipherId, CipherInfo>> = {
  [C.AES_128_CCM]: { id: C.AES_128_CCM, name: 'AES-128-CCM', openssl: 'aes-128-ccm', mode: 'ccm', keyBytes: 16, nonceBytes: 11 },
  [C.AES_128_GCM]: { id: C.AES_128_GCM, name: 'AES-128-GCM', openssl: 'aes-128-gcm', mode: 'gcm', keyBytes: 16, nonceBytes: 12 },
  [C.AES_256_CCM]: { id: C.AES_256_CCM, name: 'AES-256-CCM', openssl: 'aes-256-ccm', mode: 'ccm', keyBytes: 32, nonceBytes: 11 },
  [C.AES_256_GCM]: { id: C.AES_256_GCM, name: 'AES-256-GCM', openssl: 'aes-256-gcm', mode: 'gcm', keyBytes: 32, nonceBytes: 12 },
};

/** The table row for a cipher id; throws RangeError for an id this client does not implement. */
export function cipherInfo(id: number): CipherInfo {
  const info = (CIPHERS as Readonly<Record<number, CipherInfo | undefined>>)[id];
  if (!info) throw new RangeError(`unknown SMB2 cipher id ${typeof id === 'number' ? `0x${id.toString(16).padStart(4, '0')}` : String(id)}`);
  return info;
}

/** The nonce length of a cipher: 11 bytes for CCM, 12 for GCM (MS-SMB2 2.2.41). */
export function nonceLength(id: number): number {
  return cipherInfo(id).nonceBytes;
}
