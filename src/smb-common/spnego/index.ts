export * from './oids.js';
export { NegState, type NegStateValue } from './neg-state.js';
export { wrapGssToken, unwrapGssToken } from './gss.js';
export {
  type NegTokenInit,
  type NegTokenInit2,
  type NegHints,
  type NegTokenInitOptions,
  encodeNegTokenInit,
  decodeNegTokenInit,
  decodeNegTokenInit2,
} from './neg-token-init.js';
export { type NegTokenResp, type NegTokenRespOptions, encodeNegTokenResp, decodeNegTokenResp } from './neg-token-resp.js';
export { type SpnegoToken, decodeSpnegoToken } from './token.js';
export { encodeMechTypeList } from './mech-list.js';
