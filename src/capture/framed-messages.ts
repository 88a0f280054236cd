import { DecodeError } from '../wire/errors.js';
import type { StreamRun, TcpStream } from './tcp-reassembly.js';

/** One message a framer cut out of a reassembled stream. */
export interface FramedMessage {
  /** The frame holding the message's last byte (the frame at which it became complete). */
  frame: number;
  /** TcpStream.index */
  stream: number;
  fromClient: boolean;
  data: Buffer;
}

/** Anything that turns pushed bytes into messages, e.g. transport's NetbiosFramer. */
export interface Framer {
  push(bytes: Buffer): void;
}
export type FramerFactory = (onMessage: (message: Buffer) => void) => Framer;

/** A run whose framer threw: the rest of that run was not framed. */
export interface AbandonedRun {
  stream: number;
  fromClient: boolean;
  /** Frame of the chunk being pushed when the framer threw. */
  frame: number;
  error: DecodeError;
}

export interface FramedMessagesOptions {
  onAbandon?: (run: AbandonedRun) => void;
}

/**
 * Cuts each run of each stream into messages with a fresh framer per run, and sorts all
 * messages by frame (ties keep their order within the frame). When a framer throws a
 * DecodeError (garbage, or a run that starts midstream), the rest of that run is
 * abandoned; a framer that resynchronises would recover more, and is not here yet.
 * A message cut short at the end of a run is dropped.
 */
export function framedMessages(streams: readonly TcpStream[], makeFramer: FramerFactory, options: FramedMessagesOptions = {}): FramedMessage[] {
  const out: FramedMessage[] = [];
  for (const stream of streams) {
    for (const run of stream.toServer) frameRun(run, stream.index, true, makeFramer, out, options);
    for (const run of stream.toClient) frameRun(run, stream.index, false, makeFramer, out, options);
  }
  // Array.prototype.sort is stable: messages of one frame keep the order the framer produced them in.
  return out.sort((a, b) => a.frame - b.frame);
}

function frameRun(run: StreamRun, stream: number, fromClient: boolean, makeFramer: FramerFactory, out: FramedMessage[], options: FramedMessagesOptions): void {
  let frame = 0;
  const framer = makeFramer((data) => out.push({ frame, stream, fromClient, data }));
  for (const chunk of run.chunks) {
    frame = chunk.frame;
    try {
      framer.push(chunk.data);
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
      options.onAbandon?.({ stream, fromClient, frame, error: err });
      return;
    }
  }
}
