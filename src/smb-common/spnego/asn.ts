import { AsnParser, AsnSerializer } from '@peculiar/asn1-schema';
import { DecodeError, Reader } from '../../wire/index.js';
import { readTlv } from './der.js';

type Ctor<T> = new () => T;

/** Parses exactly one DER TLV as type T; anything the ASN.1 library rejects becomes a DecodeError. */
export function parseAsn<T>(buf: Buffer, type: Ctor<T>, what: string): T {
  const tlv = readTlv(new Reader(buf)); // bounds the parse to one TLV, checked by the wire Reader
  const bytes = buf.subarray(0, tlv.length);
  try {
    return AsnParser.parse(bytes, type);
  } catch (e) {
    throw new DecodeError(`malformed ${what}: ${e instanceof Error ? e.message : String(e)}`, 0);
  }
}

export function serializeAsn(value: object): Buffer {
  return Buffer.from(AsnSerializer.serialize(value));
}

/** A copy of bytes as the ArrayBuffer the ASN.1 library stores OCTET STRINGs in. */
export function toArrayBuffer(b: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(b.length);
  new Uint8Array(out).set(b);
  return out;
}

export function optionalBuffer(v: unknown, what: string): Buffer | undefined {
  if (v === undefined) return undefined;
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  throw new DecodeError(`${what} is not an OCTET STRING`, 0);
}
