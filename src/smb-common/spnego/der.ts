import { Reader, Writer } from '../../wire/index.js';

// X.690 8.1.2-8.1.3: the identifier and length octets of one BER/DER TLV, read and written with
// the bounds-checked wire codecs (the GSS-API wrapper, RFC 2743 3.1, is framed by hand).

export interface Tlv {
  tag: number;
  /** The value (contents octets) as a child reader. */
  value: Reader;
  /** Bytes of the whole TLV. */
  length: number;
}

/** Reads one TLV with a single-octet tag and a definite length (short or long form, up to 4 length octets). */
export function readTlv(r: Reader): Tlv {
  const start = r.pos;
  const tag = r.u8();
  if ((tag & 0x1f) === 0x1f) r.fail(`multi-octet ASN.1 tag 0x${tag.toString(16)}`);
  let len = r.u8();
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0) r.fail('indefinite ASN.1 length');
    if (n > 4) r.fail(`ASN.1 length of ${n} octets`);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + r.u8();
  }
  const value = r.sub(len);
  return { tag, value, length: r.pos - start };
}

/** Writes a TLV with the DER (shortest) length form. */
export function writeTlv(w: Writer, tag: number, value: Uint8Array): void {
  w.u8(tag);
  const n = value.length;
  if (n < 0x80) w.u8(n);
  else if (n <= 0xff) w.u8(0x81).u8(n);
  else if (n <= 0xffff) w.u8(0x82).u16be(n);
  else w.u8(0x84).u32be(n);
  w.bytes(value);
}

/** X.690 8.19: the contents octets of an OBJECT IDENTIFIER. */
export function encodeOidContents(oid: string): Buffer {
  const arcs = oid.split('.').map((s) => {
    if (!/^\d+$/.test(s)) throw new RangeError(`bad OID ${oid}`);
    return Number(s);
  });
  if (arcs.length < 2 || arcs[0] > 2) throw new RangeError(`bad OID ${oid}`);
  const w = new Writer(16);
  const subs = [arcs[0] * 40 + arcs[1], ...arcs.slice(2)];
  for (const v of subs) {
    const groups: number[] = [];
    let x = v;
    do {
      groups.unshift(x % 128);
      x = Math.floor(x / 128);
    } while (x > 0);
    groups.forEach((g, i) => w.u8(i < groups.length - 1 ? g | 0x80 : g));
  }
  return w.finish();
}

/** Decodes the contents octets of an OBJECT IDENTIFIER. */
export function decodeOidContents(r: Reader): string {
  if (r.remaining === 0) r.fail('empty OBJECT IDENTIFIER');
  const arcs: number[] = [];
  while (r.remaining > 0) {
    let v = 0;
    let b: number;
    do {
      b = r.u8();
      v = v * 128 + (b & 0x7f);
      if (v > Number.MAX_SAFE_INTEGER / 128) r.fail('OBJECT IDENTIFIER arc too large');
    } while (b & 0x80);
    arcs.push(v);
  }
  const first = arcs[0] < 80 ? Math.floor(arcs[0] / 40) : 2;
  return [first, arcs[0] - first * 40, ...arcs.slice(1)].join('.');
}
