import { Writable } from 'node:stream';
import { FsError } from '../errors.js';
import type { FileHandle, FileSystem, OpenOptions } from '../types.js';
import { abortError, toFsError, type ErrorContext } from './abort.js';
import { pipelineWindow } from './window.js';

/** Node's open flags a write stream accepts, as create/truncate/exclusive/append. */
export const WRITE_FLAGS = {
  w: { create: true, truncate: true },
  wx: { create: true, truncate: true, exclusive: true },
  a: { create: true, append: true },
  ax: { create: true, append: true, exclusive: true },
  'r+': {},
} as const satisfies Record<string, OpenOptions>;

export type WriteFlags = keyof typeof WRITE_FLAGS;

export interface WriteStreamOptions {
  /** Like fs.createWriteStream (default 'w'); the booleans below override it. */
  flags?: WriteFlags;
  create?: boolean;
  truncate?: boolean;
  exclusive?: boolean;
  append?: boolean;
  /** Permission bits for a created file. */
  mode?: number;
  /** Position of the first byte written (default 0; ignored when appending). */
  start?: number;
  /** Writes kept in flight (default: from fs.ioSize, 2 to 8; always 1 when appending, to keep order). */
  window?: number;
  signal?: AbortSignal;
}

/**
 * A Writable over a file: chunks are gathered into requests of fs.ioSize and up to
 * `window` of them are in flight while the producer goes on, so the memory held is
 * about (window + 1) * ioSize. end() waits for every write and closes the handle (no
 * sync). A failed write or an abort (ECANCELED) destroys the stream with that error.
 * As with a socket, a chunk must not be modified once written.
 */
export function createWriteStream(fs: FileSystem, path: string, opts: WriteStreamOptions = {}): Writable {
  return new VfsWriteStream(fs, path, opts);
}

export function writeOpenOptions(opts: WriteStreamOptions): OpenOptions {
  const base: OpenOptions = WRITE_FLAGS[opts.flags ?? 'w'];
  if (!base) throw new FsError('EINVAL', `unknown flags '${String(opts.flags)}'`);
  return {
    write: true,
    create: opts.create ?? base.create ?? false,
    truncate: opts.truncate ?? base.truncate ?? false,
    exclusive: opts.exclusive ?? base.exclusive ?? false,
    append: opts.append ?? base.append ?? false,
    mode: opts.mode,
  };
}

class VfsWriteStream extends Writable {
  private handle: FileHandle | undefined;
  private readonly how: OpenOptions;
  private readonly ctx: ErrorContext;
  private readonly ioSize: number;
  private readonly window: number;
  private position: number;
  /** Bytes accepted but not yet sent, gathered into ioSize requests. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly inFlight = new Set<Promise<void>>();
  /** The callback of a _write held back while the window is full. */
  private waiting: ((error?: Error | null) => void) | undefined;
  private failure: FsError | undefined;
  private finishing = false;
  private readonly onAbort: (() => void) | undefined;
  bytesWritten = 0;

  constructor(
    private readonly fs: FileSystem,
    readonly path: string,
    private readonly opts: WriteStreamOptions,
  ) {
    // Before super(): once constructed, the stream opens the file on the next tick.
    const how = writeOpenOptions(opts);
    super({ highWaterMark: Math.max(1, fs.ioSize), decodeStrings: true });
    this.how = how;
    this.ctx = { syscall: 'write', path };
    this.ioSize = Math.max(1, fs.ioSize);
    this.window = this.how.append ? 1 : pipelineWindow(this.ioSize, opts.window);
    this.position = opts.start ?? 0;
    const signal = opts.signal;
    if (signal) {
      this.onAbort = () => this.destroy(abortError(signal, this.ctx));
      signal.addEventListener('abort', this.onAbort, { once: true });
    }
  }

  override _construct(callback: (error?: Error | null) => void): void {
    const signal = this.opts.signal;
    if (signal?.aborted) return callback(abortError(signal, this.ctx));
    this.openHandle().then(
      () => callback(),
      (e: unknown) => callback(toFsError(e, { syscall: 'open', path: this.path }, signal)),
    );
  }

  private async openHandle(): Promise<void> {
    const signal = this.opts.signal;
    this.handle = await this.fs.open(this.path, this.how, { signal });
    // Appends go to the end; the position is sent too, for servers that want one.
    if (this.how.append) this.position = (await this.handle.stat({ signal })).size;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.failure) return callback(this.failure);
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    while (this.pendingBytes >= this.ioSize && this.inFlight.size < this.window) this.send(this.take(this.ioSize));
    if (this.pendingBytes >= this.ioSize) this.waiting = callback;
    else callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.finishing = true;
    this.flushAll().then(
      () => callback(),
      (e: unknown) => callback(toFsError(e, this.ctx, this.opts.signal)),
    );
  }

  private async flushAll(): Promise<void> {
    while (!this.failure && this.pendingBytes > 0) {
      if (this.inFlight.size >= this.window) await Promise.race(this.inFlight);
      else this.send(this.take(Math.min(this.ioSize, this.pendingBytes)));
    }
    await Promise.allSettled(this.inFlight);
    if (this.failure) throw this.failure;
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.onAbort) this.opts.signal?.removeEventListener('abort', this.onAbort);
    const waiting = this.waiting;
    this.waiting = undefined;
    this.release().then(
      () => {
        waiting?.(error);
        callback(error);
      },
      (e: unknown) => callback(error ?? toFsError(e, { syscall: 'close', path: this.path })),
    );
  }

  private async release(): Promise<void> {
    this.pending = [];
    this.pendingBytes = 0;
    await Promise.allSettled(this.inFlight);
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }

  /** The first n pending bytes, as a slice when one chunk holds them, else gathered. */
  private take(n: number): Buffer {
    const first = this.pending[0];
    let piece: Buffer;
    if (first.length >= n) {
      piece = first.subarray(0, n);
      if (first.length === n) this.pending.shift();
      else this.pending[0] = first.subarray(n);
    } else {
      const parts: Buffer[] = [];
      let got = 0;
      while (got < n) {
        const head = this.pending[0];
        const part = head.subarray(0, n - got);
        parts.push(part);
        got += part.length;
        if (part.length === head.length) this.pending.shift();
        else this.pending[0] = head.subarray(part.length);
      }
      piece = Buffer.concat(parts, n);
    }
    this.pendingBytes -= n;
    return piece;
  }

  private send(piece: Buffer): void {
    const handle = this.handle;
    if (!handle) {
      this.failure ??= new FsError('EBADF', 'the file is closed', this.ctx);
      return;
    }
    const position = this.position;
    this.position += piece.length;
    const done = handle.write(piece, position, { signal: this.opts.signal }).then(
      () => {
        this.bytesWritten += piece.length;
      },
      (e: unknown) => {
        this.failure ??= toFsError(e, this.ctx, this.opts.signal);
      },
    );
    const tracked = done.finally(() => {
      this.inFlight.delete(tracked);
      this.afterWrite();
    });
    this.inFlight.add(tracked);
  }

  /** A write finished: send more if the window allows, release a held _write, or report a failure. */
  private afterWrite(): void {
    if (this.failure) {
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting) waiting(this.failure);
      else if (!this.finishing) this.destroy(this.failure);
      return;
    }
    while (this.pendingBytes >= this.ioSize && this.inFlight.size < this.window) this.send(this.take(this.ioSize));
    if (this.waiting && this.pendingBytes < this.ioSize) {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting();
    }
  }
}
