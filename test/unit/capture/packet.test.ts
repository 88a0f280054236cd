import { describe, expect, it } from 'vitest';
import { decodeIp, decodeTcp, decodeUdp, TCP_FLAG, TCP_OPTION } from '../../../src/capture/packet.js';
import type { CapturedPacket } from '../../../src/capture/types.js';
import { DecodeError } from '../../../src/wire/errors.js';
import { hex } from './helpers.js';

function packet(linkType: number, data: Buffer): CapturedPacket {
  return { frame: 7, timestampNs: 99n, linkType, data, origLength: data.length };
}

// TCP header with options (RFC 9293 3.1) and a 2-byte payload: 32 bytes in all
const tcpWithOptions = hex(
  '01bd', // source port 445
  'c350', // destination port 50000
  '00000064', // sequence number 100
  '000000c8', // acknowledgment number 200
  '6018', // data offset 6 (24 bytes), flags PSH|ACK
  'faf0', // window 64240
  '0000', // checksum
  '0000', // urgent pointer
  '020405b4', // option MSS 1460
  '6869', // payload 'hi'
);

// IPv4 header with 4 bytes of options (RFC 791 3.1), carrying tcpWithOptions
const ipv4WithOptions = hex(
  '46', // version 4, IHL 6 (24 bytes)
  '00', // type of service
  '0032', // total length 50 = 24 + 26
  '1234', // identification
  '4000', // flags DF, fragment offset 0
  '40', // TTL 64
  '06', // protocol TCP
  '0000', // header checksum
  'c0a80001', // source 192.168.0.1
  'c0a80002', // destination 192.168.0.2
  '01010100', // options: NOP NOP NOP EOL
);

describe('link layers', () => {
  it('Ethernet with an 802.1Q tag, IPv4 options, TCP options, and Ethernet padding after the IP packet', () => {
    const frame = Buffer.concat([
      hex(
        '000000000001', // destination MAC
        '000000000002', // source MAC
        '8100', // TPID 802.1Q
        '0064', // TCI: VLAN 100
        '0800', // EtherType IPv4
      ),
      ipv4WithOptions,
      tcpWithOptions.subarray(0, 26), // the IP total length covers 26 bytes of TCP
      hex('0000'), // Ethernet padding, outside the IP packet
    ]);
    // TCP header declares 24 bytes; the payload is 2 bytes
    const seg = decodeTcp(packet(1, frame));
    expect(seg).toMatchObject({
      frame: 7,
      timestampNs: 99n,
      ipVersion: 4,
      src: '192.168.0.1',
      dst: '192.168.0.2',
      srcPort: 445,
      dstPort: 50000,
      seq: 100,
      ack: 200,
      flags: TCP_FLAG.PSH | TCP_FLAG.ACK,
      window: 64240,
      payloadLength: 2,
    });
    expect(seg?.options).toEqual([{ kind: TCP_OPTION.MAXIMUM_SEGMENT_SIZE, data: hex('05b4') }]);
    expect(seg?.payload.toString()).toBe('hi');
  });

  const ipv4Tcp = Buffer.concat([hex('4500', '0034', '0000', '0000', '4006', '0000', '0a000001', '0a000002'), tcpWithOptions]);

  it('Linux cooked SLL and SLL2', () => {
    const sll = hex(
      '0000', // packet type: to us
      '0001', // ARPHRD_ETHER
      '0006', // address length
      '000000000001aaaa', // address, padded to 8
      '0800', // protocol IPv4
    );
    const sll2 = hex(
      '0800', // protocol IPv4
      '0000', // reserved
      '00000002', // interface index
      '0001', // ARPHRD_ETHER
      '04', // packet type: outgoing
      '06', // address length
      '0000000000010000', // address
    );
    expect(decodeTcp(packet(113, Buffer.concat([sll, ipv4Tcp])))?.src).toBe('10.0.0.1');
    expect(decodeTcp(packet(276, Buffer.concat([sll2, ipv4Tcp])))?.dst).toBe('10.0.0.2');
  });

  it('BSD loopback in either byte order, OpenBSD loop, raw IP', () => {
    expect(decodeTcp(packet(0, Buffer.concat([hex('02000000'), ipv4Tcp])))?.srcPort).toBe(445); // AF_INET, little-endian host
    expect(decodeTcp(packet(0, Buffer.concat([hex('00000002'), ipv4Tcp])))?.srcPort).toBe(445); // AF_INET, big-endian host
    expect(decodeTcp(packet(108, Buffer.concat([hex('00000002'), ipv4Tcp])))?.srcPort).toBe(445); // DLT_LOOP: network order
    expect(decodeTcp(packet(0, Buffer.concat([hex('07000000'), ipv4Tcp])))).toBeUndefined(); // unknown family
    expect(decodeTcp(packet(101, ipv4Tcp))?.seq).toBe(100);
    expect(decodeTcp(packet(228, ipv4Tcp))?.seq).toBe(100);
    expect(decodeTcp(packet(12, ipv4Tcp))?.seq).toBe(100);
  });

  it('skips frames that are not IP: 802.3/LLC (NetBEUI), ARP, unknown link types', () => {
    const llc = Buffer.concat([
      hex(
        '030000000001', // destination: NetBIOS functional address
        '000000000002', // source MAC
        '0026', // 802.3 length 38: not an EtherType
        'f0', // DSAP NetBIOS
        'f0', // SSAP NetBIOS
        '03', // control: UI
        '2c00ffef', // NetBEUI header start
      ),
      Buffer.alloc(31), // rest of the NetBEUI frame
    ]);
    expect(decodeTcp(packet(1, llc))).toBeUndefined();
    expect(decodeIp(packet(1, hex('ffffffffffff', '000000000001', '0806', '0001080006040001')))).toBeUndefined();
    expect(decodeTcp(packet(147, ipv4Tcp))).toBeUndefined();
  });
});

describe('IPv6', () => {
  const ipv6Header = (nextHeader: string, payloadLength: number) =>
    hex(
      '60000000', // version 6, traffic class, flow label
      payloadLength.toString(16).padStart(4, '0'), // payload length
      nextHeader, // next header
      '40', // hop limit
      '20010db8000000000000000000000001', // source 2001:db8::1
      'fe800000000000000000000000000002', // destination fe80::2
    );

  it('walks hop-by-hop and destination options headers to TCP', () => {
    const ext = hex(
      '3c', // hop-by-hop: next header 60 (destination options)
      '00', // length 0: 8 bytes
      '010400000000', // PadN option
      '06', // destination options: next header TCP
      '01', // length 1: 16 bytes
      '0000000000000000000000000000', // padding options
    );
    const frame = Buffer.concat([ipv6Header('00', ext.length + tcpWithOptions.length), ext, tcpWithOptions]);
    const seg = decodeTcp(packet(229, frame));
    expect(seg).toMatchObject({ ipVersion: 6, src: '2001:db8::1', dst: 'fe80::2', srcPort: 445, payloadLength: 2 });
    expect(decodeTcp(packet(101, frame))?.src).toBe('2001:db8::1');
  });

  it('flags fragments (fragment header with M set) and skips them', () => {
    const frag = hex(
      '06', // next header TCP
      '00', // reserved
      '0001', // fragment offset 0, M = 1
      '0000abcd', // identification
    );
    const frame = Buffer.concat([ipv6Header('2c', frag.length + tcpWithOptions.length), frag, tcpWithOptions]);
    expect(decodeIp(packet(229, frame))).toMatchObject({ fragmented: true, protocol: 6 });
    expect(decodeTcp(packet(229, frame))).toBeUndefined();
  });

  it('formats addresses per RFC 5952', () => {
    const addr = (a: string) => decodeIp(packet(229, hex('60000000', '0000', '3b', '40', a, '00000000000000000000000000000001')))?.src;
    expect(addr('00000000000000000000000000000001')).toBe('::1');
    expect(addr('20010db8000000010001000100010001')).toBe('2001:db8:0:1:1:1:1:1');
    expect(addr('20010000000000010000000000000001')).toBe('2001:0:0:1::1');
    expect(addr('20010db8000000000001000000000000')).toBe('2001:db8:0:0:1::'); // the longest run wins
    expect(addr('20010db8000000000001000000000001')).toBe('2001:db8::1:0:0:1'); // a tie: the first run
    expect(addr('00000000000000000000ffffc0000201')).toBe('::ffff:192.0.2.1');
    expect(addr('00000000000000000000000000000000')).toBe('::');
  });
});

describe('IPv4 and upper layers', () => {
  const ipv4 = (fragment: string, protocol: string, body: Buffer) =>
    Buffer.concat([
      hex(
        '45', // version 4, IHL 5
        '00', // TOS
        (20 + body.length).toString(16).padStart(4, '0'), // total length
        '0001', // identification
        fragment, // flags + fragment offset
        '40', // TTL
        protocol, // protocol
        '0000', // checksum
        '7f000001', // source 127.0.0.1
        '7f000001', // destination 127.0.0.1
      ),
      body,
    ]);

  it('flags fragments by MF or a non-zero offset', () => {
    expect(decodeIp(packet(101, ipv4('2000', '06', tcpWithOptions)))?.fragmented).toBe(true);
    expect(decodeIp(packet(101, ipv4('0010', '06', tcpWithOptions)))?.fragmented).toBe(true);
    expect(decodeTcp(packet(101, ipv4('2000', '06', tcpWithOptions)))).toBeUndefined();
    expect(decodeIp(packet(101, ipv4('4000', '06', tcpWithOptions)))?.fragmented).toBe(false);
  });

  it('decodes UDP', () => {
    const udp = hex(
      '0089', // source port 137
      '0089', // destination port 137
      '000b', // length 11
      '0000', // checksum
      '616263', // payload 'abc'
    );
    expect(decodeUdp(packet(101, ipv4('0000', '11', udp)))).toMatchObject({ srcPort: 137, dstPort: 137, payload: Buffer.from('abc') });
    expect(decodeTcp(packet(101, ipv4('0000', '11', udp)))).toBeUndefined();
  });

  it('reports the announced payload length when the snap length cut the packet', () => {
    const whole = ipv4('0000', '06', Buffer.concat([tcpWithOptions, Buffer.alloc(100)]));
    const seg = decodeTcp(packet(101, whole.subarray(0, whole.length - 60)));
    expect(seg?.payload.length).toBe(42);
    expect(seg?.payloadLength).toBe(102);
  });

  it('throws DecodeError for malformed headers', () => {
    const badIhl = ipv4('0000', '06', tcpWithOptions);
    badIhl[0] = 0x44;
    expect(() => decodeTcp(packet(101, badIhl))).toThrow(/IPv4 header length 16/);
    const badOffset = Buffer.from(tcpWithOptions);
    badOffset[12] = 0x40;
    expect(() => decodeTcp(packet(101, ipv4('0000', '06', badOffset)))).toThrow(/data offset 16/);
    const badOption = Buffer.from(tcpWithOptions);
    badOption[21] = 1;
    expect(() => decodeTcp(packet(101, ipv4('0000', '06', badOption)))).toThrow(/TCP option 2 has length 1/);
    expect(() => decodeTcp(packet(101, ipv4('0000', '06', tcpWithOptions.subarray(0, 10))))).toThrow(DecodeError);
    expect(() => decodeTcp(packet(1, hex('000000000000000000000000', '0800', '45')))).toThrow(DecodeError);
    const shortTotal = ipv4('0000', '06', tcpWithOptions);
    shortTotal.writeUInt16BE(10, 2);
    expect(() => decodeTcp(packet(101, shortTotal))).toThrow(/total length 10/);
  });
});
