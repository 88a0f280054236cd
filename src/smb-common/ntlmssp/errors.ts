/** An NTLM exchange that cannot go on: a wrong password when recomputing a response, an NTLMv1-only peer. */
export class NtlmError extends Error {
  override readonly name = 'NtlmError';
  readonly code = 'ERR_NETFS_NTLM';
}
