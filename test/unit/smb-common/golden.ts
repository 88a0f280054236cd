/** Golden bytes written one field per line: bytes('0c00', '0c00', ...) with a comment per field. */
export function bytes(...fields: string[]): Buffer {
  const hex = fields.join('').replace(/\s+/g, '');
  if (!/^([0-9a-f]{2})*$/i.test(hex)) throw new Error(`bad golden hex: ${hex}`);
  return Buffer.from(hex, 'hex');
}

/** UTF-16LE bytes of a string, for readable golden names. */
export function utf16(s: string): string {
  return Buffer.from(s, 'utf16le').toString('hex');
}
