import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCapture, readCapture } from '../../../src/capture/read.js';
import { tapStream, traceConnector } from '../../../src/capture/tap.js';
import { tcpStreams, type StreamRun } from '../../../src/capture/tcp-reassembly.js';
import { TraceSink } from '../../../src/capture/trace-sink.js';
import type { Connector } from '../../../src/transport/connector.js';
import { seededEntropy } from '../../../src/transport/entropy.js';
import { converse, echoServer, execFileAsync, nbss, pattern } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'netfs-tap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Over one 65,495-byte segment; under 128 KiB, past which tshark 4.0 no longer takes a non-SMB NBSS message as one
const big = pattern(100_000);
const messages = ['NEGOTIATE', 'SESSION_SETUP', big, 'LOGOFF'];
const expectedUp = Buffer.concat(messages.map((m) => nbss(m)));
const expectedDown = Buffer.concat(messages.map((m) => nbss(Buffer.concat([Buffer.from('re:'), Buffer.from(m)]))));

const runBytes = (runs: StreamRun[]) => Buffer.concat(runs.flatMap((r) => r.chunks.map((c) => c.data)));

/** Records one conversation with the echo server into `path`; resolves when the file is closed. */
async function recordSession(path: string): Promise<Buffer[]> {
  const sink = new TraceSink(path, { clock: seededEntropy('tap') });
  const replies = await converse(tapStream(echoServer(), sink, { server: { ip: '127.0.0.1', port: 445 } }), messages);
  await sink.close();
  return replies;
}

describe('tapStream', () => {
  it('passes the conversation through and records it; our reader and tshark both see the bytes of each direction', async () => {
    const path = join(dir, 'session.pcapng');
    const replies = await recordSession(path);
    expect(replies.map((r) => r.length)).toEqual(messages.map((m) => m.length + 3));

    const [stream, ...others] = tcpStreams(loadCapture(path));
    expect(others).toEqual([]);
    expect(stream.client).toBe('127.0.0.1:49152');
    expect(stream.server).toBe('127.0.0.1:445');
    // (Buffer.equals: vitest's deep equality walks large Buffers byte by byte, slowly)
    expect(runBytes(stream.toServer).equals(expectedUp)).toBe(true);
    expect(runBytes(stream.toClient).equals(expectedDown)).toBe(true);

    const { stdout } = await execFileAsync('tshark', ['-r', path, '-T', 'fields', '-e', 'tcp.srcport', '-e', 'tcp.payload'], { maxBuffer: 64 << 20 });
    const perPort = new Map<string, string>();
    for (const line of stdout.split('\n').filter(Boolean)) {
      const [port, payload = ''] = line.split('\t');
      perPort.set(port, (perPort.get(port) ?? '') + payload.replace(/:/g, ''));
    }
    expect(perPort.get('49152')).toBe(expectedUp.toString('hex'));
    expect(perPort.get('445')).toBe(expectedDown.toString('hex'));

    // tshark sees a clean connection (no retransmission, lost segment... flags) and reassembles every NetBIOS message
    const analysis = await execFileAsync('tshark', ['-r', path, '-Y', 'tcp.analysis.flags', '-T', 'fields', '-e', 'frame.number']);
    expect(analysis.stdout.trim()).toBe('');
    const nbssTypes = await execFileAsync('tshark', ['-r', path, '-Y', 'nbss', '-T', 'fields', '-e', 'nbss.type']);
    expect(nbssTypes.stdout.split(/[\n,]/).filter((t) => t === '0x00')).toHaveLength(messages.length * 2);
  });

  it('gives identical files for the same session and clock', async () => {
    await recordSession(join(dir, 'a.pcapng'));
    await recordSession(join(dir, 'b.pcapng'));
    expect(readFileSync(join(dir, 'a.pcapng')).equals(readFileSync(join(dir, 'b.pcapng')))).toBe(true);
  });

  it('closes the file when the stream ends (closeWhenIdle) and passes errors and destroys through', async () => {
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(c: Buffer, _e, cb) {
        chunks.push(c);
        cb();
      },
    });
    const sink = new TraceSink(out, { clock: seededEntropy('c') });
    const inner = new Duplex({ read() {}, write: (_c, _e, cb) => cb() });
    const tapped = tapStream(inner, sink);
    const failed = new Promise<Error>((resolve) => tapped.on('error', resolve));
    inner.destroy(new Error('connection reset'));
    expect((await failed).message).toBe('connection reset');
    expect(sink.closed).toBe(true); // the only conversation ended: the sink closed itself
    await sink.close();
    expect(out.writableFinished).toBe(true);
    const [stream] = tcpStreams(readCapture(Buffer.concat(chunks)));
    expect(stream.toServer).toEqual([]);

    const inner2 = new Duplex({ read() {}, write: (_c, _e, cb) => cb() });
    const sink2 = new TraceSink(new Writable({ write: (_c, _e, cb) => cb() }));
    tapStream(inner2, sink2).destroy();
    expect(inner2.destroyed).toBe(true);
  });

  it('passes backpressure through: a slow reader pauses the inner stream, and nothing is lost', async () => {
    let sent = 0;
    const inner = new Duplex({
      read() {
        if (sent < 64) this.push(Buffer.alloc(16_384, sent++));
        else this.push(null);
      },
      write: (_c, _e, cb) => cb(),
    });
    const tapped = tapStream(inner, new TraceSink(new Writable({ write: (_c, _e, cb) => cb() })));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(inner.isPaused()).toBe(true);
    expect(sent).toBeLessThan(64);
    let received = 0;
    tapped.on('data', (c: Buffer) => (received += c.length));
    await new Promise((resolve) => tapped.on('end', resolve));
    expect(received).toBe(64 * 16_384);
  });

  it('rejects close() with a write error of the file, without disturbing the stream', async () => {
    const sink = new TraceSink(join(dir, 'no-such-dir', 'x.pcapng'));
    const replies = await converse(tapStream(echoServer(), sink), ['still works']);
    expect(replies.map(String)).toEqual(['re:still works']);
    await expect(sink.close()).rejects.toThrow(/ENOENT/);
  });
});

describe('traceConnector', () => {
  it('records every connection into one file, each as its own TCP stream, until close()', async () => {
    const path = join(dir, 'connector.pcapng');
    const inner: Connector = async () => echoServer();
    const connector = traceConnector(inner, path, { clock: seededEntropy('k') });
    const target = { host: '127.0.0.1', port: 4450, timeoutMs: 1000 };
    await converse(await connector(target), ['first']);
    await converse(await connector({ ...target, host: 'server.example' }), ['second']);
    expect(connector.sink.closed).toBe(false);
    await connector.close();
    const streams = tcpStreams(loadCapture(path));
    expect(streams.map((s) => [s.client, s.server, runBytes(s.toServer).subarray(4).toString()])).toEqual([
      ['127.0.0.1:49152', '127.0.0.1:4450', 'first'],
      ['127.0.0.1:49153', '127.0.0.1:4450', 'second'],
    ]);
  });
});
