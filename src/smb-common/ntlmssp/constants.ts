// MS-NLMP 2.2 message constants.

/** 'NTLMSSP\0' (MS-NLMP 2.2.1). */
export const NTLMSSP_SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');

/** MessageType field (MS-NLMP 2.2.1.1-2.2.1.3). */
export const NtlmMessageType = {
  NEGOTIATE: 0x00000001,
  CHALLENGE: 0x00000002,
  AUTHENTICATE: 0x00000003,
} as const;

/** NegotiateFlags bits (MS-NLMP 2.2.2.5). */
export const NegotiateFlags = {
  NTLMSSP_NEGOTIATE_UNICODE: 0x00000001,
  NTLM_NEGOTIATE_OEM: 0x00000002,
  NTLMSSP_REQUEST_TARGET: 0x00000004,
  NTLMSSP_NEGOTIATE_SIGN: 0x00000010,
  NTLMSSP_NEGOTIATE_SEAL: 0x00000020,
  NTLMSSP_NEGOTIATE_DATAGRAM: 0x00000040,
  NTLMSSP_NEGOTIATE_LM_KEY: 0x00000080,
  NTLMSSP_NEGOTIATE_NTLM: 0x00000200,
  NTLMSSP_ANONYMOUS: 0x00000800,
  NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED: 0x00001000,
  NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED: 0x00002000,
  NTLMSSP_NEGOTIATE_ALWAYS_SIGN: 0x00008000,
  NTLMSSP_TARGET_TYPE_DOMAIN: 0x00010000,
  NTLMSSP_TARGET_TYPE_SERVER: 0x00020000,
  NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY: 0x00080000,
  NTLMSSP_NEGOTIATE_IDENTIFY: 0x00100000,
  NTLMSSP_REQUEST_NON_NT_SESSION_KEY: 0x00400000,
  NTLMSSP_NEGOTIATE_TARGET_INFO: 0x00800000,
  NTLMSSP_NEGOTIATE_VERSION: 0x02000000,
  NTLMSSP_NEGOTIATE_128: 0x20000000,
  NTLMSSP_NEGOTIATE_KEY_EXCH: 0x40000000,
  NTLMSSP_NEGOTIATE_56: 0x80000000,
} as const;

/** AvId values of an AV_PAIR (MS-NLMP 2.2.2.1). */
export const AvId = {
  MsvAvEOL: 0x0000,
  MsvAvNbComputerName: 0x0001,
  MsvAvNbDomainName: 0x0002,
  MsvAvDnsComputerName: 0x0003,
  MsvAvDnsDomainName: 0x0004,
  MsvAvDnsTreeName: 0x0005,
  MsvAvFlags: 0x0006,
  MsvAvTimestamp: 0x0007,
  MsvAvSingleHost: 0x0008,
  MsvAvTargetName: 0x0009,
  MsvAvChannelBindings: 0x000a,
} as const;

/** Bits of the MsvAvFlags value (MS-NLMP 2.2.2.1). */
export const MsvAvFlags = {
  /** The account authentication is constrained. */
  CONSTRAINED: 0x00000001,
  /** The client provides message integrity in the MIC field of the AUTHENTICATE_MESSAGE. */
  MIC_PRESENT: 0x00000002,
  /** The client provides a target SPN generated from an untrusted source. */
  SPN_UNTRUSTED: 0x00000004,
} as const;

/** NTLMRevisionCurrent of the VERSION structure (MS-NLMP 2.2.2.10): NTLMSSP_REVISION_W2K3. */
export const NTLMSSP_REVISION_W2K3 = 0x0f;

/** NTLMv2_CLIENT_CHALLENGE RespType / HiRespType (MS-NLMP 2.2.2.7). */
export const NTLMV2_RESPONSE_VERSION = 0x01;

/**
 * Flags a client offers in its NEGOTIATE_MESSAGE: Unicode, NTLMv2 with extended session
 * security, signing with a 128-bit exchanged key, and the VERSION field (as Samba's and
 * Windows' clients do).
 */
export const DEFAULT_CLIENT_FLAGS =
  (NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE |
    NegotiateFlags.NTLMSSP_REQUEST_TARGET |
    NegotiateFlags.NTLMSSP_NEGOTIATE_SIGN |
    NegotiateFlags.NTLMSSP_NEGOTIATE_NTLM |
    NegotiateFlags.NTLMSSP_NEGOTIATE_ALWAYS_SIGN |
    NegotiateFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY |
    NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION |
    NegotiateFlags.NTLMSSP_NEGOTIATE_128 |
    NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH |
    NegotiateFlags.NTLMSSP_NEGOTIATE_56) >>>
  0; // as an unsigned 32-bit value (0xe2088215)
