import { createHash } from 'node:crypto';

/** Length of the SHA-512 preauth integrity hash value (HashAlgorithm SHA_512, MS-SMB2 2.2.3.1.1, the only one defined). */
export const PREAUTH_HASH_BYTES = 64;

/** The initial Connection.PreauthIntegrityHashValue: 64 zero bytes (MS-SMB2 3.2.4.2.2.2). A fresh buffer each call. */
export function preauthInitial(): Buffer {
  return Buffer.alloc(PREAUTH_HASH_BYTES);
}

/**
 * One step of the 3.1.1 preauth integrity hash (MS-SMB2 3.2.4.2.2.2, 3.2.5.2, 3.2.5.3.1):
 * H' = SHA-512(H || message), where message is one whole SMB2 message as sent or received
 * (from its 0xFE 'SMB' header to its end, without the 4-byte transport header).
 *
 * What to chain: the connection hash starts at zero and takes the NEGOTIATE request and the
 * NEGOTIATE response. Each session's hash starts from the connection hash and takes every
 * SESSION_SETUP request and every SESSION_SETUP response except the final successful one
 * (STATUS_SUCCESS), which is signed with keys derived from the hash and so cannot be in it.
 */
export function preauthUpdate(prev: Buffer, message: Buffer): Buffer {
  if (prev.length !== PREAUTH_HASH_BYTES) throw new RangeError(`preauth hash must be ${PREAUTH_HASH_BYTES} bytes, got ${prev.length}`);
  return createHash('sha512').update(prev).update(message).digest();
}
