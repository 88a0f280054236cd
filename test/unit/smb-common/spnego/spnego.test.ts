import { describe, expect, it } from 'vitest';
import {
  decodeNegTokenInit,
  decodeNegTokenInit2,
  decodeNegTokenResp,
  decodeSpnegoToken,
  encodeMechTypeList,
  encodeNegTokenInit,
  encodeNegTokenResp,
  NegState,
  OID_KRB5,
  OID_MS_KRB5,
  OID_NTLMSSP,
  OID_SPNEGO,
  unwrapGssToken,
  wrapGssToken,
} from '../../../../src/smb-common/spnego/index.js';
import { DecodeError } from '../../../../src/wire/index.js';
import { bytes } from '../golden.js';
import { expectEveryTruncationThrows } from '../truncation.js';

const NTLM_NEGOTIATE = Buffer.from('4e544c4d53535000010000001582086200000000280000000000000028000000060100000000000f', 'hex');
const HINT = Buffer.from('not_defined_in_RFC4178@please_ignore', 'latin1').toString('hex');

// smbd 4.22's SMB2 NEGOTIATE response security buffer (reference capture frame 6).
const SERVER_HINT = bytes(
  '60', '48', // [APPLICATION 0], 72 bytes (RFC 2743 3.1)
  '06', '06', '2b0601050502', // thisMech 1.3.6.1.5.5.2 (SPNEGO)
  'a0', '3e', // [0] negTokenInit
  '30', '3c', // NegTokenInit2 SEQUENCE
  'a0', '0e', '30', '0c', '06', '0a', '2b06010401823702020a', // [0] mechTypes: NTLMSSP
  'a3', '2a', '30', '28', // [3] negHints SEQUENCE
  'a0', '26', '1b', '24', HINT, // [0] hintName GeneralString
);

// smbclient's first SESSION_SETUP token (frame 8).
const CLIENT_INIT = bytes(
  '60', '48', // [APPLICATION 0]
  '06', '06', '2b0601050502', // thisMech SPNEGO
  'a0', '3e', '30', '3c', // [0] negTokenInit SEQUENCE
  'a0', '0e', '30', '0c', '06', '0a', '2b06010401823702020a', // [0] mechTypes: NTLMSSP
  'a2', '2a', '04', '28', NTLM_NEGOTIATE.toString('hex'), // [2] mechToken OCTET STRING
);

// smbd's final SESSION_SETUP token (frame 11).
const SERVER_DONE = bytes(
  'a1', '1b', '30', '19', // [1] negTokenResp SEQUENCE
  'a0', '03', '0a', '01', '00', // [0] negState ENUMERATED accept-completed
  'a3', '12', '04', '10', '01000000d69eead76207b0c300000000', // [3] mechListMIC
);

describe('SPNEGO (RFC 4178, MS-SPNG)', () => {
  it("decodes the server's NegTokenInit2 hint", () => {
    expect(decodeNegTokenInit2(SERVER_HINT)).toEqual({
      mechTypes: [OID_NTLMSSP],
      negHints: { hintName: 'not_defined_in_RFC4178@please_ignore' },
    });
  });

  it("encodes the client's NegTokenInit exactly as smbclient does, and decodes it", () => {
    expect(encodeNegTokenInit({ mechToken: NTLM_NEGOTIATE })).toEqual(CLIENT_INIT);
    expect(decodeNegTokenInit(CLIENT_INIT)).toEqual({ mechTypes: [OID_NTLMSSP], mechToken: NTLM_NEGOTIATE });
  });

  it('carries several mechanisms and a mechListMIC', () => {
    const token = encodeNegTokenInit({ mechTypes: [OID_MS_KRB5, OID_KRB5, OID_NTLMSSP], mechListMIC: Buffer.from([1, 2]) });
    expect(decodeNegTokenInit(token)).toEqual({ mechTypes: [OID_MS_KRB5, OID_KRB5, OID_NTLMSSP], mechListMIC: Buffer.from([1, 2]) });
  });

  it('encodes and decodes NegTokenResp', () => {
    expect(decodeNegTokenResp(SERVER_DONE)).toEqual({
      negState: NegState.ACCEPT_COMPLETED,
      mechListMIC: Buffer.from('01000000d69eead76207b0c300000000', 'hex'),
    });
    expect(encodeNegTokenResp({ negState: 0, mechListMIC: Buffer.from('01000000d69eead76207b0c300000000', 'hex') })).toEqual(SERVER_DONE);
    expect(encodeNegTokenResp({ responseToken: Buffer.from([0xaa]) })).toEqual(
      bytes(
        'a1', '07', '30', '05', // [1] negTokenResp SEQUENCE
        'a2', '03', '04', '01', 'aa', // [2] responseToken
      ),
    );
    const full = { negState: NegState.ACCEPT_INCOMPLETE, supportedMech: OID_NTLMSSP, responseToken: Buffer.from('abcd', 'hex'), mechListMIC: Buffer.from('01', 'hex') };
    expect(decodeNegTokenResp(encodeNegTokenResp(full))).toEqual(full);
  });

  it('tells tokens apart', () => {
    expect(decodeSpnegoToken(CLIENT_INIT).kind).toBe('init');
    expect(decodeSpnegoToken(SERVER_DONE).kind).toBe('resp');
    expect(() => decodeSpnegoToken(NTLM_NEGOTIATE)).toThrow(DecodeError);
    expect(() => decodeNegTokenResp(CLIENT_INIT.subarray(16))).toThrow(DecodeError);
    expect(() => decodeNegTokenInit(SERVER_DONE)).toThrow(DecodeError);
  });

  it('the mechListMIC input is the DER MechTypeList', () => {
    expect(encodeMechTypeList([OID_NTLMSSP])).toEqual(bytes('30', '0c', '06', '0a', '2b06010401823702020a'));
  });

  it('wraps and unwraps the GSS-API InitialContextToken, long lengths included', () => {
    const inner = Buffer.alloc(300, 7);
    const wrapped = wrapGssToken(OID_SPNEGO, inner);
    expect(wrapped.subarray(0, 4)).toEqual(bytes('60', '82', '0134')); // 0x134 = 308 = 8 (OID TLV) + 300
    expect(unwrapGssToken(wrapped)).toEqual({ mech: OID_SPNEGO, inner });
  });

  it('every truncation throws DecodeError', () => {
    expectEveryTruncationThrows(SERVER_HINT, decodeNegTokenInit2);
    expectEveryTruncationThrows(CLIENT_INIT, decodeNegTokenInit);
    expectEveryTruncationThrows(SERVER_DONE, decodeNegTokenResp);
  });

  it('malformed tokens only ever throw DecodeError', () => {
    let state = 12345;
    const rand = (n: number): number => {
      state = (state * 1103515245 + 12345) >>> 0;
      return state % n;
    };
    for (let i = 0; i < 1500; i++) {
      const src = [SERVER_HINT, CLIENT_INIT, SERVER_DONE][i % 3];
      const b = Buffer.from(src);
      for (let k = 0; k < 3; k++) b[rand(b.length)] = rand(256);
      for (const decode of [decodeNegTokenInit2, decodeNegTokenInit, decodeNegTokenResp, decodeSpnegoToken]) {
        try {
          decode(b);
        } catch (e) {
          expect(e).toBeInstanceOf(DecodeError);
        }
      }
    }
  });

  it('rejects a GSS token for another mechanism and an out-of-range negState', () => {
    expect(() => decodeNegTokenInit(wrapGssToken(OID_KRB5, Buffer.from([0xa0, 0x00])))).toThrow(DecodeError);
    expect(() => decodeNegTokenResp(bytes('a1', '07', '30', '05', 'a0', '03', '0a', '01', '07'))).toThrow(DecodeError);
  });
});
