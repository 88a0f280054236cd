import { hmacMd5 } from './ntlmv2.js';

// MS-NLMP 3.1.5.1.2: MIC = HMAC_MD5(ExportedSessionKey, ConcatenationOf(NEGOTIATE_MESSAGE,
// CHALLENGE_MESSAGE, AUTHENTICATE_MESSAGE)), computed with the MIC field set to Z(16).

export function computeMic(exportedSessionKey: Uint8Array, negotiate: Uint8Array, challenge: Uint8Array, authenticate: Uint8Array, micOffset: number): Buffer {
  const zeroed = Buffer.from(authenticate);
  zeroed.fill(0, micOffset, micOffset + 16);
  return hmacMd5(exportedSessionKey, negotiate, challenge, zeroed);
}

/** Writes the MIC into an encoded AUTHENTICATE_MESSAGE (in place). */
export function fillMic(authenticate: Buffer, micOffset: number, exportedSessionKey: Uint8Array, negotiate: Uint8Array, challenge: Uint8Array): void {
  computeMic(exportedSessionKey, negotiate, challenge, authenticate, micOffset).copy(authenticate, micOffset);
}

/** Checks the MIC of a received AUTHENTICATE_MESSAGE. */
export function verifyMic(exportedSessionKey: Uint8Array, negotiate: Uint8Array, challenge: Uint8Array, authenticate: Buffer, micOffset: number): boolean {
  const expected = computeMic(exportedSessionKey, negotiate, challenge, authenticate, micOffset);
  return expected.equals(authenticate.subarray(micOffset, micOffset + 16));
}
