/**
 * Joins hex fields into one Buffer, so a golden message can be written one field per
 * line. Spaces inside a field are ignored. Throws on anything that is not whole bytes.
 */
export function hex(...fields: string[]): Buffer {
  const text = fields.join('').replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(text)) throw new Error(`not whole hex bytes: ${text}`);
  return Buffer.from(text, 'hex');
}

/** n zero bytes as hex, for padding and empty signatures in goldens. */
export function zeros(n: number): string {
  return '00'.repeat(n);
}
