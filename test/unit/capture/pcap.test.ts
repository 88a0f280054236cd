import { describe, expect, it } from 'vitest';
import { readCapture } from '../../../src/capture/read.js';
import { DecodeError } from '../../../src/wire/errors.js';
import { gzipSync } from 'node:zlib';
import { hex } from './helpers.js';

// Classic pcap, little-endian, microsecond timestamps (draft-ietf-opsawg-pcap 4, 5)
const pcapLittleMicro = hex(
  'd4c3b2a1', // magic 0xa1b2c3d4 written little-endian: microseconds
  '0200', // major version 2
  '0400', // minor version 4
  '00000000', // reserved1 (thiszone)
  '00000000', // reserved2 (sigfigs)
  'ffff0000', // snaplen 65535
  '01000000', // LinkType 1 (Ethernet)
  // record 1
  '00f15365', // timestamp seconds 1700000000
  '40e20100', // timestamp microseconds 123456
  '03000000', // captured length 3
  '3c000000', // original length 60
  'aabbcc', // packet data
  // record 2
  '01f15365', // seconds 1700000001
  '00000000', // microseconds 0
  '01000000', // captured length 1
  '01000000', // original length 1
  'dd', // packet data
);

// Classic pcap, big-endian, nanosecond timestamps, LinkType with FCS bits set
const pcapBigNano = hex(
  'a1b23c4d', // magic: nanoseconds, big-endian
  '0002', // major version 2
  '0004', // minor version 4
  '00000000', // reserved1
  '00000000', // reserved2
  '00040000', // snaplen 262144
  '14000065', // LinkType 101 (raw IP) | FCS length 2 in bits 29-31 | F bit
  '6553f100', // seconds 1700000000
  '00000007', // nanoseconds 7
  '00000002', // captured length 2
  '00000002', // original length 2
  '4500', // packet data
);

describe('classic pcap', () => {
  it('reads a little-endian microsecond file', () => {
    const packets = readCapture(pcapLittleMicro);
    expect(packets).toHaveLength(2);
    expect(packets[0]).toEqual({ frame: 1, timestampNs: 1_700_000_000_123_456_000n, linkType: 1, data: hex('aabbcc'), origLength: 60 });
    expect(packets[1]).toEqual({ frame: 2, timestampNs: 1_700_000_001_000_000_000n, linkType: 1, data: hex('dd'), origLength: 1 });
  });

  it('reads a big-endian nanosecond file and masks the LinkType to its low 16 bits', () => {
    const [p] = readCapture(pcapBigNano);
    expect(p.timestampNs).toBe(1_700_000_000_000_000_007n);
    expect(p.linkType).toBe(101);
    expect(p.data).toEqual(hex('4500'));
  });

  it('reads a file with only a header as no packets', () => {
    expect(readCapture(pcapLittleMicro.subarray(0, 24))).toEqual([]);
  });

  it('opens a gzip-compressed file', () => {
    expect(readCapture(gzipSync(pcapLittleMicro))).toHaveLength(2);
  });

  it('throws DecodeError for a record cut short, a truncated header, a bad magic or version', () => {
    expect(() => readCapture(pcapLittleMicro.subarray(0, pcapLittleMicro.length - 1))).toThrow(DecodeError);
    expect(() => readCapture(pcapLittleMicro.subarray(0, 30))).toThrow(DecodeError);
    expect(() => readCapture(pcapLittleMicro.subarray(0, 10))).toThrow(DecodeError);
    expect(() => readCapture(Buffer.from('not a capture file'))).toThrow(/not a pcap or pcapng file/);
    expect(() => readCapture(Buffer.alloc(0))).toThrow(DecodeError);
    const v3 = Buffer.from(pcapLittleMicro);
    v3.writeUInt16LE(3, 4);
    expect(() => readCapture(v3)).toThrow(/unsupported pcap version 3/);
    expect(() => readCapture(hex('1f8b', '0800', 'deadbeef'))).toThrow(DecodeError);
  });
});
