import { createWriteStream } from 'node:fs';
import { finished, type Writable } from 'node:stream';
import { systemEntropy, type Entropy } from '../transport/entropy.js';
import { PcapngWriter, type TimestampResolution } from './pcapng-writer.js';
import { DEFAULT_CLIENT, DEFAULT_SERVER, TcpSynthesizer, type SynthesizedFrame, type TcpEndpoint } from './tcp-synth.js';

export interface TraceSinkOptions {
  /** Frame timestamps (one nowNs() per frame). Default: the system clock. Pass a clock of
   *  its own rather than the session's Entropy, or tracing would shift the session's times. */
  clock?: Pick<Entropy, 'nowNs'>;
  resolution?: TimestampResolution;
  /** Close the file once the last open conversation ends (default true). */
  closeWhenIdle?: boolean;
  /** Compute TCP checksums in the synthetic frames (default false). */
  tcpChecksum?: boolean;
}

export interface ConversationEndpoints {
  /** Default 127.0.0.1 and a port counting up from 49152, one per conversation. */
  client?: TcpEndpoint;
  server?: TcpEndpoint;
}

/** One TCP conversation being recorded into a TraceSink. */
export interface TraceConversation {
  clientSent(bytes: Buffer): void;
  serverSent(bytes: Buffer): void;
  clientEnded(): void;
  serverEnded(): void;
  /** The conversation is over (both FINs recorded if not yet); idempotent. */
  end(): void;
}

/**
 * A pcapng file (or any Writable) that synthetic TCP conversations are recorded into.
 * Blocks are written as they come, so the file is readable up to the last packet at any
 * time; close() ends it and resolves once everything is flushed. A write error never
 * disturbs the traced connection: it is kept and close() rejects with it.
 */
export class TraceSink {
  private readonly out: Writable;
  private readonly writer: PcapngWriter;
  private readonly clock: Pick<Entropy, 'nowNs'>;
  private readonly closeWhenIdle: boolean;
  private readonly tcpChecksum: boolean;
  private nextClientPort = DEFAULT_CLIENT.port;
  private openConversations = 0;
  private error: Error | undefined;
  private closing: Promise<void> | undefined;

  constructor(target: string | Writable, options: TraceSinkOptions = {}) {
    this.out = typeof target === 'string' ? createWriteStream(target) : target;
    this.out.on('error', (err: Error) => {
      this.error ??= err;
    });
    this.writer = new PcapngWriter({ resolution: options.resolution ?? 'ns' });
    this.clock = options.clock ?? systemEntropy;
    this.closeWhenIdle = options.closeWhenIdle ?? true;
    this.tcpChecksum = options.tcpChecksum ?? false;
    this.out.write(this.writer.header());
  }

  get closed(): boolean {
    return this.closing !== undefined;
  }

  /** Starts recording a conversation: its handshake is written at once. */
  conversation(endpoints: ConversationEndpoints = {}): TraceConversation {
    const client = endpoints.client ?? { ip: DEFAULT_CLIENT.ip, port: this.nextClientPort };
    if (!endpoints.client) this.nextClientPort = this.nextClientPort >= 0xffff ? DEFAULT_CLIENT.port : this.nextClientPort + 1;
    const synth = new TcpSynthesizer({ clock: this.clock, client, server: endpoints.server ?? DEFAULT_SERVER, tcpChecksum: this.tcpChecksum });
    this.openConversations++;
    this.emit(synth.handshake());
    let over = false;
    return {
      clientSent: (bytes) => !over && bytes.length > 0 && this.emit(synth.send(true, bytes)),
      serverSent: (bytes) => !over && bytes.length > 0 && this.emit(synth.send(false, bytes)),
      clientEnded: () => !over && this.emit(synth.finish(true)),
      serverEnded: () => !over && this.emit(synth.finish(false)),
      end: () => {
        if (over) return;
        this.emit([...synth.finish(true), ...synth.finish(false)]);
        over = true;
        this.openConversations--;
        if (this.closeWhenIdle && this.openConversations === 0) void this.close().catch(() => undefined);
      },
    };
  }

  private emit(frames: SynthesizedFrame[]): void {
    if (this.closing) return;
    for (const f of frames) this.out.write(this.writer.packet(f.timestampNs, f.parts));
  }

  /** Ends the file; resolves when it is flushed and closed, rejects with the first write error. Idempotent. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve, reject) => {
      const done = (err?: Error | null) => {
        const failure = this.error ?? err ?? undefined;
        if (failure) reject(failure);
        else resolve();
      };
      if (this.error || this.out.destroyed) return done();
      // For a file this waits for 'close' (the descriptor is released), for other Writables for 'finish'.
      finished(this.out, { readable: false }, done);
      this.out.end();
    });
    return this.closing;
  }
}
