import { DecodeError } from '../wire/errors.js';
import type { BufferPool } from './buffer-pool.js';
import { HeaderFramer } from './header-framer.js';

/** RFC 5531 section 11: the high bit of a fragment header marks the record's last fragment. */
export const LAST_FRAGMENT = 0x80000000;
/** The low 31 bits of a fragment header: the fragment's length. */
export const MAX_FRAGMENT = 0x7fffffff;
/**
 * The largest record the framer accepts unless told otherwise: nfs-ganesha's largest
 * MaxRead/MaxWrite (64 MiB) plus room for the COMPOUND around the data.
 */
export const DEFAULT_MAX_RECORD = 64 * 1024 * 1024 + 64 * 1024;

export interface RecordMarkingOptions {
  /** Records (the sum of their fragments) longer than this are a DecodeError. */
  maxRecord?: number;
}

/** The 4-byte fragment header (RFC 5531 section 11) for a fragment of `length` bytes. */
export function recordMarkingHeader(length: number, last: boolean): Buffer {
  if (!Number.isInteger(length) || length < 0 || length > MAX_FRAGMENT) throw new RangeError(`RPC fragment of ${length} bytes: must be 0 to ${MAX_FRAGMENT}`);
  const h = Buffer.allocUnsafe(4);
  h.writeUInt32BE((last ? LAST_FRAGMENT : 0) + length, 0);
  return h;
}

/**
 * A record as the chunks of a gather write: a fragment header before every `maxFragment`
 * bytes of the payload (one fragment by default), the payload itself only sliced, never
 * copied. An empty record is one empty last fragment.
 */
export function encodeRecord(payload: Buffer | readonly Buffer[], maxFragment = MAX_FRAGMENT): Buffer[] {
  if (!Number.isInteger(maxFragment) || maxFragment < 1 || maxFragment > MAX_FRAGMENT) throw new RangeError(`fragment size ${maxFragment}: must be 1 to ${MAX_FRAGMENT}`);
  const parts = Buffer.isBuffer(payload) ? [payload] : payload;
  let remaining = parts.reduce((n, b) => n + b.length, 0);
  if (remaining === 0) return [recordMarkingHeader(0, true)];
  const out: Buffer[] = [];
  let part = 0;
  let at = 0;
  while (remaining > 0) {
    let fragment = Math.min(maxFragment, remaining);
    remaining -= fragment;
    out.push(recordMarkingHeader(fragment, remaining === 0));
    while (fragment > 0) {
      const buf = parts[part];
      const n = Math.min(fragment, buf.length - at);
      if (n > 0) out.push(at === 0 && n === buf.length ? buf : buf.subarray(at, at + n));
      at += n;
      fragment -= n;
      if (at === buf.length) {
        part++;
        at = 0;
      }
    }
  }
  return out;
}

/**
 * Splits a byte stream into ONC RPC records (RFC 5531 section 11), joining the fragments of
 * each. Knows nothing of sockets: feed it chunks with push(), it calls onMessage once per
 * whole record (a fresh Buffer, so the caller may keep slices of it).
 */
export class RecordMarkingFramer extends HeaderFramer {
  private last = false;
  /** Whole fragments of the current record before the one being filled. */
  private fragments: Buffer[] = [];
  private recordLength = 0;
  /** A fragment of the current record (maybe empty) has been read: the record is under way. */
  private inRecord = false;
  private readonly maxRecord: number;

  constructor(
    private readonly onMessage: (message: Buffer) => void,
    /** Where record buffers come from; give one back with pool.release() once done with it. */
    private readonly pool?: BufferPool,
    options: RecordMarkingOptions = {},
  ) {
    super();
    this.maxRecord = options.maxRecord ?? DEFAULT_MAX_RECORD;
  }

  /** True when no partial record is buffered. */
  get idle(): boolean {
    return this.between && !this.inRecord;
  }

  protected begin(header: number): Buffer {
    const length = header & MAX_FRAGMENT;
    this.last = (header & LAST_FRAGMENT) !== 0;
    if (this.recordLength + length > this.maxRecord) {
      throw new DecodeError(`RPC record of at least ${this.recordLength + length} bytes exceeds the limit of ${this.maxRecord}`, this.offset - 4);
    }
    this.recordLength += length;
    // A record in one fragment (the usual case) is read straight into its final buffer.
    return this.pool && this.last && this.fragments.length === 0 ? this.pool.take(length) : Buffer.allocUnsafe(length);
  }

  protected end(fragment: Buffer): void {
    if (!this.last) {
      if (fragment.length > 0) this.fragments.push(fragment);
      this.inRecord = true;
      return;
    }
    let record = fragment;
    if (this.fragments.length > 0) {
      record = this.pool ? this.pool.take(this.recordLength) : Buffer.allocUnsafe(this.recordLength);
      let at = 0;
      for (const f of this.fragments) at += f.copy(record, at);
      fragment.copy(record, at);
    }
    this.fragments = [];
    this.recordLength = 0;
    this.inRecord = false;
    this.onMessage(record);
  }
}
