import { Reader, Writer } from '../../wire/index.js';
import { decodeOidContents, encodeOidContents, readTlv, writeTlv } from './der.js';

// RFC 2743 3.1: InitialContextToken ::= [APPLICATION 0] IMPLICIT SEQUENCE { thisMech MechType,
// innerContextToken ANY DEFINED BY thisMech }.

const TAG_APPLICATION_0 = 0x60;
const TAG_OID = 0x06;

export function wrapGssToken(mechOid: string, inner: Uint8Array): Buffer {
  const body = new Writer(inner.length + 16);
  writeTlv(body, TAG_OID, encodeOidContents(mechOid));
  body.bytes(inner);
  const w = new Writer(inner.length + 24);
  writeTlv(w, TAG_APPLICATION_0, body.finish());
  return w.finish();
}

export function unwrapGssToken(buf: Buffer): { mech: string; inner: Buffer } {
  const outer = readTlv(new Reader(buf));
  if (outer.tag !== TAG_APPLICATION_0) outer.value.fail(`GSS-API token tag 0x${outer.tag.toString(16)}, expected 0x60`);
  const oid = readTlv(outer.value);
  if (oid.tag !== TAG_OID) oid.value.fail('GSS-API thisMech is not an OBJECT IDENTIFIER');
  return { mech: decodeOidContents(oid.value), inner: outer.value.rest() };
}
