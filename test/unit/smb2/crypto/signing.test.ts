import { createCipheriv, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aesCmac } from '../../../../src/smb2/crypto/cmac.js';
import { Smb2Dialects } from '../../../../src/smb2/protocol/constants.js';
import { createSigner, gmacNonce, SigningAlgorithm, signingAlgorithmFor, signMessage, verifyMessage } from '../../../../src/smb2/crypto/signing.js';
import { DecodeError } from '../../../../src/wire/index.js';
import { hex } from './hex.js';

const KEY = hex('73FE7A9A77BEF0BDE49C650D8CCB5F76');
const ALGORITHMS = [SigningAlgorithm.HMAC_SHA256, SigningAlgorithm.AES_CMAC, SigningAlgorithm.AES_GMAC] as const;

/** An SMB2 READ request header (MS-SMB2 2.2.1.2) followed by a body, signature zero, SIGNED flag clear. */
function request(opts: { command?: number; flags?: number; messageId?: bigint; bodyLength?: number } = {}): Buffer {
  const header = hex(`
    FE534D42                          -- ProtocolId
    4000                              -- StructureSize: 64
    0100                              -- CreditCharge
    00000000                          -- ChannelSequence/Reserved
    ${(opts.command ?? 0x0008).toString(16).padStart(2, '0')}00 -- Command
    0100                              -- CreditRequest
    ${Buffer.from(new Uint32Array([opts.flags ?? 0]).buffer).toString('hex')} -- Flags
    00000000                          -- NextCommand
    ${Buffer.from(new BigUint64Array([opts.messageId ?? 0x2an]).buffer).toString('hex')} -- MessageId
    FFFE0000                          -- Reserved (ProcessId)
    01000000                          -- TreeId
    2500000000100000                  -- SessionId
    00000000000000000000000000000000  -- Signature
  `.replace(/--[^\n]*/g, ''));
  const body = Buffer.alloc(opts.bodyLength ?? 49);
  for (let i = 0; i < body.length; i++) body[i] = (i * 29 + 3) & 0xff;
  return Buffer.concat([header, body]);
}

/** The element with a zero signature field, as the MAC is computed over it. */
function zeroed(element: Buffer): Buffer {
  const z = Buffer.from(element);
  z.fill(0, 48, 64);
  return z;
}

describe('gmacNonce (MS-SMB2 3.1.4.1)', () => {
  it('is MessageId little-endian, then bit 0 for a response and bit 1 for CANCEL', () => {
    const id = 0x0102030405060708n;
    expect(gmacNonce(id, 0x0, 0x0008).toString('hex')).toBe('0807060504030201' + '00000000');
    expect(gmacNonce(id, 0x1, 0x0008).toString('hex')).toBe('0807060504030201' + '01000000');
    expect(gmacNonce(id, 0x0, 0x000c).toString('hex')).toBe('0807060504030201' + '02000000');
    expect(gmacNonce(id, 0x1, 0x000c).toString('hex')).toBe('0807060504030201' + '03000000');
  });

  it('takes no other header flag into the nonce', () => {
    expect(gmacNonce(5n, 0x0000000a | 0x10000000, 0x0005).toString('hex')).toBe('0500000000000000' + '00000000');
    expect(gmacNonce(0xffffffffffffffffn, 0x00000009, 0x0001).toString('hex')).toBe('ffffffffffffffff' + '01000000');
  });
});

describe('signMessage / verifyMessage', () => {
  for (const alg of ALGORITHMS) {
    it(`algorithm ${alg}: sets SMB2_FLAGS_SIGNED, writes a signature that verifies, leaves verify's input unchanged`, () => {
      const m = request();
      signMessage(alg, KEY, m);
      expect(m.readUInt32LE(16) & 0x8).toBe(0x8);
      expect(m.subarray(48, 64).equals(Buffer.alloc(16))).toBe(false);
      const before = Buffer.from(m);
      expect(verifyMessage(alg, KEY, m)).toBe(true);
      expect(m.equals(before)).toBe(true);
    });

    it(`algorithm ${alg}: any flipped bit (header, body, signature) fails, and the buffer is restored`, () => {
      const m = request();
      signMessage(alg, KEY, m);
      for (const at of [0x0c, 0x10, 0x18, 0x28, 0x30, 0x3f, 0x40, m.length - 1]) {
        const t = Buffer.from(m);
        t[at] ^= 0x04;
        const copy = Buffer.from(t);
        expect(verifyMessage(alg, KEY, t), `bit flipped at ${at}`).toBe(false);
        expect(t.equals(copy)).toBe(true);
      }
      const otherKey = Buffer.from(KEY);
      otherKey[15] ^= 1;
      expect(verifyMessage(alg, otherKey, m)).toBe(false);
    });

    it(`algorithm ${alg}: a message in pieces signs as the whole message`, () => {
      const whole = request({ bodyLength: 1000 });
      const pieces = [Buffer.from(whole.subarray(0, 64 + 48)), Buffer.from(whole.subarray(112, 113)), Buffer.from(whole.subarray(113))];
      signMessage(alg, KEY, whole);
      signMessage(alg, KEY, pieces);
      expect(pieces[0].subarray(0, 64).equals(whole.subarray(0, 64))).toBe(true);
      expect(verifyMessage(alg, KEY, pieces)).toBe(true);
      pieces[2][500] ^= 1;
      expect(verifyMessage(alg, KEY, pieces)).toBe(false);
    });
  }

  it('HMAC-SHA256 (2.x): the first 16 bytes of HMAC-SHA256 over the message with the SIGNED flag set and a zero signature', () => {
    const m = request();
    signMessage(SigningAlgorithm.HMAC_SHA256, KEY, m);
    const expected = createHmac('sha256', KEY).update(zeroed(m)).digest().subarray(0, 16);
    expect(m.subarray(48, 64).toString('hex')).toBe(expected.toString('hex'));
  });

  it('AES-CMAC (3.0+): the CMAC of the message with the SIGNED flag set and a zero signature', () => {
    const m = request();
    signMessage(SigningAlgorithm.AES_CMAC, KEY, m);
    expect(m.subarray(48, 64).toString('hex')).toBe(aesCmac(KEY, zeroed(m)).toString('hex'));
  });

  it('AES-GMAC (3.1.1): the AES-128-GCM tag with the message as AAD and the nonce from MessageId, role and CANCEL', () => {
    const gcmTag = (aad: Buffer, nonce: string): string => {
      const c = createCipheriv('aes-128-gcm', KEY, hex(nonce));
      c.setAAD(aad);
      c.final();
      return c.getAuthTag().toString('hex');
    };
    const req = request({ messageId: 0x1234n });
    signMessage(SigningAlgorithm.AES_GMAC, KEY, req);
    expect(req.subarray(48, 64).toString('hex')).toBe(gcmTag(zeroed(req), '3412000000000000' + '00000000'));

    const resp = request({ messageId: 0x1234n, flags: 0x1 });
    signMessage(SigningAlgorithm.AES_GMAC, KEY, resp);
    expect(resp.subarray(48, 64).toString('hex')).toBe(gcmTag(zeroed(resp), '3412000000000000' + '01000000'));

    const cancel = request({ command: 0x000c, messageId: 0x1234n });
    signMessage(SigningAlgorithm.AES_GMAC, KEY, cancel);
    expect(cancel.subarray(48, 64).toString('hex')).toBe(gcmTag(zeroed(cancel), '3412000000000000' + '02000000'));
    expect(cancel.subarray(48, 64).toString('hex')).not.toBe(gcmTag(zeroed(cancel), '3412000000000000' + '00000000'));
  });

  it('a signer is reusable across messages', () => {
    const signer = createSigner(SigningAlgorithm.AES_CMAC, KEY);
    const a = request({ messageId: 1n });
    const b = request({ messageId: 2n });
    signer.sign(a);
    signer.sign(b);
    expect(signer.verify(a) && signer.verify(b)).toBe(true);
    expect(a.subarray(48, 64).equals(b.subarray(48, 64))).toBe(false);
  });

  it('throws DecodeError for input that is not a whole SMB2 header', () => {
    expect(() => verifyMessage(SigningAlgorithm.AES_CMAC, KEY, request().subarray(0, 63))).toThrow(DecodeError);
    const notSmb2 = request();
    notSmb2[0] = 0xfd;
    expect(() => verifyMessage(SigningAlgorithm.AES_CMAC, KEY, notSmb2)).toThrow(DecodeError);
  });

  it('rejects unknown algorithms, wrong key lengths and empty input', () => {
    expect(() => signMessage(3, KEY, request())).toThrow(RangeError);
    expect(() => signMessage(SigningAlgorithm.AES_GMAC, Buffer.alloc(32), request())).toThrow(RangeError);
    expect(() => signMessage(SigningAlgorithm.AES_CMAC, Buffer.alloc(8), request())).toThrow(RangeError);
    expect(() => signMessage(SigningAlgorithm.AES_CMAC, KEY, [])).toThrow(RangeError);
  });
});

describe('signingAlgorithmFor (MS-SMB2 3.1.4.1)', () => {
  it('HMAC-SHA256 for 2.x, AES-CMAC for 3.0/3.0.2, the negotiated one (default AES-CMAC) for 3.1.1', () => {
    expect(signingAlgorithmFor(Smb2Dialects.SMB_2_0_2)).toBe(SigningAlgorithm.HMAC_SHA256);
    expect(signingAlgorithmFor(Smb2Dialects.SMB_2_1)).toBe(SigningAlgorithm.HMAC_SHA256);
    expect(signingAlgorithmFor(Smb2Dialects.SMB_3_0)).toBe(SigningAlgorithm.AES_CMAC);
    expect(signingAlgorithmFor(Smb2Dialects.SMB_3_0_2, SigningAlgorithm.AES_GMAC)).toBe(SigningAlgorithm.AES_CMAC);
    expect(signingAlgorithmFor(Smb2Dialects.SMB_3_1_1)).toBe(SigningAlgorithm.AES_CMAC);
    expect(signingAlgorithmFor(Smb2Dialects.SMB_3_1_1, SigningAlgorithm.AES_GMAC)).toBe(SigningAlgorithm.AES_GMAC);
    expect(() => signingAlgorithmFor(Smb2Dialects.SMB_3_1_1, 7)).toThrow(RangeError);
  });
});
