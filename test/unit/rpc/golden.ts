/** Golden bytes written one XDR field per line: bytes('00000001', '80000000', ...) with a comment per field. */
export function bytes(...fields: string[]): Buffer {
  const hex = fields.join('').replace(/\s+/g, '');
  if (!/^([0-9a-f]{2})*$/i.test(hex)) throw new Error(`bad golden hex: ${hex}`);
  return Buffer.from(hex, 'hex');
}

/** ASCII text as hex, for readable golden strings. */
export function ascii(s: string): string {
  return Buffer.from(s, 'latin1').toString('hex');
}

/** Runs fn and returns what it threw (undefined when it returned). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}
