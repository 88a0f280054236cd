import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { framedMessages } from '../../../src/capture/framed-messages.js';
import { decodeTcp, decodeUdp } from '../../../src/capture/packet.js';
import { writePcapng } from '../../../src/capture/pcapng-writer.js';
import { readCapture } from '../../../src/capture/read.js';
import { tcpStreams } from '../../../src/capture/tcp-reassembly.js';
import { TcpSynthesizer } from '../../../src/capture/tcp-synth.js';
import { seededEntropy } from '../../../src/transport/entropy.js';
import { NetbiosFramer } from '../../../src/transport/netbios.js';
import { DecodeError } from '../../../src/wire/errors.js';
import { Writer } from '../../../src/wire/writer.js';
import { nbss } from './helpers.js';
import { CAPTURES_DIR } from '../../support/shared.js';

/** xorshift32: a deterministic stream of pseudo-random numbers. */
function prng(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

const INTERESTING_U32 = [0, 1, 3, 4, 11, 12, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffc, 0x1c, 0x0a0d0d0a, 0x1a2b3c4d];

function mutate(seed: Buffer, rand: (n: number) => number): Buffer {
  const b = Buffer.from(seed);
  switch (rand(5)) {
    case 0: // overwrite a few bytes
      for (let k = 1 + rand(4); k > 0; k--) b[rand(b.length)] = rand(256);
      return b;
    case 1: // truncate
      return b.subarray(0, rand(b.length));
    case 2: {
      // an interesting 32-bit value at an aligned offset (lengths, magics, interface ids)
      const at = rand(b.length >> 2) << 2;
      if (at + 4 <= b.length) b.writeUInt32LE(INTERESTING_U32[rand(INTERESTING_U32.length)], at);
      return b;
    }
    case 3: {
      // insert random bytes
      const at = rand(b.length);
      const extra = Buffer.alloc(1 + rand(8)).map(() => rand(256));
      return Buffer.concat([b.subarray(0, at), extra, b.subarray(at)]);
    }
    default: {
      // delete a range
      const at = rand(b.length);
      return Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + rand(16))]);
    }
  }
}

function synthesized(): { timestampNs: bigint; data: Buffer }[] {
  const synth = new TcpSynthesizer({ clock: seededEntropy('fuzz'), maxSegment: 40 });
  const frames = [...synth.send(true, nbss('hello server')), ...synth.send(false, nbss('a reply of some length')), ...synth.finish(true)];
  return frames.map((f) => ({ timestampNs: f.timestampNs, data: Buffer.concat(f.parts) }));
}

/** The same frames as a classic little-endian microsecond pcap (draft-ietf-opsawg-pcap). */
function classicPcap(frames: { timestampNs: bigint; data: Buffer }[]): Buffer {
  const w = new Writer(24 + frames.reduce((n, f) => n + 16 + f.data.length, 0));
  w.u32le(0xa1b2c3d4).u16le(2).u16le(4).u32le(0).u32le(0).u32le(65535).u32le(1);
  for (const f of frames) {
    w.u32le(Number(f.timestampNs / 1_000_000_000n)).u32le(Number((f.timestampNs / 1000n) % 1_000_000n));
    w.u32le(f.data.length).u32le(f.data.length).bytes(f.data);
  }
  return Buffer.from(w.finish());
}

/** Everything a capture goes through; only DecodeError may come out of the reader, nothing out of the rest. */
function exercise(bytes: Buffer): void {
  let packets;
  try {
    packets = readCapture(bytes);
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
    return;
  }
  for (const p of packets) {
    for (const decode of [decodeTcp, decodeUdp]) {
      try {
        decode(p);
      } catch (err) {
        if (!(err instanceof DecodeError)) throw err;
      }
    }
  }
  framedMessages(tcpStreams(packets), (on) => new NetbiosFramer(on));
}

const frames = synthesized();
const seeds: [string, Buffer][] = [
  ['pcapng from the writer', writePcapng(frames)],
  ['classic pcap', classicPcap(frames)],
  ['gzip-compressed pcapng', gzipSync(writePcapng(frames))],
  ['public pcap', readFileSync(CAPTURES_DIR + 'public/smb2/zeek__smb2-multiple-pdus.pcap')],
  ['public pcapng', readFileSync(CAPTURES_DIR + 'public/smb2/zeek__kerberos445_auth.pcapng')],
];

describe('capture reader under corrupted input', () => {
  it('reads every unmutated seed', () => {
    for (const [, seed] of seeds) expect(readCapture(seed).length).toBeGreaterThan(0);
  });

  for (const [name, seed] of seeds) {
    it(`only ever throws DecodeError: 120 mutations of the ${name}`, () => {
      const rand = prng(0x5eed + seed.length);
      let rejected = 0;
      for (let i = 0; i < 120; i++) {
        const mutated = mutate(seed, rand);
        expect(() => exercise(mutated)).not.toThrow();
        try {
          readCapture(mutated);
        } catch {
          rejected++;
        }
      }
      // the mutations do reach the error paths
      expect(rejected).toBeGreaterThan(5);
    });
  }
});
