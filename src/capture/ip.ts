import type { Reader } from '../wire/reader.js';
import { readIpv4Address, readIpv6Address } from './address.js';
import type { NetworkLayer } from './link.js';

/** IANA protocol numbers used here (the Next Header / Protocol field). */
export const IP_PROTOCOL = {
  IPV6_HOP_BY_HOP: 0,
  TCP: 6,
  UDP: 17,
  IPV6_ROUTING: 43,
  IPV6_FRAGMENT: 44,
  ESP: 50,
  AH: 51,
  IPV6_NO_NEXT: 59,
  IPV6_DESTINATION: 60,
  MOBILITY: 135,
  HIP: 139,
  SHIM6: 140,
} as const;

/** IPv6 extension headers laid out as Next Header, Hdr Ext Len (8-octet units, not counting the first 8) (RFC 8200 4). */
const GENERIC_EXTENSIONS = new Set<number>([
  IP_PROTOCOL.IPV6_HOP_BY_HOP,
  IP_PROTOCOL.IPV6_ROUTING,
  IP_PROTOCOL.IPV6_DESTINATION,
  IP_PROTOCOL.MOBILITY,
  IP_PROTOCOL.HIP,
  IP_PROTOCOL.SHIM6,
]);

/** RFC 791 3.1 flags and fragment offset. */
const IPV4_MORE_FRAGMENTS = 0x2000;
const IPV4_FRAGMENT_OFFSET = 0x1fff;
/** RFC 8200 4.5: fragment offset (13 bits) and M flag. */
const IPV6_FRAGMENT_OFFSET = 0xfff8;
const IPV6_MORE_FRAGMENTS = 0x0001;

/** An IP packet with its headers read. */
export interface IpPacket {
  version: 4 | 6;
  src: string;
  dst: string;
  /** Upper-layer protocol (after any IPv6 extension headers). */
  protocol: number;
  /** One piece of a fragmented datagram: the payload is not a whole upper-layer packet. */
  fragmented: boolean;
  /** The upper-layer bytes the IP header announces. */
  declaredLength: number;
  /** A window over the captured upper-layer bytes (shorter than declaredLength when the snap length cut them). */
  payload: Reader;
}

export function readIpPacket(net: NetworkLayer): IpPacket {
  return net.protocol === 'ipv4' ? readIpv4(net.reader) : readIpv6(net.reader);
}

/** IPv4 header (RFC 791 3.1), options skipped. */
function readIpv4(r: Reader): IpPacket {
  const versionIhl = r.u8();
  if (versionIhl >> 4 !== 4) r.seek(0).fail(`IPv4 header has version ${versionIhl >> 4}`);
  const headerLength = (versionIhl & 0x0f) * 4;
  if (headerLength < 20) r.seek(0).fail(`IPv4 header length ${headerLength} is below 20`);
  r.skip(1); // type of service
  const totalLength = r.u16be();
  r.skip(2); // identification
  const fragment = r.u16be();
  r.skip(1); // time to live
  const protocol = r.u8();
  r.skip(2); // header checksum
  const src = readIpv4Address(r);
  const dst = readIpv4Address(r);
  r.skip(headerLength - 20); // options
  // A total length of 0 is what TCP segmentation offload leaves in captures: take what is there.
  const declaredLength = totalLength === 0 ? r.remaining : totalLength - headerLength;
  if (declaredLength < 0) r.fail(`IPv4 total length ${totalLength} is below its header length ${headerLength}`);
  const fragmented = (fragment & IPV4_MORE_FRAGMENTS) !== 0 || (fragment & IPV4_FRAGMENT_OFFSET) !== 0;
  return { version: 4, src, dst, protocol, fragmented, declaredLength, payload: r.sub(Math.min(declaredLength, r.remaining)) };
}

/** IPv6 header (RFC 8200 3) and extension headers (RFC 8200 4; AH: RFC 4302 2). */
function readIpv6(r: Reader): IpPacket {
  const first = r.u32be();
  if (first >>> 28 !== 6) r.seek(0).fail(`IPv6 header has version ${first >>> 28}`);
  const payloadLength = r.u16be();
  let next = r.u8();
  r.skip(1); // hop limit
  const src = readIpv6Address(r);
  const dst = readIpv6Address(r);
  // A payload length of 0 means a jumbogram (RFC 2675) or offload: take what is there.
  const declared = payloadLength === 0 ? r.remaining : payloadLength;
  const body = r.sub(Math.min(declared, r.remaining));
  let fragmented = false;
  for (;;) {
    if (GENERIC_EXTENSIONS.has(next)) {
      next = body.u8();
      body.skip(body.u8() * 8 + 6);
    } else if (next === IP_PROTOCOL.IPV6_FRAGMENT) {
      next = body.u8();
      body.skip(1);
      const offsetFlags = body.u16be();
      body.skip(4); // identification
      fragmented ||= (offsetFlags & IPV6_FRAGMENT_OFFSET) !== 0 || (offsetFlags & IPV6_MORE_FRAGMENTS) !== 0;
    } else if (next === IP_PROTOCOL.AH) {
      next = body.u8();
      body.skip((body.u8() + 2) * 4 - 2);
    } else {
      break;
    }
  }
  const declaredLength = declared - body.pos;
  return { version: 6, src, dst, protocol: next, fragmented, declaredLength, payload: body.sub(body.remaining) };
}
