import type { Reader } from '../wire/reader.js';
import { IP_PROTOCOL, readIpPacket, type IpPacket } from './ip.js';
import { networkLayer } from './link.js';
import type { CapturedPacket } from './types.js';

/** TCP control bits (RFC 9293 3.1; AE from RFC 3540/9768, formerly NS). */
export const TCP_FLAG = {
  FIN: 0x001,
  SYN: 0x002,
  RST: 0x004,
  PSH: 0x008,
  ACK: 0x010,
  URG: 0x020,
  ECE: 0x040,
  CWR: 0x080,
  AE: 0x100,
} as const;

/** TCP option kinds (RFC 9293 3.2; IANA tcp-parameters). */
export const TCP_OPTION = {
  END_OF_LIST: 0,
  NO_OPERATION: 1,
  MAXIMUM_SEGMENT_SIZE: 2,
  WINDOW_SCALE: 3,
  SACK_PERMITTED: 4,
  SACK: 5,
  TIMESTAMPS: 8,
} as const;

export interface TcpOption {
  kind: number;
  /** The option's value bytes (after kind and length); empty for single-byte options. */
  data: Buffer;
}

/** Where a transport-layer packet came from and went to. */
export interface PortPair {
  frame: number;
  timestampNs: bigint;
  ipVersion: 4 | 6;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
}

export interface TcpSegment extends PortPair {
  seq: number;
  ack: number;
  /** TCP_FLAG bits. */
  flags: number;
  window: number;
  options: TcpOption[];
  /** The captured payload (a view of the frame). */
  payload: Buffer;
  /** Payload length the IP header announces; larger than payload.length when the snap length cut it. */
  payloadLength: number;
}

export interface UdpDatagram extends PortPair {
  payload: Buffer;
}

/**
 * Reads a frame down to its IP header. Undefined when the frame is not IP (LLC/NetBEUI,
 * ARP, an unknown link type); throws DecodeError when an IP header is malformed.
 */
export function decodeIp(packet: CapturedPacket): IpPacket | undefined {
  const net = networkLayer(packet.linkType, packet.data);
  return net && readIpPacket(net);
}

/** The TCP segment a frame carries; undefined when it carries none (or an IP fragment of one). Malformed headers throw DecodeError. */
export function decodeTcp(packet: CapturedPacket): TcpSegment | undefined {
  const ip = decodeIp(packet);
  if (!ip || ip.protocol !== IP_PROTOCOL.TCP || ip.fragmented) return undefined;
  return readTcp(packet, ip);
}

/** The UDP datagram a frame carries (RFC 768); undefined when none (or an IP fragment of one). */
export function decodeUdp(packet: CapturedPacket): UdpDatagram | undefined {
  const ip = decodeIp(packet);
  if (!ip || ip.protocol !== IP_PROTOCOL.UDP || ip.fragmented) return undefined;
  const r = ip.payload;
  const srcPort = r.u16be();
  const dstPort = r.u16be();
  const length = r.u16be();
  r.skip(2); // checksum
  if (length !== 0 && length < 8) r.fail(`UDP length ${length} is below its header length`);
  const payload = r.bytes(Math.min(length === 0 ? r.remaining : length - 8, r.remaining));
  return { frame: packet.frame, timestampNs: packet.timestampNs, ipVersion: ip.version, src: ip.src, dst: ip.dst, srcPort, dstPort, payload };
}

/** TCP header (RFC 9293 3.1). */
function readTcp(packet: CapturedPacket, ip: IpPacket): TcpSegment {
  const r = ip.payload;
  const srcPort = r.u16be();
  const dstPort = r.u16be();
  const seq = r.u32be();
  const ack = r.u32be();
  const offsetFlags = r.u16be();
  const window = r.u16be();
  r.skip(4); // checksum, urgent pointer
  const headerLength = (offsetFlags >> 12) * 4;
  if (headerLength < 20) r.fail(`TCP data offset ${headerLength} is below 20`);
  const options = readTcpOptions(r.sub(headerLength - 20));
  const payload = r.rest();
  return {
    frame: packet.frame,
    timestampNs: packet.timestampNs,
    ipVersion: ip.version,
    src: ip.src,
    dst: ip.dst,
    srcPort,
    dstPort,
    seq,
    ack,
    flags: offsetFlags & 0x1ff,
    window,
    options,
    payload,
    payloadLength: Math.max(payload.length, ip.declaredLength - headerLength),
  };
}

/** TCP options (RFC 9293 3.2): kinds 0 and 1 are one byte, every other kind has a length byte counting kind and length. */
function readTcpOptions(r: Reader): TcpOption[] {
  const options: TcpOption[] = [];
  while (r.remaining > 0) {
    const kind = r.u8();
    if (kind === TCP_OPTION.END_OF_LIST) break;
    if (kind === TCP_OPTION.NO_OPERATION) continue;
    const length = r.u8();
    if (length < 2) r.fail(`TCP option ${kind} has length ${length}`);
    options.push({ kind, data: r.bytes(length - 2) });
  }
  return options;
}
