import { Duplex } from 'node:stream';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { CapturedPacket } from '../../../src/capture/types.js';
import { NetbiosFramer, netbiosHeader } from '../../../src/transport/netbios.js';
import { Writer } from '../../../src/wire/writer.js';

export const execFileAsync = promisify(execFile);

/** Concatenates hex fields written one per line ('0a0d0d0a', '1c000000', ...). */
export function hex(...fields: string[]): Buffer {
  return Buffer.from(fields.join('').replace(/\s+/g, ''), 'hex');
}

export interface TcpFrameSpec {
  src?: string;
  dst?: string;
  sport: number;
  dport: number;
  seq: number;
  ack?: number;
  /** TCP_FLAG bits */
  flags: number;
  payload?: Buffer | string;
}

let frameCounter = 0;

/**
 * An Ethernet/IPv4/TCP frame built field by field, independently of the synthesizer under
 * test (checksums left zero: nothing here verifies them).
 */
export function tcpPacket(spec: TcpFrameSpec, frame = ++frameCounter): CapturedPacket {
  const payload = typeof spec.payload === 'string' ? Buffer.from(spec.payload) : (spec.payload ?? Buffer.alloc(0));
  const w = new Writer(64 + payload.length);
  w.zeros(12).u16be(0x0800); // Ethernet: MACs, EtherType IPv4
  w.u8(0x45).u8(0).u16be(40 + payload.length).u16be(0).u16be(0x4000).u8(64).u8(6).u16be(0); // IPv4 header
  w.bytes(Buffer.from((spec.src ?? '10.0.0.1').split('.').map(Number)));
  w.bytes(Buffer.from((spec.dst ?? '10.0.0.2').split('.').map(Number)));
  w.u16be(spec.sport).u16be(spec.dport).u32be(spec.seq >>> 0).u32be((spec.ack ?? 0) >>> 0); // TCP ports, seq, ack
  w.u16be((5 << 12) | spec.flags).u16be(65535).u16be(0).u16be(0); // offset+flags, window, checksum, urgent
  w.bytes(payload);
  const data = Buffer.from(w.finish());
  return { frame, timestampNs: BigInt(frame) * 1000n, linkType: 1, data, origLength: data.length };
}

/** Renumbers packets 1..n in array order (as a capture file would). */
export function numbered(packets: CapturedPacket[]): CapturedPacket[] {
  return packets.map((p, i) => ({ ...p, frame: i + 1 }));
}

/** NetBIOS session message framing. */
export function nbss(body: string | Buffer): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  return Buffer.concat([netbiosHeader(b.length), b]);
}

/**
 * An in-memory server speaking NetBIOS-framed messages: answers each message m with
 * 're:' + m, in two writes (header, then body) so the client sees split replies.
 */
export function echoServer(): Duplex {
  const server: Duplex = new Duplex({
    read() {},
    write(chunk: Buffer, _enc, cb) {
      framer.push(chunk);
      cb();
    },
    final(cb) {
      setImmediate(() => server.push(null));
      cb();
    },
  });
  const framer = new NetbiosFramer((m) => {
    const reply = Buffer.concat([Buffer.from('re:'), m]);
    setImmediate(() => {
      server.push(netbiosHeader(reply.length));
      server.push(reply);
    });
  });
  return server;
}

/**
 * A client conversation: sends each message NetBIOS-framed, waits for the reply to each,
 * then ends; resolves with the replies' bodies.
 */
export async function converse(stream: Duplex, messages: (string | Buffer)[]): Promise<Buffer[]> {
  const replies: Buffer[] = [];
  let waiting: (() => void) | undefined;
  let failure: Error | undefined;
  const framer = new NetbiosFramer((m) => {
    replies.push(m);
    waiting?.();
  });
  stream.on('data', (c: Buffer) => framer.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', (e) => {
      failure = e;
      reject(e);
      waiting?.();
    });
  });
  ended.catch(() => undefined);
  for (const m of messages) {
    const want = replies.length + 1;
    stream.write(nbss(m));
    await new Promise<void>((resolve) => {
      waiting = () => {
        if (replies.length >= want || failure) resolve();
      };
      waiting();
    });
    if (failure) throw failure;
  }
  stream.end();
  await ended;
  return replies;
}

/** `length` bytes of a recognisable pattern: byte i is (i * step) mod 256. */
export function pattern(length: number, step = 7): Buffer {
  const b = Buffer.alloc(length);
  for (let i = 0; i < length; i++) b[i] = (i * step) & 0xff;
  return b;
}
