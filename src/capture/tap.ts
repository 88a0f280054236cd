import { Duplex, type Writable } from 'node:stream';
import type { Connector, ConnectTarget } from '../transport/connector.js';
import { parseIpv4Address } from './address.js';
import { DEFAULT_SERVER } from './tcp-synth.js';
import { TraceSink, type ConversationEndpoints, type TraceConversation, type TraceSinkOptions } from './trace-sink.js';

/**
 * A Duplex in front of `inner` that records every byte written to it (client -> server)
 * and read from it (server -> client), in the order they pass, into `sink` as one
 * synthetic TCP conversation. Chunks are passed through as they are (no copy); the only
 * copy is the one into the pcapng block. Ends, errors and backpressure pass through.
 */
export function tapStream(inner: Duplex, sink: TraceSink, endpoints: ConversationEndpoints = {}): Duplex {
  return new TappedStream(inner, sink.conversation(endpoints));
}

class TappedStream extends Duplex {
  private innerEnded = false;

  constructor(
    private readonly inner: Duplex,
    private readonly conversation: TraceConversation,
  ) {
    super({ allowHalfOpen: inner.allowHalfOpen });
    inner.on('data', (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      conversation.serverSent(bytes);
      if (!this.push(bytes)) inner.pause();
    });
    inner.on('end', () => {
      conversation.serverEnded();
      this.innerEnded = true;
      this.push(null);
    });
    inner.on('error', (err: Error) => this.destroy(err));
    inner.on('close', () => {
      // Closed before its end was read: nothing more will come, say so.
      if (!this.innerEnded && !this.destroyed) this.destroy();
    });
  }

  override _read(): void {
    this.inner.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.conversation.clientSent(chunk);
    if (this.inner.write(chunk)) callback();
    else this.inner.once('drain', () => callback());
  }

  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    this.inner.cork();
    let ok = true;
    for (const { chunk } of chunks) {
      this.conversation.clientSent(chunk);
      ok = this.inner.write(chunk);
    }
    this.inner.uncork();
    if (ok) callback();
    else this.inner.once('drain', () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.conversation.clientEnded();
    this.inner.end();
    callback();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.conversation.end();
    if (!this.inner.destroyed) this.inner.destroy(err ?? undefined);
    callback(err);
  }
}

/** A Connector that also holds the TraceSink its streams are recorded into. */
export type TracingConnector = Connector & {
  readonly sink: TraceSink;
  /** Ends the trace file (see TraceSink.close). */
  close(): Promise<void>;
};

/**
 * Wraps a Connector so that every stream it opens is recorded into one pcapng file, each
 * connection as its own TCP conversation (client ports 49152, 49153, ...; the server is
 * the target's IPv4 address if it is one, else 127.0.0.1, at the target's port). The file
 * stays open across connections until close() (unless options.closeWhenIdle is set).
 */
export function traceConnector(connector: Connector, path: string | Writable, options: TraceSinkOptions = {}): TracingConnector {
  const sink = new TraceSink(path, { ...options, closeWhenIdle: options.closeWhenIdle ?? false });
  const traced = async (target: ConnectTarget) => {
    // The tap reads 'data' events: ask the inner connector for them, not for onread.
    const stream = await connector({ ...target, onread: undefined });
    const ip = parseIpv4Address(target.host) ? target.host : DEFAULT_SERVER.ip;
    return tapStream(stream, sink, { server: { ip, port: target.port } });
  };
  return Object.assign(traced, { sink, close: () => sink.close() });
}
