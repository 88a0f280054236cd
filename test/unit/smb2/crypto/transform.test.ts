import { describe, expect, it } from 'vitest';
import { EncryptionCipher } from '../../../../src/smb2/protocol/negotiate-contexts.js';
import { decryptMessage, encryptMessage } from '../../../../src/smb2/crypto/transform.js';
import { readTransformHeader as readHeaderOf } from '../../../../src/smb2/protocol/transform.js';
import { ProtocolError } from '../../../../src/vfs/errors.js';
import { DecodeError, Reader } from '../../../../src/wire/index.js';

const readTransformHeader = (message: Buffer) => readHeaderOf(new Reader(message));
import { hex } from './hex.js';
import { SMB30_ENCRYPTION_BLOG, SMB311_ENCRYPTION_BLOG } from './vectors.js';

const ALL_CIPHERS = [EncryptionCipher.AES_128_CCM, EncryptionCipher.AES_128_GCM, EncryptionCipher.AES_256_CCM, EncryptionCipher.AES_256_GCM] as const;
const keyFor = (cipher: number): Buffer => Buffer.alloc(cipher >= EncryptionCipher.AES_256_CCM ? 32 : 16, 0x11 * cipher);
const nonceFor = (cipher: number): Buffer => Buffer.alloc(cipher === EncryptionCipher.AES_128_CCM || cipher === EncryptionCipher.AES_256_CCM ? 11 : 12, 0xa5);

/** A fake SMB2 message: a header-looking start and a patterned body. */
function message(length: number): Buffer {
  const m = Buffer.alloc(length);
  for (let i = 0; i < length; i++) m[i] = (i * 131 + 7) & 0xff;
  hex('FE534D42').copy(m);
  return m;
}

describe('SMB 3.0 AES-128-CCM: Microsoft\'s published example', () => {
  const v = SMB30_ENCRYPTION_BLOG;

  it('encrypts the WRITE request to the published transform message', () => {
    const [header, ...ciphertext] = encryptMessage({
      cipher: EncryptionCipher.AES_128_CCM,
      key: hex(v.encryptionKey),
      nonce: hex(v.request.nonce),
      sessionId: v.sessionId,
      plaintext: hex(v.request.plaintext),
    });
    const expectedHeader = hex(`
      FD534D42                          -- ProtocolId
      ${v.request.signature}            -- Signature: the AES-128-CCM tag
      ${v.request.nonce}                -- Nonce: the whole field as Windows 8 sent it
      87000000                          -- OriginalMessageSize: 135
      0000                              -- Reserved
      0100                              -- EncryptionAlgorithm: SMB2_ENCRYPTION_AES128_CCM
      1100001400E40800                  -- SessionId: 0x0008E40014000011
    `.replace(/--[^\n]*/g, ''));
    expect(header.toString('hex')).toBe(expectedHeader.toString('hex'));
    expect(Buffer.concat(ciphertext).toString('hex')).toBe(hex(v.request.ciphertext).toString('hex'));
  });

  it('decrypts the published WRITE response', () => {
    const plaintext = decryptMessage({ cipher: EncryptionCipher.AES_128_CCM, key: hex(v.decryptionKey), message: hex(v.response.transform) });
    expect(plaintext.toString('hex')).toBe(hex(v.response.plaintext).toString('hex'));
  });
});

describe('SMB 3.1.1 AES-128-GCM: Microsoft\'s published example', () => {
  const v = SMB311_ENCRYPTION_BLOG;

  it('encrypts the WRITE request to the published transform message, also from pieces', () => {
    const plaintext = hex(v.request.plaintext);
    for (const pieces of [[plaintext], [plaintext.subarray(0, 64), plaintext.subarray(64, 112), plaintext.subarray(112)]]) {
      const out = encryptMessage({ cipher: EncryptionCipher.AES_128_GCM, key: hex(v.encryptionKey), nonce: hex(v.request.nonce), sessionId: v.sessionId, plaintext: pieces });
      expect(out.length).toBe(1 + pieces.length);
      expect(out[0].subarray(4, 20).toString('hex')).toBe(hex(v.request.signature).toString('hex'));
      expect(Buffer.concat(out.slice(1)).toString('hex')).toBe(hex(v.request.ciphertext).toString('hex'));
    }
  });

  it('decrypts the published WRITE response', () => {
    const plaintext = decryptMessage({ cipher: EncryptionCipher.AES_128_GCM, key: hex(v.decryptionKey), message: hex(v.response.transform) });
    expect(plaintext.toString('hex')).toBe(hex(v.response.plaintext).toString('hex'));
  });

  it('reads the header to find the session before decrypting', () => {
    expect(readTransformHeader(hex(v.response.transform)).sessionId).toBe(v.sessionId);
  });
});

describe('encryptMessage / decryptMessage round trips', () => {
  for (const cipher of ALL_CIPHERS) {
    it(`cipher ${cipher}: round trip of one buffer and of pieces, header fields right`, () => {
      const plain = message(1000);
      for (const plaintext of [plain, [plain.subarray(0, 64), plain.subarray(64, 65), plain.subarray(65)]]) {
        const out = encryptMessage({ cipher, key: keyFor(cipher), nonce: nonceFor(cipher), sessionId: 0x1122334455667788n, plaintext });
        const wire = Buffer.concat(out);
        const h = readTransformHeader(wire);
        expect(h.originalMessageSize).toBe(1000);
        expect(h.flags).toBe(1);
        expect(h.sessionId).toBe(0x1122334455667788n);
        expect(h.nonce.subarray(0, nonceFor(cipher).length).equals(nonceFor(cipher))).toBe(true);
        expect(h.nonce.subarray(nonceFor(cipher).length).equals(Buffer.alloc(16 - nonceFor(cipher).length))).toBe(true);
        expect(wire.subarray(52).equals(plain)).toBe(false);
        expect(decryptMessage({ cipher, key: keyFor(cipher), message: wire }).equals(plain)).toBe(true);
      }
    });

    it(`cipher ${cipher}: a flipped bit in the ciphertext, the tag or the header fails with ProtocolError`, () => {
      const wire = Buffer.concat(encryptMessage({ cipher, key: keyFor(cipher), nonce: nonceFor(cipher), sessionId: 7n, plaintext: message(200) }));
      for (const at of [52, 52 + 199, 4, 19, 20, 44]) {
        const tampered = Buffer.from(wire);
        tampered[at] ^= 0x01;
        expect(() => decryptMessage({ cipher, key: keyFor(cipher), message: tampered }), `bit flipped at ${at}`).toThrow(ProtocolError);
      }
      const otherKey = Buffer.from(keyFor(cipher));
      otherKey[0] ^= 0x80;
      expect(() => decryptMessage({ cipher, key: otherKey, message: wire })).toThrow(/did not verify/);
    });
  }

  it('round trips an empty message', () => {
    const wire = Buffer.concat(encryptMessage({ cipher: EncryptionCipher.AES_128_GCM, key: keyFor(2), nonce: nonceFor(2), sessionId: 1n, plaintext: Buffer.alloc(0) }));
    expect(wire.length).toBe(52);
    expect(decryptMessage({ cipher: EncryptionCipher.AES_128_GCM, key: keyFor(2), message: wire }).length).toBe(0);
  });

  it('the GCM ciphertext chunks are the only copies: one per non-empty piece', () => {
    const big = message(1 << 20);
    const out = encryptMessage({ cipher: EncryptionCipher.AES_128_GCM, key: keyFor(2), nonce: nonceFor(2), sessionId: 1n, plaintext: [big.subarray(0, 112), big.subarray(112)] });
    expect(out.map((b) => b.length)).toEqual([52, 112, (1 << 20) - 112]);
  });
});

describe('malformed transform messages and bad arguments', () => {
  const cipher = EncryptionCipher.AES_128_GCM;
  const wire = Buffer.concat(encryptMessage({ cipher, key: keyFor(cipher), nonce: nonceFor(cipher), sessionId: 1n, plaintext: message(100) }));

  it('throws DecodeError when OriginalMessageSize disagrees with the bytes that follow', () => {
    expect(() => decryptMessage({ cipher, key: keyFor(cipher), message: wire.subarray(0, wire.length - 1) })).toThrow(DecodeError);
    expect(() => decryptMessage({ cipher, key: keyFor(cipher), message: Buffer.concat([wire, Buffer.alloc(1)]) })).toThrow(DecodeError);
  });

  it('throws DecodeError for a ProtocolId other than 0xFD "SMB"', () => {
    const bad = Buffer.from(wire);
    bad[0] = 0xfe;
    expect(() => decryptMessage({ cipher, key: keyFor(cipher), message: bad })).toThrow(DecodeError);
  });

  it('throws DecodeError for Flags other than 0x0001 and for a truncated header', () => {
    const bad = Buffer.from(wire);
    bad.writeUInt16LE(2, 42);
    expect(() => decryptMessage({ cipher, key: keyFor(cipher), message: bad })).toThrow(DecodeError);
    expect(() => decryptMessage({ cipher, key: keyFor(cipher), message: wire.subarray(0, 30) })).toThrow(DecodeError);
  });

  it('rejects keys and nonces of the wrong length and unknown ciphers', () => {
    expect(() => encryptMessage({ cipher, key: Buffer.alloc(32), nonce: nonceFor(cipher), sessionId: 1n, plaintext: message(80) })).toThrow(RangeError);
    expect(() => encryptMessage({ cipher, key: keyFor(cipher), nonce: Buffer.alloc(11), sessionId: 1n, plaintext: message(80) })).toThrow(RangeError);
    expect(() => encryptMessage({ cipher: 5, key: keyFor(cipher), nonce: nonceFor(cipher), sessionId: 1n, plaintext: message(80) })).toThrow(RangeError);
    expect(() => decryptMessage({ cipher: EncryptionCipher.AES_256_GCM, key: keyFor(cipher), message: wire })).toThrow(RangeError);
  });
});
