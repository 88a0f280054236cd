import { Readable } from 'node:stream';
import { FsError } from '../errors.js';
import type { FileHandle, FileSystem } from '../types.js';
import { abortError, toFsError, type ErrorContext } from './abort.js';
import { ReadAhead } from './read-ahead.js';
import { pipelineWindow } from './window.js';

export interface ReadStreamOptions {
  /** First byte to read (default 0). */
  start?: number;
  /** Last byte to read, inclusive, as in fs.createReadStream (default: end of file). */
  end?: number;
  /** Bytes per request and per chunk pushed (default and maximum: fs.ioSize). */
  highWaterMark?: number;
  /** Requests kept in flight ahead of the consumer (default: from the chunk size, 2 to 8). */
  window?: number;
  signal?: AbortSignal;
}

/**
 * A Readable over a file: reads run ahead of the consumer by a bounded window, so the
 * memory held is at most about (window + 1) * highWaterMark, and a paused consumer
 * stops new requests. Errors (including an abort, as ECANCELED) destroy the stream.
 */
export function createReadStream(fs: FileSystem, path: string, opts: ReadStreamOptions = {}): Readable {
  return new VfsReadStream(fs, path, opts);
}

function checkRange(start: number, end: number | undefined, path: string): void {
  const ok = (n: number) => Number.isSafeInteger(n) && n >= 0;
  if (!ok(start) || (end !== undefined && (!ok(end) || end < start))) {
    throw new FsError('EINVAL', `bad range start=${start} end=${end}`, { syscall: 'read', path });
  }
}

class VfsReadStream extends Readable {
  private handle: FileHandle | undefined;
  private ahead: ReadAhead | undefined;
  private readonly chunk: number;
  private readonly ctx: ErrorContext;
  private readonly onAbort: (() => void) | undefined;

  constructor(
    private readonly fs: FileSystem,
    readonly path: string,
    private readonly opts: ReadStreamOptions,
  ) {
    // Before super(): once constructed, the stream opens the file on the next tick.
    checkRange(opts.start ?? 0, opts.end, path);
    const chunk = Math.max(1, Math.min(opts.highWaterMark ?? fs.ioSize, fs.ioSize));
    super({ highWaterMark: chunk });
    this.chunk = chunk;
    this.ctx = { syscall: 'read', path };
    const signal = opts.signal;
    if (signal) {
      this.onAbort = () => this.destroy(abortError(signal, this.ctx));
      signal.addEventListener('abort', this.onAbort, { once: true });
    }
  }

  override _construct(callback: (error?: Error | null) => void): void {
    this.open().then(
      () => callback(),
      (e: unknown) => callback(toFsError(e, { syscall: 'open', path: this.path }, this.opts.signal)),
    );
  }

  private async open(): Promise<void> {
    const signal = this.opts.signal;
    if (signal?.aborted) throw abortError(signal, this.ctx);
    this.handle = await this.fs.open(this.path, { read: true }, { signal });
    const size = (await this.handle.stat({ signal })).size;
    const start = this.opts.start ?? 0;
    const end = Math.min(size, this.opts.end === undefined ? Infinity : this.opts.end + 1);
    const window = pipelineWindow(this.chunk, this.opts.window);
    this.ahead = new ReadAhead(this.handle, start, Math.max(start, end), this.chunk, window, this.ctx, signal);
  }

  override _read(): void {
    const ahead = this.ahead;
    if (!ahead) return;
    ahead.next().then(
      (data) => {
        if (!this.destroyed) this.push(data);
      },
      (e: unknown) => this.destroy(toFsError(e, this.ctx, this.opts.signal)),
    );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.onAbort) this.opts.signal?.removeEventListener('abort', this.onAbort);
    this.release().then(
      () => callback(error),
      (e: unknown) => callback(error ?? toFsError(e, { syscall: 'close', path: this.path })),
    );
  }

  private async release(): Promise<void> {
    await this.ahead?.drain();
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }
}
