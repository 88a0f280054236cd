/**
 * Throughput of SMB2 signing and encryption over one 1 MiB message, single core.
 * Not a test: run `node --import tsx test/unit/smb2/crypto/throughput.ts` and read the MB/s.
 */
import { createCipheriv } from 'node:crypto';
import { EncryptionCipher } from '../../../../src/smb2/protocol/negotiate-contexts.js';
import { createSigner, SigningAlgorithm } from '../../../../src/smb2/crypto/signing.js';
import { decryptMessage, encryptMessage } from '../../../../src/smb2/crypto/transform.js';

const SIZE = 1 << 20;
const message = Buffer.alloc(SIZE, 0x5a);
Buffer.from('fe534d424000', 'hex').copy(message); // ProtocolId, StructureSize 64

function measure(name: string, run: () => void): void {
  for (let i = 0; i < 20; i++) run(); // warm up
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < 1_000_000_000n) {
    run();
    n++;
    elapsed = process.hrtime.bigint() - start;
  }
  const mbs = (n * SIZE) / 1e6 / (Number(elapsed) / 1e9);
  console.log(`${name.padEnd(28)} ${mbs.toFixed(0).padStart(6)} MB/s`);
}

const key16 = Buffer.alloc(16, 1);
const key32 = Buffer.alloc(32, 1);
for (const [name, alg] of [['sign HMAC-SHA256', SigningAlgorithm.HMAC_SHA256], ['sign AES-CMAC', SigningAlgorithm.AES_CMAC], ['sign AES-GMAC', SigningAlgorithm.AES_GMAC]] as const) {
  const signer = createSigner(alg, key16);
  measure(name, () => signer.sign(message));
  measure(name.replace('sign', 'verify'), () => signer.verify(message));
}
{
  // The floor CMAC sits on: raw AES-128-CBC over the same bytes.
  const iv = Buffer.alloc(16);
  measure('(raw aes-128-cbc)', () => createCipheriv('aes-128-cbc', key16, iv).update(message));
}
for (const [name, cipher] of [['AES-128-CCM', EncryptionCipher.AES_128_CCM], ['AES-128-GCM', EncryptionCipher.AES_128_GCM], ['AES-256-CCM', EncryptionCipher.AES_256_CCM], ['AES-256-GCM', EncryptionCipher.AES_256_GCM]] as const) {
  const key = cipher >= EncryptionCipher.AES_256_CCM ? key32 : key16;
  const nonce = Buffer.alloc(cipher === EncryptionCipher.AES_128_CCM || cipher === EncryptionCipher.AES_256_CCM ? 11 : 12, 2);
  const wire = Buffer.concat(encryptMessage({ cipher, key, nonce, sessionId: 1n, plaintext: message }));
  measure(`encrypt ${name}`, () => encryptMessage({ cipher, key, nonce, sessionId: 1n, plaintext: message }));
  measure(`decrypt ${name}`, () => decryptMessage({ cipher, key, message: wire }));
}
