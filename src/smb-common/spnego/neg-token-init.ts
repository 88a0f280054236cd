import { DecodeError, Reader } from '../../wire/index.js';
import { optionalBuffer, parseAsn, serializeAsn, toArrayBuffer } from './asn.js';
import { unwrapGssToken, wrapGssToken } from './gss.js';
import { OID_NTLMSSP, OID_SPNEGO } from './oids.js';
import { MechTypeList, NegHintsAsn, NegotiationToken2Asn, NegotiationTokenAsn, NegTokenInitAsn } from './schema.js';

// RFC 4178 4.2.1 NegTokenInit (client) and MS-SPNG 2.2.1 NegTokenInit2 (the server's hint in the
// SMB2 NEGOTIATE response, MS-SMB2 2.2.4), both inside the GSS-API InitialContextToken.

export interface NegTokenInit {
  mechTypes: string[];
  mechToken?: Buffer;
  mechListMIC?: Buffer;
}

export interface NegHints {
  hintName?: string;
  hintAddress?: Buffer;
}

export interface NegTokenInit2 {
  mechTypes: string[];
  mechToken?: Buffer;
  negHints?: NegHints;
  mechListMIC?: Buffer;
}

export interface NegTokenInitOptions {
  /** Defaults to [NTLMSSP]. */
  mechTypes?: string[];
  /** The optimistic token of the first mechanism (an NTLM NEGOTIATE_MESSAGE). */
  mechToken?: Uint8Array;
  mechListMIC?: Uint8Array;
}

/** The client's first SPNEGO token, wrapped in the GSS-API InitialContextToken. */
export function encodeNegTokenInit(opts: NegTokenInitOptions = {}): Buffer {
  const init = new NegTokenInitAsn();
  init.mechTypes = new MechTypeList(opts.mechTypes ?? [OID_NTLMSSP]);
  if (opts.mechToken) init.mechToken = toArrayBuffer(opts.mechToken);
  if (opts.mechListMIC) init.mechListMIC = toArrayBuffer(opts.mechListMIC);
  const choice = new NegotiationTokenAsn();
  choice.negTokenInit = init;
  return wrapGssToken(OID_SPNEGO, serializeAsn(choice));
}

/** The NegotiationToken inside a GSS-API token (or a bare one). */
function innerToken(buf: Buffer): Buffer {
  if (buf.length > 0 && new Reader(buf).u8() === 0x60) {
    const { mech, inner } = unwrapGssToken(buf);
    if (mech !== OID_SPNEGO) throw new DecodeError(`GSS-API token for ${mech}, not SPNEGO`, 0);
    return inner;
  }
  return buf;
}

function mechTypesOf(v: unknown): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((m) => typeof m === 'string')) throw new DecodeError('mechTypes is not a list of OIDs', 0);
  return [...v];
}

export function decodeNegTokenInit(buf: Buffer): NegTokenInit {
  const choice = parseAsn(innerToken(buf), NegotiationTokenAsn, 'SPNEGO NegotiationToken');
  const init = choice.negTokenInit;
  if (!init) throw new DecodeError('SPNEGO token is not a NegTokenInit', 0);
  const out: NegTokenInit = { mechTypes: mechTypesOf(init.mechTypes) };
  const mechToken = optionalBuffer(init.mechToken, 'mechToken');
  const mechListMIC = optionalBuffer(init.mechListMIC, 'mechListMIC');
  if (mechToken) out.mechToken = mechToken;
  if (mechListMIC) out.mechListMIC = mechListMIC;
  return out;
}

function hintsOf(h: NegHintsAsn | undefined): NegHints | undefined {
  if (h === undefined) return undefined;
  const out: NegHints = {};
  if (h.hintName !== undefined) {
    if (typeof h.hintName !== 'string') throw new DecodeError('hintName is not a GeneralString', 0);
    out.hintName = h.hintName;
  }
  const address = optionalBuffer(h.hintAddress, 'hintAddress');
  if (address) out.hintAddress = address;
  return out;
}

/** The server's NegTokenInit2 hint (the security buffer of the SMB2 NEGOTIATE response). */
export function decodeNegTokenInit2(buf: Buffer): NegTokenInit2 {
  const choice = parseAsn(innerToken(buf), NegotiationToken2Asn, 'SPNEGO NegTokenInit2');
  const init = choice.negTokenInit;
  if (!init) throw new DecodeError('SPNEGO token is not a NegTokenInit2', 0);
  const out: NegTokenInit2 = { mechTypes: mechTypesOf(init.mechTypes) };
  const mechToken = optionalBuffer(init.mechToken, 'mechToken');
  const negHints = hintsOf(init.negHints);
  const mechListMIC = optionalBuffer(init.mechListMIC, 'mechListMIC');
  if (mechToken) out.mechToken = mechToken;
  if (negHints) out.negHints = negHints;
  if (mechListMIC) out.mechListMIC = mechListMIC;
  return out;
}
