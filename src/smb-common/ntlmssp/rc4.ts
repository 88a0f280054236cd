// RC4 (ARCFOUR), used by MS-NLMP 6 RC4K/RC4Init/RC4: the session key exchange (3.4.5.1) and the
// sealing of signatures (3.4.4.2). Node 20's default OpenSSL 3 provider no longer offers RC4,
// so it lives here (it is tiny).

/** A keyed RC4 stream (RC4Init(handle, key)); update() continues the keystream (RC4(handle, data)). */
export class Rc4 {
  private readonly s = new Uint8Array(256);
  private i = 0;
  private j = 0;

  constructor(key: Uint8Array) {
    if (key.length === 0 || key.length > 256) throw new RangeError(`RC4 key of ${key.length} bytes`);
    const s = this.s;
    for (let i = 0; i < 256; i++) s[i] = i;
    for (let i = 0, j = 0; i < 256; i++) {
      j = (j + s[i] + key[i % key.length]) & 0xff;
      const t = s[i];
      s[i] = s[j];
      s[j] = t;
    }
  }

  update(data: Uint8Array): Buffer {
    const s = this.s;
    const out = Buffer.allocUnsafe(data.length);
    let { i, j } = this;
    for (let n = 0; n < data.length; n++) {
      i = (i + 1) & 0xff;
      j = (j + s[i]) & 0xff;
      const t = s[i];
      s[i] = s[j];
      s[j] = t;
      out[n] = data[n] ^ s[(s[i] + s[j]) & 0xff];
    }
    this.i = i;
    this.j = j;
    return out;
  }
}

/** RC4K(key, data): one-shot RC4 encryption (= decryption) of data under key. */
export function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  return new Rc4(key).update(data);
}
