/** LINKTYPE_* values (tcpdump.org link-layer header types) this reader understands. */
export const LINKTYPE = {
  /** BSD loopback: 4-byte address family in the capturing host's byte order. */
  NULL: 0,
  ETHERNET: 1,
  /** DLT_RAW as BSD numbered it; seen in some files instead of 101. */
  RAW_BSD: 12,
  /** DLT_RAW as OpenBSD numbered it. */
  RAW_OPENBSD: 14,
  /** Raw IP: version nibble decides IPv4 or IPv6. */
  RAW: 101,
  /** OpenBSD loopback: 4-byte address family in network byte order. */
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

/** EtherType values (IEEE 802; IANA ieee-802-numbers). */
export const ETHERTYPE = {
  IPV4: 0x0800,
  IPV6: 0x86dd,
  /** 802.1Q customer VLAN tag. */
  VLAN: 0x8100,
  /** 802.1ad service VLAN tag (QinQ). */
  QINQ: 0x88a8,
  /** Pre-standard QinQ tag. */
  QINQ_LEGACY: 0x9100,
} as const;

/** Below this an 802.3 type/length field is a length (an LLC frame), not an EtherType. */
export const ETHERTYPE_MIN = 0x0600;

/** BSD address families in DLT_NULL / DLT_LOOP headers: AF_INET everywhere, AF_INET6 per OS. */
export const BSD_AF_INET = 2;
export const BSD_AF_INET6 = new Set([
  10, // Linux
  24, // NetBSD, OpenBSD, BSD/OS
  28, // FreeBSD, DragonFly BSD
  30, // macOS, iOS
]);
