import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TCP_FLAG } from '../../../src/capture/packet.js';
import { loadCapture } from '../../../src/capture/read.js';
import { conversationSteps, ReplayDivergedError, replayConnector, replayStream } from '../../../src/capture/replay.js';
import { tapStream } from '../../../src/capture/tap.js';
import { tcpStreams } from '../../../src/capture/tcp-reassembly.js';
import { TraceSink } from '../../../src/capture/trace-sink.js';
import { seededEntropy } from '../../../src/transport/entropy.js';
import { converse, echoServer, nbss, numbered, tcpPacket } from './helpers.js';
import { CAPTURES_DIR } from '../../support/shared.js';

const dir = mkdtempSync(join(tmpdir(), 'netfs-replay-'));
const recorded = join(dir, 'recorded.pcapng');
const messages = ['NEGOTIATE', 'SESSION_SETUP', Buffer.alloc(70_000, 0x42), 'LOGOFF'];
const target = { host: '127.0.0.1', port: 445, timeoutMs: 1000 };
let originalReplies: string[] = [];

beforeAll(async () => {
  const sink = new TraceSink(recorded, { clock: seededEntropy('replay') });
  originalReplies = (await converse(tapStream(echoServer(), sink), messages)).map((r) => r.toString('hex'));
  await sink.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Resolves after the event loop has had a few turns. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('replay source', () => {
  it('replays a tapped conversation: the same requests get the recorded replies', async () => {
    const connect = replayConnector(recorded);
    const replies = await converse(await connect(target), messages);
    expect(replies.map((r) => r.toString('hex'))).toEqual(originalReplies);
    await expect(connect(target)).rejects.toThrow(/only 1 TCP streams with data/);
  });

  it('replays the same stream on every connect when one is named', async () => {
    const connect = replayConnector(loadCapture(recorded), { stream: 0 });
    for (let i = 0; i < 2; i++) expect((await converse(await connect(target), messages)).length).toBe(messages.length);
    await expect(replayConnector(recorded, { stream: 3 })(target)).rejects.toThrow(/no TCP stream 3/);
  });

  it('reports the first client byte that differs from the capture', async () => {
    const stream = await replayConnector(recorded)(target);
    const changed = ['NEGOTIATE', 'SESSION_SETUX', 'LOGOFF'];
    const error = await converse(stream, changed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplayDivergedError);
    // nbss('NEGOTIATE') is 13 bytes, then a 4-byte header and 'SESSION_SETU'
    expect((error as ReplayDivergedError).clientOffset).toBe(13 + 4 + 12);
    expect((error as Error).message).toMatch(/^replay diverged at client byte 29: expected 0x50, got 0x58/);
  });

  it('reports client bytes past the end of the capture', async () => {
    const stream = await replayConnector(recorded)(target);
    const error = await converse(stream, [...messages, 'MORE']).catch((e: unknown) => e);
    const total = messages.reduce((n, m) => n + 4 + m.length, 0);
    expect((error as ReplayDivergedError).clientOffset).toBe(total);
    expect((error as Error).message).toMatch(/sent only/);
  });

  it('holds a server chunk back until every client byte before it was written', async () => {
    const server = replayStream([
      { fromClient: false, data: Buffer.from('banner') },
      { fromClient: true, data: Buffer.from('abc') },
      { fromClient: true, data: Buffer.from('def') },
      { fromClient: false, data: Buffer.from('reply') },
    ]);
    const got: string[] = [];
    server.on('data', (c: Buffer) => got.push(c.toString()));
    await settle();
    expect(got).toEqual(['banner']);
    server.write('abcde');
    await settle();
    expect(got).toEqual(['banner']);
    server.write('f');
    await settle();
    expect(got).toEqual(['banner', 'reply']);
    const ended = new Promise((resolve) => server.on('end', resolve));
    server.end();
    await ended;
  });

  it('replays the server side of a reference capture byte for byte', async () => {
    const packets = loadCapture(CAPTURES_DIR + 'reference/smb311-smbclient-basic.pcapng');
    const [recordedStream] = tcpStreams(packets);
    const server: Duplex = await replayConnector(packets)(target);
    const received: Buffer[] = [];
    server.on('data', (c: Buffer) => received.push(c));
    const ended = new Promise((resolve) => server.on('end', resolve));
    for (const step of conversationSteps(recordedStream)) {
      if (step.fromClient) server.write(step.data);
      else await new Promise(setImmediate);
    }
    server.end();
    await ended;
    const expected = Buffer.concat(recordedStream.toClient[0].chunks.map((c) => c.data));
    expect(Buffer.concat(received).equals(expected)).toBe(true);
    expect(received.length).toBe(recordedStream.toClient[0].chunks.length);
  });
});

describe('conversationSteps', () => {
  const C = { src: '10.0.0.1', dst: '10.0.0.2', sport: 1000, dport: 445 };
  const S = { src: '10.0.0.2', dst: '10.0.0.1', sport: 445, dport: 1000 };
  const { SYN, ACK } = TCP_FLAG;
  const open = [tcpPacket({ ...C, seq: 0, flags: SYN }), tcpPacket({ ...S, seq: 0, flags: SYN | ACK }), tcpPacket({ ...C, seq: 1, flags: ACK })];

  it('interleaves both directions by frame', () => {
    const [stream] = tcpStreams(
      numbered([
        ...open,
        tcpPacket({ ...C, seq: 1, flags: ACK, payload: nbss('q1') }),
        tcpPacket({ ...S, seq: 1, flags: ACK, payload: nbss('r1') }),
        tcpPacket({ ...C, seq: 7, flags: ACK, payload: nbss('q2') }),
      ]),
    );
    expect(conversationSteps(stream).map((s) => [s.fromClient, s.data.subarray(4).toString()])).toEqual([
      [true, 'q1'],
      [false, 'r1'],
      [true, 'q2'],
    ]);
  });

  it('refuses a stream with a gap or one that starts midstream', () => {
    const [gap] = tcpStreams(numbered([...open, tcpPacket({ ...C, seq: 1, flags: ACK, payload: 'a' }), tcpPacket({ ...C, seq: 5, flags: ACK, payload: 'b' })]));
    expect(() => conversationSteps(gap)).toThrow(/client -> server has a gap/);
    const [mid] = tcpStreams(numbered([tcpPacket({ ...S, seq: 9, flags: ACK, payload: 'x' })]));
    expect(() => conversationSteps(mid)).toThrow(/server -> client starts midstream/);
  });
});
