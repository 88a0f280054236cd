export { sp800108CounterHmacSha256, type KdfOutputBits } from './kdf.js';
export { assertDialect, isSmb3, type SessionDialect } from './dialects.js';
export { deriveSessionKeys, type DeriveSessionKeysInput, type SessionKeys } from './keys.js';
export { AesCmac, aesCmac } from './cmac.js';
export {
  SigningAlgorithm,
  asSigningAlgorithm,
  createSigner,
  gmacNonce,
  signMessage,
  signingAlgorithmFor,
  verifyMessage,
  type MessageBytes,
  type SigningAlgorithmId,
  type Smb2Signer,
} from './signing.js';
export { PREAUTH_HASH_BYTES, preauthInitial, preauthUpdate } from './preauth.js';
export { CIPHERS, cipherInfo, nonceLength, type CipherId, type CipherInfo } from './ciphers.js';
export { decryptMessage, encryptMessage, type DecryptMessageInput, type EncryptMessageInput } from './transform.js';
export { NonceCounter } from './nonce.js';
