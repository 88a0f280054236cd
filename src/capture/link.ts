import { Reader } from '../wire/reader.js';
import { BSD_AF_INET, BSD_AF_INET6, ETHERTYPE, ETHERTYPE_MIN, LINKTYPE } from './link-types.js';

export type NetworkProtocol = 'ipv4' | 'ipv6';

/** What a link-layer header carries, when it is IP. */
export interface NetworkLayer {
  protocol: NetworkProtocol;
  /** A window over the IP packet inside the frame (offsets stay absolute for errors). */
  reader: Reader;
}

/** Skips the link-layer header of a frame; undefined for a link type or payload that is not IP (ARP, LLC/NetBEUI, IPX...). */
export function networkLayer(linkType: number, data: Buffer): NetworkLayer | undefined {
  const r = new Reader(data);
  switch (linkType) {
    case LINKTYPE.ETHERNET:
      return ethernet(r);
    case LINKTYPE.LINUX_SLL:
      return linuxCooked(r);
    case LINKTYPE.LINUX_SLL2:
      return linuxCooked2(r);
    case LINKTYPE.RAW:
    case LINKTYPE.RAW_BSD:
    case LINKTYPE.RAW_OPENBSD:
      return rawIp(r);
    case LINKTYPE.IPV4:
      return { protocol: 'ipv4', reader: r };
    case LINKTYPE.IPV6:
      return { protocol: 'ipv6', reader: r };
    case LINKTYPE.NULL:
      return bsdLoopback(r, false);
    case LINKTYPE.LOOP:
      return bsdLoopback(r, true);
    default:
      return undefined;
  }
}

function byEtherType(type: number, r: Reader): NetworkLayer | undefined {
  if (type === ETHERTYPE.IPV4) return { protocol: 'ipv4', reader: r.sub(r.remaining) };
  if (type === ETHERTYPE.IPV6) return { protocol: 'ipv6', reader: r.sub(r.remaining) };
  return undefined;
}

/** Ethernet II (IEEE 802.3 3.1.1) with any number of 802.1Q / 802.1ad tags. */
function ethernet(r: Reader): NetworkLayer | undefined {
  r.skip(12); // destination, source MAC
  let type = r.u16be();
  while (type === ETHERTYPE.VLAN || type === ETHERTYPE.QINQ || type === ETHERTYPE.QINQ_LEGACY) {
    r.skip(2); // TCI: priority, DEI, VLAN id
    type = r.u16be();
  }
  if (type < ETHERTYPE_MIN) return undefined; // 802.3 length: LLC (NetBEUI, IPX over 802.2, STP...)
  return byEtherType(type, r);
}

/** LINKTYPE_LINUX_SLL: packet type, ARPHRD type, address length, 8 address bytes, protocol. */
function linuxCooked(r: Reader): NetworkLayer | undefined {
  r.skip(2 + 2 + 2 + 8);
  return byEtherType(r.u16be(), r);
}

/** LINKTYPE_LINUX_SLL2: protocol, reserved, interface index, ARPHRD type, packet type, address length, 8 address bytes. */
function linuxCooked2(r: Reader): NetworkLayer | undefined {
  const type = r.u16be();
  r.skip(2 + 4 + 2 + 1 + 1 + 8);
  return byEtherType(type, r);
}

/** Raw IP: the version nibble of the first byte says which. */
function rawIp(r: Reader): NetworkLayer | undefined {
  const version = r.at(0, 1).u8() >> 4;
  if (version === 4) return { protocol: 'ipv4', reader: r };
  if (version === 6) return { protocol: 'ipv6', reader: r };
  return undefined;
}

/** DLT_NULL (host byte order, guessed: families are small) and DLT_LOOP (network byte order). */
function bsdLoopback(r: Reader, networkOrder: boolean): NetworkLayer | undefined {
  const head = r.at(0, 4);
  let family = networkOrder ? head.u32be() : head.u32le();
  if (!networkOrder && family > 0xffff) family = head.seek(0).u32be();
  r.skip(4);
  if (family === BSD_AF_INET) return { protocol: 'ipv4', reader: r.sub(r.remaining) };
  if (BSD_AF_INET6.has(family)) return { protocol: 'ipv6', reader: r.sub(r.remaining) };
  return undefined;
}
