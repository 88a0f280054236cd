export * from './constants.js';
export { NtlmError } from './errors.js';
export { type NtlmVersion, DEFAULT_NTLM_VERSION } from './version.js';
export { type AvPair, type TargetInfo, decodeAvPairs, encodeAvPairs, describeAvPairs } from './av-pairs.js';
export { type NegotiateMessage, type NegotiateOptions, encodeNegotiateMessage, decodeNegotiateMessage } from './negotiate.js';
export { type ChallengeMessage, decodeChallengeMessage, decodeChallengeMessage as parseChallenge } from './challenge.js';
export {
  type AuthenticateFields,
  type AuthenticateMessage,
  encodeAuthenticateMessage,
  decodeAuthenticateMessage,
  decodeAuthenticateMessage as parseAuthenticate,
} from './authenticate.js';
export { hmacMd5, ntHash, ntowfv2, ntlmv2Temp, ntProofStr, computeNtlmv2Response, lmv2Response, type Ntlmv2Response } from './ntlmv2.js';
export { rc4, Rc4 } from './rc4.js';
export { NtlmSessionSecurity, signKey, sealKey, ntlmSignature, type NtlmDirection } from './session-security.js';
export { computeMic, verifyMic } from './mic.js';
export { ntlmNegotiate, ntlmAuthenticate, type NtlmAuthenticateOptions, type NtlmAuthenticateResult } from './client.js';
export { recoverSessionKey, type RecoverSessionKeyOptions } from './recover.js';
