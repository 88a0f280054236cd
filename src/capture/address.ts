import type { Reader } from '../wire/reader.js';

/** Reads 4 bytes as a dotted-quad IPv4 address. */
export function readIpv4Address(r: Reader): string {
  return `${r.u8()}.${r.u8()}.${r.u8()}.${r.u8()}`;
}

/** Reads 16 bytes as an IPv6 address in RFC 5952 4 text form (IPv4-mapped addresses per RFC 5952 5). */
export function readIpv6Address(r: Reader): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(r.u16be());
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${groups[6] >> 8}.${groups[6] & 0xff}.${groups[7] >> 8}.${groups[7] & 0xff}`;
  }
  const [zeroStart, zeroLength] = longestZeroRun(groups);
  const hex = groups.map((g) => g.toString(16));
  if (zeroLength < 2) return hex.join(':');
  return `${hex.slice(0, zeroStart).join(':')}::${hex.slice(zeroStart + zeroLength).join(':')}`;
}

/** The first longest run of zero groups (RFC 5952 4.2.3): [start, length]. */
function longestZeroRun(groups: number[]): [number, number] {
  let best: [number, number] = [0, 0];
  let start = -1;
  for (let i = 0; i <= groups.length; i++) {
    if (i < groups.length && groups[i] === 0) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start > best[1]) best = [start, i - start];
      start = -1;
    }
  }
  return best;
}

/** Parses a dotted-quad IPv4 address into its 4 bytes; undefined when s is not one. */
export function parseIpv4Address(s: string): Buffer | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return Buffer.from(parts.map(Number));
}

/** `ip:port`, with IPv6 addresses in brackets (RFC 5952 6). */
export function endpointString(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
