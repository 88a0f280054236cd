/** A frame that cannot be decoded: truncated, an offset or length pointing outside it, a bad value. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  readonly code = 'ERR_NETFS_DECODE';
  constructor(
    message: string,
    /** Byte offset, from the start of the outermost buffer, where decoding failed. */
    readonly offset: number,
  ) {
    super(`${message} (at offset ${offset})`);
  }
}
