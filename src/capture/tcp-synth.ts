import type { Entropy } from '../transport/entropy.js';
import { Writer } from '../wire/writer.js';
import { parseIpv4Address } from './address.js';
import { internetChecksum, onesComplementSum } from './checksum.js';
import { IP_PROTOCOL } from './ip.js';
import { ETHERTYPE } from './link-types.js';
import { TCP_FLAG, TCP_OPTION } from './packet.js';

export interface TcpEndpoint {
  /** Dotted-quad IPv4 address. */
  ip: string;
  port: number;
}

/** One synthetic Ethernet frame: its headers and its payload, kept apart so the payload is copied only once, into the pcapng block. */
export interface SynthesizedFrame {
  timestampNs: bigint;
  parts: Buffer[];
}

export interface TcpSynthOptions {
  /** Timestamps: one nowNs() per frame. */
  clock: Pick<Entropy, 'nowNs'>;
  /** Default 127.0.0.1:49152 (the first IANA dynamic port). */
  client?: TcpEndpoint;
  /** Default 127.0.0.1:445. */
  server?: TcpEndpoint;
  clientIsn?: number;
  serverIsn?: number;
  /** Largest payload per segment; default LOOPBACK_MAX_SEGMENT. */
  maxSegment?: number;
  /** Compute TCP checksums (a pass over every payload byte); off by default, like checksum offload on loopback. */
  tcpChecksum?: boolean;
}

/** 65,535 (largest IPv4 total length) - 20 (IPv4 header) - 20 (TCP header): what one loopback segment carries. */
export const LOOPBACK_MAX_SEGMENT = 65_495;
export const DEFAULT_CLIENT: TcpEndpoint = { ip: '127.0.0.1', port: 49152 };
export const DEFAULT_SERVER: TcpEndpoint = { ip: '127.0.0.1', port: 445 };
const DEFAULT_CLIENT_ISN = 0x1000;
const DEFAULT_SERVER_ISN = 0x2000;

const ETHERNET_HEADER = 14;
const IPV4_HEADER = 20;
const TCP_HEADER = 20;
const IPV4_DONT_FRAGMENT = 0x4000;
const TTL = 64;
/** Window field of every segment; with the window scale below, 8 MiB. */
const WINDOW = 0xffff;
const WINDOW_SHIFT = 7;

interface Side {
  address: Buffer;
  port: number;
  /** Next sequence number this side sends. */
  seq: number;
  /** IPv4 identification counter. */
  ipId: number;
  finished: boolean;
}

/**
 * Frames a TCP conversation's payload bytes as Ethernet/IPv4/TCP between two endpoints,
 * with a 3-way handshake, consistent sequence and acknowledgment numbers, and FINs, so
 * that tshark reassembles the streams as sent. Deterministic for a deterministic clock.
 */
export class TcpSynthesizer {
  private readonly clock: Pick<Entropy, 'nowNs'>;
  private readonly client: Side;
  private readonly server: Side;
  private readonly maxSegment: number;
  private readonly tcpChecksum: boolean;
  private opened = false;

  constructor(options: TcpSynthOptions) {
    this.clock = options.clock;
    this.client = side(options.client ?? DEFAULT_CLIENT, options.clientIsn ?? DEFAULT_CLIENT_ISN);
    this.server = side(options.server ?? DEFAULT_SERVER, options.serverIsn ?? DEFAULT_SERVER_ISN);
    this.maxSegment = options.maxSegment ?? LOOPBACK_MAX_SEGMENT;
    if (!(this.maxSegment >= 1 && this.maxSegment <= LOOPBACK_MAX_SEGMENT)) throw new RangeError(`maxSegment ${this.maxSegment} outside 1..${LOOPBACK_MAX_SEGMENT}`);
    this.tcpChecksum = options.tcpChecksum ?? false;
  }

  /** SYN, SYN+ACK, ACK; nothing once the connection is open. */
  handshake(): SynthesizedFrame[] {
    if (this.opened) return [];
    this.opened = true;
    const c = this.client;
    const s = this.server;
    return [
      this.segment(c, s, TCP_FLAG.SYN, true, undefined, 1),
      this.segment(s, c, TCP_FLAG.SYN | TCP_FLAG.ACK, true, undefined, 1),
      this.segment(c, s, TCP_FLAG.ACK, false),
    ];
  }

  /** Payload bytes sent by one side, in segments of at most maxSegment bytes (handshake first if needed). */
  send(fromClient: boolean, payload: Buffer): SynthesizedFrame[] {
    const frames = this.handshake();
    const [from, to] = fromClient ? [this.client, this.server] : [this.server, this.client];
    for (let at = 0; at < payload.length; at += this.maxSegment) {
      const piece = payload.subarray(at, Math.min(payload.length, at + this.maxSegment));
      const last = at + piece.length >= payload.length;
      frames.push(this.segment(from, to, TCP_FLAG.ACK | (last ? TCP_FLAG.PSH : 0), false, piece, piece.length));
    }
    return frames;
  }

  /** That side closes: FIN+ACK, and the peer's ACK. Nothing if it already did. */
  finish(fromClient: boolean): SynthesizedFrame[] {
    const frames = this.handshake();
    const [from, to] = fromClient ? [this.client, this.server] : [this.server, this.client];
    if (from.finished) return frames;
    from.finished = true;
    frames.push(this.segment(from, to, TCP_FLAG.FIN | TCP_FLAG.ACK, false, undefined, 1));
    frames.push(this.segment(to, from, TCP_FLAG.ACK, false));
    return frames;
  }

  /** One frame; `advance` is the sequence space the segment uses (payload length, +1 for SYN or FIN). */
  private segment(from: Side, to: Side, flags: number, synOptions: boolean, payload?: Buffer, advance = 0): SynthesizedFrame {
    const options = synOptions ? synOptionBytes(this.maxSegment) : undefined;
    const tcpLength = TCP_HEADER + (options?.length ?? 0) + (payload?.length ?? 0);
    const w = new Writer(ETHERNET_HEADER + IPV4_HEADER + tcpLength - (payload?.length ?? 0));
    // Ethernet II (IEEE 802.3 3.1.1): loopback-style zero MACs
    w.zeros(6); // destination
    w.zeros(6); // source
    w.u16be(ETHERTYPE.IPV4);
    writeIpv4Header(w, from, to, IPV4_HEADER + tcpLength);
    // TCP header (RFC 9293 3.1)
    const tcpStart = w.length;
    w.u16be(from.port);
    w.u16be(to.port);
    w.u32be(from.seq);
    w.u32be(flags & TCP_FLAG.ACK ? to.seq : 0);
    w.u16be((((TCP_HEADER + (options?.length ?? 0)) / 4) << 12) | flags);
    w.u16be(WINDOW);
    const checksumAt = w.length;
    w.u16be(0); // checksum, patched below when asked for
    w.u16be(0); // urgent pointer
    if (options) w.bytes(options);
    const headers = w.finish();
    const parts = payload && payload.length > 0 ? [headers, payload] : [headers];
    if (this.tcpChecksum) {
      const pseudo = pseudoHeaderSum(from.address, to.address, tcpLength);
      const sum = internetChecksum([headers.subarray(tcpStart), ...parts.slice(1)], pseudo);
      headers.writeUInt16BE(sum, checksumAt);
    }
    from.seq = (from.seq + advance) >>> 0;
    return { timestampNs: this.clock.nowNs(), parts };
  }
}

function side(endpoint: TcpEndpoint, isn: number): Side {
  const address = parseIpv4Address(endpoint.ip);
  if (!address) throw new RangeError(`'${endpoint.ip}' is not a dotted-quad IPv4 address`);
  if (!Number.isInteger(endpoint.port) || endpoint.port < 0 || endpoint.port > 0xffff) throw new RangeError(`port ${endpoint.port} outside 0..65535`);
  return { address, port: endpoint.port, seq: isn >>> 0, ipId: 0, finished: false };
}

/** IPv4 header (RFC 791 3.1), no options, with its header checksum. */
function writeIpv4Header(w: Writer, from: Side, to: Side, totalLength: number): void {
  const start = w.length;
  w.u8(0x45); // version 4, IHL 5
  w.u8(0); // type of service
  w.u16be(totalLength);
  w.u16be(from.ipId);
  from.ipId = (from.ipId + 1) & 0xffff;
  w.u16be(IPV4_DONT_FRAGMENT);
  w.u8(TTL);
  w.u8(IP_PROTOCOL.TCP);
  const checksumAt = w.length;
  w.u16be(0);
  w.bytes(from.address);
  w.bytes(to.address);
  const sum = internetChecksum([w.view().subarray(start, start + IPV4_HEADER)]);
  w.patchBytes(checksumAt, Buffer.from([sum >> 8, sum & 0xff]));
}

/** RFC 9293 3.1 pseudo-header: source, destination, zero, protocol, TCP length. */
function pseudoHeaderSum(src: Buffer, dst: Buffer, tcpLength: number): number {
  return onesComplementSum([src, dst]) + IP_PROTOCOL.TCP + tcpLength;
}

/** MSS, NOP, window scale: what the SYN and SYN+ACK announce (RFC 9293 3.7.1, RFC 7323 2). */
function synOptionBytes(maxSegment: number): Buffer {
  const w = new Writer(8);
  w.u8(TCP_OPTION.MAXIMUM_SEGMENT_SIZE).u8(4).u16be(maxSegment);
  w.u8(TCP_OPTION.NO_OPERATION);
  w.u8(TCP_OPTION.WINDOW_SCALE).u8(3).u8(WINDOW_SHIFT);
  return w.finish();
}
