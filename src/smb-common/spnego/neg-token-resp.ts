import { DecodeError } from '../../wire/index.js';
import { optionalBuffer, parseAsn, serializeAsn, toArrayBuffer } from './asn.js';
import { isNegState, type NegStateValue } from './neg-state.js';
import { NegotiationTokenAsn, NegTokenRespAsn } from './schema.js';

// RFC 4178 4.2.2 NegTokenResp, the [1] alternative of NegotiationToken (not GSS-wrapped).

export interface NegTokenResp {
  negState?: NegStateValue;
  supportedMech?: string;
  responseToken?: Buffer;
  mechListMIC?: Buffer;
}

export interface NegTokenRespOptions {
  negState?: NegStateValue;
  supportedMech?: string;
  responseToken?: Uint8Array;
  mechListMIC?: Uint8Array;
}

export function encodeNegTokenResp(resp: NegTokenRespOptions): Buffer {
  const r = new NegTokenRespAsn();
  if (resp.negState !== undefined) r.negState = resp.negState;
  if (resp.supportedMech !== undefined) r.supportedMech = resp.supportedMech;
  if (resp.responseToken) r.responseToken = toArrayBuffer(resp.responseToken);
  if (resp.mechListMIC) r.mechListMIC = toArrayBuffer(resp.mechListMIC);
  const choice = new NegotiationTokenAsn();
  choice.negTokenResp = r;
  return serializeAsn(choice);
}

export function decodeNegTokenResp(buf: Buffer): NegTokenResp {
  const choice = parseAsn(buf, NegotiationTokenAsn, 'SPNEGO NegotiationToken');
  const r = choice.negTokenResp;
  if (!r) throw new DecodeError('SPNEGO token is not a NegTokenResp', 0);
  const out: NegTokenResp = {};
  if (r.negState !== undefined) {
    if (!isNegState(r.negState)) throw new DecodeError(`negState ${String(r.negState)} out of range`, 0);
    out.negState = r.negState;
  }
  if (r.supportedMech !== undefined) {
    if (typeof r.supportedMech !== 'string') throw new DecodeError('supportedMech is not an OID', 0);
    out.supportedMech = r.supportedMech;
  }
  const responseToken = optionalBuffer(r.responseToken, 'responseToken');
  const mechListMIC = optionalBuffer(r.mechListMIC, 'mechListMIC');
  if (responseToken) out.responseToken = responseToken;
  if (mechListMIC) out.mechListMIC = mechListMIC;
  return out;
}
