/** RFC 1071 one's-complement sum of 16-bit big-endian words, across parts as if they were one buffer. */
export function onesComplementSum(parts: readonly Uint8Array[], initial = 0): number {
  let sum = initial;
  let odd = false;
  for (const p of parts) {
    let i = 0;
    if (odd && p.length > 0) {
      sum += p[0]; // the low byte of the word the previous part began
      i = 1;
      odd = false;
    }
    for (; i + 1 < p.length; i += 2) sum += (p[i] << 8) | p[i + 1];
    if (i < p.length) {
      sum += p[i] << 8;
      odd = true;
    }
  }
  return sum;
}

/** RFC 1071 Internet checksum: the one's complement of the folded one's-complement sum. */
export function internetChecksum(parts: readonly Uint8Array[], initial = 0): number {
  let sum = onesComplementSum(parts, initial);
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}
