import { serializeAsn } from './asn.js';
import { MechTypeList } from './schema.js';

/**
 * The DER MechTypeList, the bytes a mechListMIC is computed over (RFC 4178 5, MS-SPNG 3.1.5.1):
 * the mechTypes exactly as the client's NegTokenInit listed them.
 */
export function encodeMechTypeList(mechTypes: readonly string[]): Buffer {
  return serializeAsn(new MechTypeList([...mechTypes]));
}
