/** Bytes from hex text; whitespace (line breaks, spaces) is ignored. */
export function hex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex');
}
