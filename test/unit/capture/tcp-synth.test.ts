import { describe, expect, it } from 'vitest';
import { internetChecksum, onesComplementSum } from '../../../src/capture/checksum.js';
import { decodeTcp, TCP_FLAG } from '../../../src/capture/packet.js';
import { LOOPBACK_MAX_SEGMENT, TcpSynthesizer, type SynthesizedFrame } from '../../../src/capture/tcp-synth.js';
import { tcpStreams } from '../../../src/capture/tcp-reassembly.js';
import type { CapturedPacket } from '../../../src/capture/types.js';
import { seededEntropy } from '../../../src/transport/entropy.js';
import { pattern } from './helpers.js';

const { SYN, ACK, FIN, PSH } = TCP_FLAG;

function packets(frames: SynthesizedFrame[]): CapturedPacket[] {
  return frames.map((f, i) => {
    const data = Buffer.concat(f.parts);
    return { frame: i + 1, timestampNs: f.timestampNs, linkType: 1, data, origLength: data.length };
  });
}

function conversation(synth: TcpSynthesizer): SynthesizedFrame[] {
  return [
    ...synth.handshake(),
    ...synth.send(true, Buffer.from('request')),
    ...synth.send(false, Buffer.alloc(LOOPBACK_MAX_SEGMENT * 2 + 10, 0x5a)),
    ...synth.finish(true),
    ...synth.finish(false),
  ];
}

describe('TcpSynthesizer', () => {
  it('writes a handshake, data with consistent seq/ack, segments of at most 65,495 bytes, and FINs', () => {
    const synth = new TcpSynthesizer({ clock: seededEntropy('t'), clientIsn: 10, serverIsn: 5000 });
    const segs = packets(conversation(synth)).map((p) => decodeTcp(p));
    expect(segs.map((s) => [s?.src, s?.srcPort, s?.dstPort, s?.seq, s?.ack, s?.flags, s?.payload.length])).toEqual([
      ['127.0.0.1', 49152, 445, 10, 0, SYN, 0],
      ['127.0.0.1', 445, 49152, 5000, 11, SYN | ACK, 0],
      ['127.0.0.1', 49152, 445, 11, 5001, ACK, 0],
      ['127.0.0.1', 49152, 445, 11, 5001, ACK | PSH, 7],
      ['127.0.0.1', 445, 49152, 5001, 18, ACK, 65495],
      ['127.0.0.1', 445, 49152, 5001 + 65495, 18, ACK, 65495],
      ['127.0.0.1', 445, 49152, 5001 + 2 * 65495, 18, ACK | PSH, 10],
      ['127.0.0.1', 49152, 445, 18, 5001 + 2 * 65495 + 10, FIN | ACK, 0],
      ['127.0.0.1', 445, 49152, 5001 + 2 * 65495 + 10, 19, ACK, 0],
      ['127.0.0.1', 445, 49152, 5001 + 2 * 65495 + 10, 19, FIN | ACK, 0],
      ['127.0.0.1', 49152, 445, 19, 5001 + 2 * 65495 + 11, ACK, 0],
    ]);
    expect(segs[0]?.options.map((o) => [o.kind, o.data.toString('hex')])).toEqual([
      [2, 'ffd7'], // MSS 65495
      [3, '07'], // window scale 7
    ]);
    expect(synth.finish(true)).toEqual([]);
  });

  it('writes IPv4 totals and header checksums that verify, and TCP checksums when asked', () => {
    const synth = new TcpSynthesizer({ clock: seededEntropy('t'), tcpChecksum: true, client: { ip: '10.1.2.3', port: 40000 }, server: { ip: '10.9.8.7', port: 2049 } });
    for (const p of packets([...synth.handshake(), ...synth.send(true, Buffer.from('odd length payload!'))])) {
      const ip = p.data.subarray(14, 34);
      expect(internetChecksum([ip])).toBe(0);
      expect(ip.readUInt16BE(2)).toBe(p.data.length - 14);
      const tcp = p.data.subarray(34);
      const pseudo = onesComplementSum([ip.subarray(12, 20)]) + 6 + tcp.length;
      expect(internetChecksum([tcp], pseudo)).toBe(0);
    }
  });

  it('takes timestamps from the clock and gives identical bytes for the same clock', () => {
    const a = conversation(new TcpSynthesizer({ clock: seededEntropy('x', 1000n) }));
    const b = conversation(new TcpSynthesizer({ clock: seededEntropy('x', 1000n) }));
    expect(a.map((f) => f.timestampNs).slice(0, 3)).toEqual([1_001_000n, 2_001_000n, 3_001_000n]);
    expect(Buffer.concat(a.flatMap((f) => f.parts)).equals(Buffer.concat(b.flatMap((f) => f.parts)))).toBe(true);
  });

  it('reassembles to the bytes it was given, across a sequence-number wrap', () => {
    const synth = new TcpSynthesizer({ clock: seededEntropy('w'), clientIsn: 0xfffffff0, maxSegment: 1000 });
    const up = pattern(5000, 1);
    const frames = [...synth.send(true, up), ...synth.send(false, Buffer.from('ok')), ...synth.finish(true)];
    const [stream] = tcpStreams(packets(frames));
    expect(stream.client).toBe('127.0.0.1:49152');
    expect(stream.toServer).toHaveLength(1);
    expect(stream.toServer[0].startsMidstream).toBe(false);
    expect(Buffer.concat(stream.toServer[0].chunks.map((c) => c.data)).equals(up)).toBe(true);
    expect(stream.toServer[0].chunks.map((c) => c.data.length)).toEqual([1000, 1000, 1000, 1000, 1000]);
  });

  it('refuses endpoints that are not IPv4 and segment sizes outside 1..65495', () => {
    expect(() => new TcpSynthesizer({ clock: seededEntropy('e'), server: { ip: '::1', port: 445 } })).toThrow(RangeError);
    expect(() => new TcpSynthesizer({ clock: seededEntropy('e'), maxSegment: 65496 })).toThrow(RangeError);
  });
});
