import { describe, expect, it } from 'vitest';
import { framedMessages } from '../../../src/capture/framed-messages.js';
import { TCP_FLAG } from '../../../src/capture/packet.js';
import { tcpStreams, type StreamRun } from '../../../src/capture/tcp-reassembly.js';
import { NetbiosFramer } from '../../../src/transport/netbios.js';
import { DecodeError } from '../../../src/wire/errors.js';
import { nbss, numbered, tcpPacket } from './helpers.js';

const { SYN, ACK, FIN, PSH, RST } = TCP_FLAG;
const C = { src: '10.0.0.1', dst: '10.0.0.2', sport: 1000, dport: 5000 };
const S = { src: '10.0.0.2', dst: '10.0.0.1', sport: 5000, dport: 1000 };

const handshake = (cisn = 100, sisn = 900) => [
  tcpPacket({ ...C, seq: cisn, flags: SYN }),
  tcpPacket({ ...S, seq: sisn, ack: cisn + 1, flags: SYN | ACK }),
  tcpPacket({ ...C, seq: cisn + 1, ack: sisn + 1, flags: ACK }),
];

/** A run as [frame, text] pairs. */
const view = (run: StreamRun) => ({ midstream: run.startsMidstream, chunks: run.chunks.map((c) => [c.frame, c.data.toString()]) });

describe('tcpStreams', () => {
  it('reassembles both directions after a handshake; the SYN sender is the client even with the lower port', () => {
    const [stream] = tcpStreams(
      numbered([
        ...handshake(),
        tcpPacket({ ...C, seq: 101, flags: ACK | PSH, payload: 'hello ' }), // 4
        tcpPacket({ ...C, seq: 107, flags: ACK | PSH, payload: 'world' }), // 5
        tcpPacket({ ...S, seq: 901, flags: ACK | PSH, payload: 'hi' }), // 6
        tcpPacket({ ...C, seq: 112, flags: FIN | ACK }),
        tcpPacket({ ...S, seq: 903, flags: FIN | ACK }),
      ]),
    );
    expect(stream.index).toBe(0);
    expect(stream.client).toBe('10.0.0.1:1000');
    expect(stream.server).toBe('10.0.0.2:5000');
    expect(stream.toServer.map(view)).toEqual([
      {
        midstream: false,
        chunks: [
          [4, 'hello '],
          [5, 'world'],
        ],
      },
    ]);
    expect(stream.toClient.map(view)).toEqual([{ midstream: false, chunks: [[6, 'hi']] }]);
  });

  it('drops retransmissions and keeps the first copy of overlapping bytes', () => {
    const [stream] = tcpStreams(
      numbered([
        ...handshake(),
        tcpPacket({ ...C, seq: 101, flags: ACK, payload: 'abcd' }), // 4
        tcpPacket({ ...C, seq: 101, flags: ACK, payload: 'abcd' }), // 5: retransmission
        tcpPacket({ ...C, seq: 103, flags: ACK, payload: 'XYef' }), // 6: overlaps 'cd', adds 'ef'
      ]),
    );
    expect(stream.toServer.map(view)).toEqual([
      {
        midstream: false,
        chunks: [
          [4, 'abcd'],
          [6, 'ef'],
        ],
      },
    ]);
  });

  it('keeps earlier first copies when a later segment spans several of them', () => {
    const [stream] = tcpStreams(
      numbered([
        ...handshake(),
        tcpPacket({ ...C, seq: 103, flags: ACK, payload: 'cd' }), // 4: out of order
        tcpPacket({ ...C, seq: 107, flags: ACK, payload: 'gh' }), // 5: out of order
        tcpPacket({ ...C, seq: 101, flags: ACK, payload: 'ABCDEFGHIJ' }), // 6: fills around them
      ]),
    );
    const bytes = stream.toServer[0].chunks.map((c) => c.data.toString()).join('');
    expect(bytes).toBe('ABcdEFghIJ');
    expect(stream.toServer).toHaveLength(1);
    expect(stream.toServer[0].chunks.every((c) => c.frame === 6)).toBe(true);
  });

  it('puts out-of-order bytes in sequence order, delivered at the frame that filled the hole', () => {
    const [stream] = tcpStreams(
      numbered([
        ...handshake(),
        tcpPacket({ ...C, seq: 104, flags: ACK, payload: 'def' }), // 4
        tcpPacket({ ...C, seq: 107, flags: ACK, payload: 'ghi' }), // 5
        tcpPacket({ ...C, seq: 101, flags: ACK, payload: 'abc' }), // 6
        tcpPacket({ ...C, seq: 110, flags: ACK, payload: 'jk' }), // 7
      ]),
    );
    expect(stream.toServer.map(view)).toEqual([
      {
        midstream: false,
        chunks: [
          [6, 'abc'],
          [6, 'def'],
          [6, 'ghi'],
          [7, 'jk'],
        ],
      },
    ]);
  });

  it('starts a new run, marked midstream, after bytes that never arrived', () => {
    const [stream] = tcpStreams(
      numbered([
        ...handshake(),
        tcpPacket({ ...C, seq: 101, flags: ACK, payload: 'abc' }), // 4
        tcpPacket({ ...C, seq: 110, flags: ACK, payload: 'xyz' }), // 5: 6 bytes missing before it
        tcpPacket({ ...C, seq: 113, flags: ACK, payload: '!' }), // 6
      ]),
    );
    expect(stream.toServer.map(view)).toEqual([
      { midstream: false, chunks: [[4, 'abc']] },
      {
        midstream: true,
        chunks: [
          [5, 'xyz'],
          [6, '!'],
        ],
      },
    ]);
  });

  it('marks the first run midstream when the first data bytes after the SYN are missing', () => {
    const [stream] = tcpStreams(numbered([...handshake(), tcpPacket({ ...C, seq: 105, flags: ACK, payload: 'late' })]));
    expect(stream.toServer.map(view)).toEqual([{ midstream: true, chunks: [[4, 'late']] }]);
  });

  it('drops bytes before the SYN', () => {
    const [stream] = tcpStreams(numbered([...handshake(), tcpPacket({ ...C, seq: 95, flags: ACK, payload: 'oldoldNEW' })]));
    expect(stream.toServer.map(view)).toEqual([{ midstream: false, chunks: [[4, 'NEW']] }]);
  });

  it('without a handshake: the higher port is the client, runs start midstream', () => {
    const [stream] = tcpStreams(
      numbered([
        tcpPacket({ src: '10.0.0.9', dst: '10.0.0.1', sport: 445, dport: 50001, seq: 7, flags: ACK, payload: 'reply' }),
        tcpPacket({ src: '10.0.0.1', dst: '10.0.0.9', sport: 50001, dport: 445, seq: 70, flags: ACK, payload: 'request' }),
      ]),
    );
    expect(stream.client).toBe('10.0.0.1:50001');
    expect(stream.toServer.map(view)).toEqual([{ midstream: true, chunks: [[2, 'request']] }]);
    expect(stream.toClient.map(view)).toEqual([{ midstream: true, chunks: [[1, 'reply']] }]);
  });

  it('without a handshake and equal ports: the first sender is the client; a SYN+ACK alone names the client too', () => {
    const [equal] = tcpStreams(
      numbered([
        tcpPacket({ src: '10.0.0.5', dst: '10.0.0.4', sport: 2049, dport: 2049, seq: 1, flags: ACK, payload: 'x' }),
        tcpPacket({ src: '10.0.0.4', dst: '10.0.0.5', sport: 2049, dport: 2049, seq: 1, flags: ACK, payload: 'y' }),
      ]),
    );
    expect(equal.client).toBe('10.0.0.5:2049');
    const [synAck] = tcpStreams(numbered([tcpPacket({ ...S, sport: 60000, dport: 1000, seq: 5, flags: SYN | ACK }), tcpPacket({ ...C, dport: 60000, seq: 1, flags: ACK })]));
    expect(synAck.client).toBe('10.0.0.1:1000');
    expect(synAck.server).toBe('10.0.0.2:60000');
  });

  it('follows sequence numbers across the 2^32 wrap', () => {
    const isn = 0xfffffff8;
    const [stream] = tcpStreams(
      numbered([
        ...handshake(isn),
        tcpPacket({ ...C, seq: isn + 1, flags: ACK, payload: 'abcdefgh' }), // 4: ends at 2^32 + 1
        tcpPacket({ ...C, seq: 1, flags: ACK, payload: 'ijkl' }), // 5: after the wrap
        tcpPacket({ ...C, seq: 0xfffffffd, flags: ACK, payload: 'dddd' }), // 6: retransmission across the wrap
      ]),
    );
    expect(stream.toServer.map(view)).toEqual([
      {
        midstream: false,
        chunks: [
          [4, 'abcdefgh'],
          [5, 'ijkl'],
        ],
      },
    ]);
  });

  it('numbers connections in order of first packet and starts a new one when a closed 4-tuple sees a new SYN', () => {
    const other = { src: '10.0.0.3', dst: '10.0.0.2', sport: 1001, dport: 5000 };
    const streams = tcpStreams(
      numbered([
        ...handshake(100),
        tcpPacket({ ...other, seq: 1, flags: SYN }),
        tcpPacket({ ...C, seq: 101, flags: ACK, payload: 'first' }),
        tcpPacket({ ...C, seq: 106, flags: RST }),
        ...handshake(5000),
        tcpPacket({ ...C, seq: 5001, flags: ACK, payload: 'second' }),
        tcpPacket({ ...C, seq: 5001, flags: SYN }), // a SYN with a different ISN on an open connection
      ]),
    );
    expect(streams.map((s) => [s.index, s.client])).toEqual([
      [0, '10.0.0.1:1000'],
      [1, '10.0.0.3:1001'],
      [2, '10.0.0.1:1000'],
      [3, '10.0.0.1:1000'],
    ]);
    expect(streams[0].toServer[0].chunks[0].data.toString()).toBe('first');
    expect(streams[2].toServer[0].chunks[0].data.toString()).toBe('second');
    expect(streams[2].toServer[0].startsMidstream).toBe(false);
  });

  it('keeps one connection across a retransmitted SYN', () => {
    const streams = tcpStreams(numbered([tcpPacket({ ...C, seq: 100, flags: SYN }), ...handshake(100)]));
    expect(streams).toHaveLength(1);
  });

  it('skips frames with malformed headers and says which', () => {
    const bad = tcpPacket({ ...C, seq: 101, flags: ACK, payload: 'x' });
    bad.data[14] = 0x43; // IHL 3
    const malformed: number[] = [];
    const streams = tcpStreams(numbered([...handshake(), bad]), { onMalformed: (frame, err) => malformed.push(frame) && expect(err).toBeInstanceOf(DecodeError) });
    expect(malformed).toEqual([4]);
    expect(streams[0].toServer).toEqual([]);
  });
});

describe('framedMessages', () => {
  const netbios = (on: (m: Buffer) => void) => new NetbiosFramer(on);

  it('attributes each message to the frame of its last byte and sorts by frame, keeping order within a frame', () => {
    const request = Buffer.concat([nbss('one'), nbss('two')]);
    const streams = tcpStreams(
      numbered([
        ...handshake(),
        tcpPacket({ ...C, seq: 101, flags: ACK, payload: request.subarray(0, 5) }), // 4: header + 'o'
        tcpPacket({ ...C, seq: 106, flags: ACK, payload: request.subarray(5) }), // 5: 'ne' + all of 'two'
        tcpPacket({ ...S, seq: 901, flags: ACK, payload: nbss('re') }), // 6
      ]),
    );
    const messages = framedMessages(streams, netbios);
    expect(messages.map((m) => [m.frame, m.stream, m.fromClient, m.data.toString()])).toEqual([
      [5, 0, true, 'one'],
      [5, 0, true, 'two'],
      [6, 0, false, 're'],
    ]);
  });

  it('feeds each run to a fresh framer, drops a message cut by a gap, abandons a run whose framer throws', () => {
    const abandoned: [number, boolean, number][] = [];
    const streams = tcpStreams(
      numbered([
        ...handshake(),
        tcpPacket({ ...C, seq: 101, flags: ACK, payload: Buffer.concat([nbss('a'), nbss('cut').subarray(0, 5)]) }), // 4
        tcpPacket({ ...C, seq: 200, flags: ACK, payload: nbss('b') }), // 5: after a gap
        tcpPacket({ ...S, seq: 901, flags: ACK, payload: Buffer.concat([nbss('c'), Buffer.from([0x90, 0, 0, 0])]) }), // 6: then garbage
        tcpPacket({ ...S, seq: 910, flags: ACK, payload: nbss('lost') }), // 7: after the garbage
      ]),
    );
    const messages = framedMessages(streams, netbios, { onAbandon: (a) => abandoned.push([a.stream, a.fromClient, a.frame]) });
    expect(messages.map((m) => [m.frame, m.data.toString()])).toEqual([
      [4, 'a'],
      [5, 'b'],
      [6, 'c'],
    ]);
    expect(abandoned).toEqual([[0, false, 6]]);
  });

  it('lets errors other than DecodeError through', () => {
    const streams = tcpStreams(numbered([...handshake(), tcpPacket({ ...C, seq: 101, flags: ACK, payload: 'x' })]));
    expect(() =>
      framedMessages(streams, () => ({
        push() {
          throw new TypeError('framer bug');
        },
      })),
    ).toThrow(TypeError);
  });
});
