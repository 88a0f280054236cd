import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { readCapture } from '../../../src/capture/read.js';
import { DecodeError } from '../../../src/wire/errors.js';
import { hex } from './helpers.js';

// Section Header Block, little-endian (draft-ietf-opsawg-pcapng 4.1)
const shbLittle = hex(
  '0a0d0d0a', // block type SHB
  '1c000000', // block total length 28
  '4d3c2b1a', // byte-order magic 0x1a2b3c4d, little-endian
  '0100', // major version 1
  '0000', // minor version 0
  'ffffffffffffffff', // section length -1 (unspecified)
  '1c000000', // block total length 28
);

// Interface Description Block: Ethernet, if_tsresol = 9 (nanoseconds) (4.2)
const idbEthernetNs = hex(
  '01000000', // block type IDB
  '20000000', // block total length 32
  '0100', // LinkType 1 (Ethernet)
  '0000', // reserved
  '00000000', // snaplen 0 (no limit)
  '0900', // option code if_tsresol
  '0100', // option length 1
  '09000000', // 10^-9 s, 3 padding bytes
  '00000000', // opt_endofopt
  '20000000', // block total length 32
);

// Interface Description Block: raw IP, no options (default microseconds)
const idbRawMicro = hex(
  '01000000', // block type IDB
  '14000000', // block total length 20
  '6500', // LinkType 101 (raw IP)
  '0000', // reserved
  '00000000', // snaplen 0
  '14000000', // block total length 20
);

// Enhanced Packet Block on interface 0 (4.3)
const epbOnInterface0 = hex(
  '06000000', // block type EPB
  '28000000', // block total length 40
  '00000000', // interface id 0
  '179a5f17', // timestamp (high) 0x175f9a17
  '10de2e87', // timestamp (low) 0x872ede10, in the interface's nanoseconds
  '05000000', // captured length 5
  '40000000', // original length 64
  '0102030405000000', // packet data + 3 padding bytes
  '28000000', // block total length 40
);

// Enhanced Packet Block on interface 1, with an option after the data
const epbOnInterface1 = hex(
  '06000000', // block type EPB
  '2c000000', // block total length 44
  '01000000', // interface id 1
  '00000000', // timestamp (high)
  '40420f00', // timestamp (low) 1_000_000 µs
  '04000000', // captured length 4
  '04000000', // original length 4
  '45000000', // packet data
  '0100', // opt_comment
  '0200', // length 2
  '68690000', // 'hi' + padding
  '2c000000', // block total length 44
);

// Simple Packet Block (4.4): interface 0, no timestamp
const spb = hex(
  '03000000', // block type SPB
  '14000000', // block total length 20
  '03000000', // original packet length 3
  'a1a2a300', // packet data + 1 padding byte
  '14000000', // block total length 20
);

// Obsolete Packet Block (Appendix A)
const obsoletePb = hex(
  '02000000', // block type PB
  '24000000', // block total length 36
  '0000', // interface id 0 (16 bits)
  '0000', // drops count
  '00000000', // timestamp (high)
  '05000000', // timestamp (low) 5 ns
  '01000000', // captured length 1
  '01000000', // original length 1
  'ee000000', // packet data + padding
  '24000000', // block total length 36
);

// A block type this reader does not know: skipped
const unknownBlock = hex(
  'efbeadde', // block type 0xdeadbeef
  '10000000', // block total length 16
  '01020304', // body
  '10000000', // block total length 16
);

const EPB_NS = (0x175f9a17n << 32n) | 0x872ede10n;

describe('pcapng', () => {
  it('reads SHB, IDBs, EPB/SPB/PB, skips unknown blocks, numbers frames across them', () => {
    const file = Buffer.concat([shbLittle, idbEthernetNs, idbRawMicro, epbOnInterface0, unknownBlock, epbOnInterface1, spb, obsoletePb]);
    const packets = readCapture(file);
    expect(packets.map((p) => p.frame)).toEqual([1, 2, 3, 4]);
    expect(packets[0]).toEqual({ frame: 1, timestampNs: EPB_NS, linkType: 1, data: hex('0102030405'), origLength: 64 });
    expect(packets[1]).toEqual({ frame: 2, timestampNs: 1_000_000_000n, linkType: 101, data: hex('45000000'), origLength: 4 });
    expect(packets[2]).toEqual({ frame: 3, timestampNs: 0n, linkType: 1, data: hex('a1a2a3'), origLength: 3 });
    expect(packets[3]).toEqual({ frame: 4, timestampNs: 5n, linkType: 1, data: hex('ee'), origLength: 1 });
  });

  it('reads a big-endian section', () => {
    const file = hex(
      '0a0d0d0a', // block type SHB (a palindrome)
      '0000001c', // block total length 28, big-endian
      '1a2b3c4d', // byte-order magic, big-endian
      '0001', // major version 1
      '0000', // minor version 0
      'ffffffffffffffff', // section length -1
      '0000001c', // block total length
      '00000001', // IDB
      '00000014', // block total length 20
      '0071', // LinkType 113 (Linux cooked)
      '0000', // reserved
      '00000000', // snaplen
      '00000014', // block total length
      '00000006', // EPB
      '00000024', // block total length 36
      '00000000', // interface 0
      '00000000', // timestamp (high)
      '00000002', // timestamp (low): 2 µs
      '00000001', // captured length 1
      '00000009', // original length 9
      '7f000000', // data + padding
      '00000024', // block total length
    );
    expect(readCapture(file)).toEqual([{ frame: 1, timestampNs: 2000n, linkType: 113, data: hex('7f'), origLength: 9 }]);
  });

  it('applies if_tsresol as a power of 2 and if_tsoffset', () => {
    const idb = hex(
      '01000000', // IDB
      '28000000', // block total length 40
      '0100', // Ethernet
      '0000', // reserved
      '00000000', // snaplen
      '0900', // if_tsresol
      '0100', // length 1
      '8a000000', // 2^-10 s
      '0e00', // if_tsoffset
      '0800', // length 8
      '0a00000000000000', // +10 s
      '28000000', // block total length
    );
    const epb = hex('06000000', '20000000', '00000000', '00000000', '00080000', '00000000', '00000000', '20000000'); // 2048 units, empty packet
    const [p] = readCapture(Buffer.concat([shbLittle, idb, epb]));
    expect(p.timestampNs).toBe(12_000_000_000n); // 2048 / 1024 s + 10 s
  });

  it('starts each section with no interfaces', () => {
    const file = Buffer.concat([shbLittle, idbEthernetNs, shbLittle, epbOnInterface0]);
    expect(() => readCapture(file)).toThrow(/interface 0, but the section declares 0/);
  });

  it('truncates an SPB to the snap length of interface 0', () => {
    const idb = hex('01000000', '14000000', '0100', '0000', '02000000', '14000000'); // snaplen 2
    const [p] = readCapture(Buffer.concat([shbLittle, idb, spb]));
    expect(p.data).toEqual(hex('a1a2'));
    expect(p.origLength).toBe(3);
  });

  it('opens a gzip-compressed file', () => {
    expect(readCapture(gzipSync(Buffer.concat([shbLittle, idbEthernetNs, epbOnInterface0])))).toHaveLength(1);
  });

  it('throws DecodeError for malformed blocks', () => {
    const good = Buffer.concat([shbLittle, idbEthernetNs, epbOnInterface0]);
    const trailer = Buffer.from(good);
    trailer.writeUInt32LE(44, good.length - 4);
    expect(() => readCapture(trailer)).toThrow(/trailing length differs/);
    const badLength = Buffer.from(good);
    badLength.writeUInt32LE(30, shbLittle.length + 4);
    expect(() => readCapture(badLength)).toThrow(/total length 30 is invalid/);
    const badMagic = Buffer.from(good);
    badMagic.writeUInt32LE(0x12345678, 8);
    expect(() => readCapture(badMagic)).toThrow(/byte-order magic/);
    expect(() => readCapture(Buffer.concat([shbLittle, epbOnInterface0]))).toThrow(DecodeError);
    expect(() => readCapture(good.subarray(0, good.length - 2))).toThrow(DecodeError);
    const captured = Buffer.from(good);
    captured.writeUInt32LE(500, shbLittle.length + idbEthernetNs.length + 20);
    expect(() => readCapture(captured)).toThrow(DecodeError);
  });
});
