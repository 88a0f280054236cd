import { DecodeError, Reader } from '../../wire/index.js';
import { decodeNegTokenInit, type NegTokenInit } from './neg-token-init.js';
import { decodeNegTokenResp, type NegTokenResp } from './neg-token-resp.js';

/** Any SPNEGO token a session carries, told apart by its first octet (for decoding captures). */
export type SpnegoToken = { kind: 'init'; token: NegTokenInit } | { kind: 'resp'; token: NegTokenResp };

export function decodeSpnegoToken(buf: Buffer): SpnegoToken {
  const first = buf.length > 0 ? new Reader(buf).u8() : -1;
  if (first === 0x60 || first === 0xa0) return { kind: 'init', token: decodeNegTokenInit(buf) };
  if (first === 0xa1) return { kind: 'resp', token: decodeNegTokenResp(buf) };
  throw new DecodeError(`not an SPNEGO token (first octet ${first})`, 0);
}
