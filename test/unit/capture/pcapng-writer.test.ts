import { describe, expect, it } from 'vitest';
import { PcapngWriter, writePcapng } from '../../../src/capture/pcapng-writer.js';
import { readCapture } from '../../../src/capture/read.js';
import { hex } from './helpers.js';

describe('PcapngWriter', () => {
  it('writes SHB and IDB (golden bytes)', () => {
    expect(new PcapngWriter().header()).toEqual(
      hex(
        // Section Header Block
        '0a0d0d0a', // block type
        '2c000000', // block total length 44
        '4d3c2b1a', // byte-order magic
        '0100', // major version 1
        '0000', // minor version 0
        'ffffffffffffffff', // section length -1
        '0400', // shb_userappl
        '0500', // length 5
        '6e65746673000000', // 'netfs' + 3 padding bytes
        '00000000', // opt_endofopt
        '2c000000', // block total length 44
        // Interface Description Block
        '01000000', // block type
        '20000000', // block total length 32
        '0100', // LinkType Ethernet
        '0000', // reserved
        '00000000', // snaplen 0: no limit
        '0900', // if_tsresol
        '0100', // length 1
        '09000000', // 10^-9 s + padding
        '00000000', // opt_endofopt
        '20000000', // block total length 32
      ),
    );
  });

  it('writes an EPB from parts, padded, in nanoseconds or microseconds (golden bytes)', () => {
    const ts = 0x0000000123456789n;
    expect(new PcapngWriter().packet(ts, [hex('aabb'), hex('cc')])).toEqual(
      hex(
        '06000000', // block type EPB
        '24000000', // block total length 36
        '00000000', // interface id 0
        '01000000', // timestamp (high)
        '89674523', // timestamp (low)
        '03000000', // captured length 3
        '03000000', // original length 3
        'aabbcc00', // packet data + padding
        '24000000', // block total length 36
      ),
    );
    expect(new PcapngWriter({ resolution: 'us' }).packet(1_500_999n, [hex('01020304')], 60)).toEqual(
      hex(
        '06000000', // block type EPB
        '24000000', // block total length 36
        '00000000', // interface id 0
        '00000000', // timestamp (high)
        'dc050000', // timestamp (low): 1500 µs
        '04000000', // captured length 4
        '3c000000', // original length 60
        '01020304', // packet data, no padding needed
        '24000000', // block total length 36
      ),
    );
  });

  it('is read back by the reader', () => {
    const frames = [
      { timestampNs: 1_700_000_000_123_456_789n, data: hex('00112233445566') },
      { timestampNs: 1_700_000_001_000_000_000n, data: Buffer.alloc(0) },
      { timestampNs: 5n, data: Buffer.alloc(1000, 7), origLength: 1500 },
    ];
    const back = readCapture(writePcapng(frames));
    expect(back.map((p) => [p.frame, p.timestampNs, p.linkType, p.data.toString('hex'), p.origLength])).toEqual(
      frames.map((f, i) => [i + 1, f.timestampNs, 1, f.data.toString('hex'), f.origLength ?? f.data.length]),
    );
    const micro = readCapture(writePcapng(frames, { resolution: 'us', linkType: 101 }));
    expect(micro.map((p) => [p.timestampNs, p.linkType])).toEqual([
      [1_700_000_000_123_456_000n, 101],
      [1_700_000_001_000_000_000n, 101],
      [0n, 101],
    ]);
  });
});
