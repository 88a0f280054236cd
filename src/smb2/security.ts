/** What a session (or a tree) needs from the connection to protect its messages. */
export interface MessageSecurity {
  /** Sign each element with this algorithm and key (MS-SMB2 3.2.4.1.1). */
  sign?: { algorithm: number; key: Buffer };
  /** Encrypt the whole message in a TRANSFORM_HEADER (MS-SMB2 3.2.4.1.8). */
  encrypt?: { cipher: number; key: Buffer; sessionId: bigint };
}

/** How the connection checks and opens what a session receives. */
export interface SessionKeys {
  signAlgorithm: number;
  signingKey: Buffer;
  /** Every response must be signed or encrypted (signing required or the session encrypts). */
  requireSigned: boolean;
  cipher?: number;
  decryptionKey?: Buffer;
}
