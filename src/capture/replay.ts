import { Duplex } from 'node:stream';
import type { Connector } from '../transport/connector.js';
import { loadCapture } from './read.js';
import { tcpStreams, type StreamChunk, type TcpStream } from './tcp-reassembly.js';
import type { CapturedPacket } from './types.js';

/** Bytes one side sent, in capture order. */
export interface ReplayStep {
  fromClient: boolean;
  data: Buffer;
}

/** A client byte that differs from the capture, or one past its end. */
export class ReplayDivergedError extends Error {
  override readonly name = 'ReplayDivergedError';
  readonly code = 'ERR_NETFS_REPLAY_DIVERGED';
  constructor(
    /** Offset in the client -> server byte stream. */
    readonly clientOffset: number,
    detail: string,
  ) {
    super(`replay diverged at client byte ${clientOffset}: ${detail}`);
  }
}

/**
 * Both directions of a reassembled stream, interleaved by frame. Only a stream captured
 * whole (one run a direction, none starting midstream) can be replayed.
 */
export function conversationSteps(stream: TcpStream): ReplayStep[] {
  for (const [name, runs] of [
    ['client -> server', stream.toServer],
    ['server -> client', stream.toClient],
  ] as const) {
    if (runs.length > 1) throw new Error(`TCP stream ${stream.index} cannot be replayed: ${name} has a gap`);
    if (runs[0]?.startsMidstream) throw new Error(`TCP stream ${stream.index} cannot be replayed: ${name} starts midstream`);
  }
  const up: StreamChunk[] = stream.toServer[0]?.chunks ?? [];
  const down: StreamChunk[] = stream.toClient[0]?.chunks ?? [];
  const steps: ReplayStep[] = [];
  let i = 0;
  let j = 0;
  while (i < up.length || j < down.length) {
    if (j >= down.length || (i < up.length && up[i].frame <= down[j].frame)) steps.push({ fromClient: true, data: up[i++].data });
    else steps.push({ fromClient: false, data: down[j++].data });
  }
  return steps;
}

/**
 * A Duplex that plays the server of a recorded conversation: each server chunk is emitted
 * as soon as the client has written every byte that preceded it in the capture. Client
 * bytes are checked against the capture; the first difference destroys the stream with a
 * ReplayDivergedError. When the client ends its side, the server side ends too.
 */
export function replayStream(steps: readonly ReplayStep[]): Duplex {
  return new ReplayServer(steps);
}

interface ServerChunk {
  /** Client bytes that came before this chunk in the capture. */
  after: number;
  data: Buffer;
}

class ReplayServer extends Duplex {
  private readonly expected: Buffer;
  private readonly chunks: ServerChunk[] = [];
  private next = 0;
  private written = 0;
  private clientEnded = false;
  private scheduled = false;

  constructor(steps: readonly ReplayStep[]) {
    super({ allowHalfOpen: false });
    const client: Buffer[] = [];
    let clientBytes = 0;
    for (const step of steps) {
      if (step.fromClient) {
        client.push(step.data);
        clientBytes += step.data.length;
      } else {
        this.chunks.push({ after: clientBytes, data: step.data });
      }
    }
    this.expected = Buffer.concat(client, clientBytes);
    this.schedule();
  }

  override _read(): void {
    // Chunks are pushed as the client earns them; nothing to pull.
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const divergence = this.check(chunk);
    if (divergence) return callback(divergence);
    this.written += chunk.length;
    this.schedule();
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.clientEnded = true;
    this.schedule();
    callback();
  }

  /** The first client byte of `chunk` that differs from the capture, as an error. */
  private check(chunk: Buffer): ReplayDivergedError | undefined {
    const at = this.written;
    const comparable = Math.min(chunk.length, this.expected.length - at);
    const want = this.expected.subarray(at, at + comparable);
    if (!want.equals(chunk.subarray(0, comparable))) {
      let k = 0;
      while (want[k] === chunk[k]) k++;
      return new ReplayDivergedError(at + k, `expected 0x${hex(want[k])}, got 0x${hex(chunk[k])}`);
    }
    if (comparable < chunk.length) {
      return new ReplayDivergedError(at + comparable, `the capture's client sent only ${this.expected.length} bytes`);
    }
    return undefined;
  }

  /** Emits asynchronously, as a socket would: never from inside the client's write(). */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    if (this.destroyed) return;
    while (this.next < this.chunks.length && this.chunks[this.next].after <= this.written) {
      this.push(this.chunks[this.next++].data);
    }
    if (this.clientEnded) this.push(null);
  }
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

export interface ReplayConnectorOptions {
  /** Replay this TCP stream (tcpStreams index) on every connect; by default the n-th connect replays the n-th stream that carries data. */
  stream?: number;
}

/** A Connector whose connections replay the server side of a capture's TCP streams. */
export function replayConnector(capture: string | readonly CapturedPacket[], options: ReplayConnectorOptions = {}): Connector {
  const streams = tcpStreams(typeof capture === 'string' ? loadCapture(capture) : capture).filter((s) => s.toServer.length > 0 || s.toClient.length > 0);
  let calls = 0;
  return async (target) => {
    if (target.signal?.aborted) throw new Error('connect aborted', { cause: target.signal.reason });
    const stream = options.stream === undefined ? streams[calls++] : streams.find((s) => s.index === options.stream);
    if (!stream) throw new Error(options.stream === undefined ? `the capture holds only ${streams.length} TCP streams with data` : `the capture holds no TCP stream ${options.stream}`);
    return replayStream(conversationSteps(stream));
  };
}
