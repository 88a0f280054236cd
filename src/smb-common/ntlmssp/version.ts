import type { Reader, Writer } from '../../wire/index.js';
import { NTLMSSP_REVISION_W2K3 } from './constants.js';

// MS-NLMP 2.2.2.10 VERSION: ProductMajorVersion (1), ProductMinorVersion (1), ProductBuild (2),
// Reserved (3), NTLMRevisionCurrent (1).

export interface NtlmVersion {
  major: number;
  minor: number;
  build: number;
  revision: number;
}

/** What netfs advertises: 6.1 (as Samba's client does), NTLMSSP_REVISION_W2K3. */
export const DEFAULT_NTLM_VERSION: NtlmVersion = { major: 6, minor: 1, build: 0, revision: NTLMSSP_REVISION_W2K3 };

export const ZERO_NTLM_VERSION: NtlmVersion = { major: 0, minor: 0, build: 0, revision: 0 };

export function encodeVersion(w: Writer, v: NtlmVersion): void {
  w.u8(v.major).u8(v.minor).u16le(v.build).zeros(3).u8(v.revision);
}

export function decodeVersion(r: Reader): NtlmVersion {
  const major = r.u8();
  const minor = r.u8();
  const build = r.u16le();
  r.skip(3);
  const revision = r.u8();
  return { major, minor, build, revision };
}
