import { DecodeError } from '../wire/errors.js';
import { endpointString } from './address.js';
import { decodeTcp, TCP_FLAG, type TcpSegment } from './packet.js';
import { DirectionReassembler, type StreamRun } from './tcp-direction.js';
import type { CapturedPacket } from './types.js';

export type { StreamChunk, StreamRun } from './tcp-direction.js';

/** One TCP connection of a capture, both directions reassembled. */
export interface TcpStream {
  /** 0-based, in order of each connection's first packet (tshark's tcp.stream). */
  index: number;
  /** ip:port ([ip]:port for IPv6) */
  client: string;
  server: string;
  toServer: StreamRun[];
  toClient: StreamRun[];
}

export interface TcpStreamsOptions {
  /** Told of every frame skipped because a header in it is malformed. */
  onMalformed?: (frame: number, error: DecodeError) => void;
}

interface Connection {
  index: number;
  firstSender: string;
  /** Sender of a SYN without ACK. */
  synSender?: string;
  /** Sender of a SYN+ACK. */
  synAckSender?: string;
  /** A FIN or RST was seen: a new SYN is a new connection on the same ports. */
  closing: boolean;
  ports: Map<string, number>;
  directions: Map<string, DirectionReassembler>;
}

/**
 * Groups the TCP segments of a capture into connections (4-tuple, both directions; a
 * fresh SYN on a closed or differently-numbered 4-tuple starts a new one, as port reuse
 * does) and reassembles each direction. Frames with malformed headers are skipped.
 */
export function tcpStreams(packets: readonly CapturedPacket[], options: TcpStreamsOptions = {}): TcpStream[] {
  const open = new Map<string, Connection>();
  const all: Connection[] = [];
  for (const packet of packets) {
    const seg = decodeSkippingMalformed(packet, options);
    if (!seg) continue;
    const src = endpointString(seg.src, seg.srcPort);
    const dst = endpointString(seg.dst, seg.dstPort);
    const key = src < dst ? `${src} ${dst}` : `${dst} ${src}`;
    let conn = open.get(key);
    if (!conn || startsNewConnection(conn, seg, src)) {
      conn = newConnection(all.length, src, seg.srcPort, dst, seg.dstPort);
      open.set(key, conn);
      all.push(conn);
    }
    note(conn, seg, src);
  }
  return all.map(toStream);
}

function decodeSkippingMalformed(packet: CapturedPacket, options: TcpStreamsOptions): TcpSegment | undefined {
  try {
    return decodeTcp(packet);
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
    options.onMalformed?.(packet.frame, err);
    return undefined;
  }
}

function isSyn(seg: TcpSegment): boolean {
  return (seg.flags & (TCP_FLAG.SYN | TCP_FLAG.ACK)) === TCP_FLAG.SYN;
}

function startsNewConnection(conn: Connection, seg: TcpSegment, src: string): boolean {
  if (!isSyn(seg)) return false;
  const known = conn.directions.get(src)?.initialSequence;
  return conn.closing || (known !== undefined && known !== seg.seq);
}

function newConnection(index: number, src: string, srcPort: number, dst: string, dstPort: number): Connection {
  return {
    index,
    firstSender: src,
    closing: false,
    ports: new Map([
      [src, srcPort],
      [dst, dstPort],
    ]),
    directions: new Map([
      [src, new DirectionReassembler()],
      [dst, new DirectionReassembler()],
    ]),
  };
}

function note(conn: Connection, seg: TcpSegment, src: string): void {
  if (isSyn(seg)) conn.synSender ??= src;
  else if (seg.flags & TCP_FLAG.SYN) conn.synAckSender ??= src;
  if (seg.flags & (TCP_FLAG.FIN | TCP_FLAG.RST)) conn.closing = true;
  conn.directions.get(src)?.add(seg);
}

/** The client: the SYN sender; else the receiver of the SYN+ACK; else the higher port; else whoever sent first. */
function clientOf(conn: Connection): string {
  const [a, b] = [...conn.ports.keys()];
  const other = (x: string) => (x === a ? b : a);
  if (conn.synSender) return conn.synSender;
  if (conn.synAckSender) return other(conn.synAckSender);
  const pa = conn.ports.get(a) ?? 0;
  const pb = conn.ports.get(b) ?? 0;
  if (pa !== pb) return pa > pb ? a : b;
  return conn.firstSender;
}

function toStream(conn: Connection): TcpStream {
  const client = clientOf(conn);
  const server = [...conn.ports.keys()].find((e) => e !== client) ?? client;
  return {
    index: conn.index,
    client,
    server,
    toServer: conn.directions.get(client)?.runs() ?? [],
    toClient: server === client ? [] : (conn.directions.get(server)?.runs() ?? []),
  };
}
