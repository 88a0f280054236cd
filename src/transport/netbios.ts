import { DecodeError } from '../wire/errors.js';
import type { BufferPool } from './buffer-pool.js';
import { HeaderFramer } from './header-framer.js';

/** RFC 1002 4.3.1 session message; direct TCP (MS-SMB2 2.1) uses the same 4-byte header with a 24-bit length. */
export const NBSS_SESSION_MESSAGE = 0x00;
export const NBSS_KEEPALIVE = 0x85;
/** Session service packets other than messages (RFC 1002 4.3.2-4.3.7): request, positive/negative response, retarget, keepalive. */
const NBSS_CONTROL = new Set([0x81, 0x82, 0x83, 0x84, NBSS_KEEPALIVE]);
const MAX_MESSAGE = 0x00ffffff;

/** The 4-byte direct-TCP header for a message of `length` bytes. */
export function netbiosHeader(length: number): Buffer {
  if (length > MAX_MESSAGE) throw new RangeError(`SMB message of ${length} bytes exceeds 24-bit length`);
  const h = Buffer.allocUnsafe(4);
  h.writeUInt32BE(length, 0);
  return h;
}

/**
 * Splits a byte stream into NetBIOS session messages. Knows nothing of sockets: feed it
 * chunks with push(), it calls onMessage once per whole message (a fresh Buffer, so the
 * caller may keep slices of it). Session control packets (keepalives, session requests and responses) are dropped.
 */
export class NetbiosFramer extends HeaderFramer {
  private type = 0;

  constructor(
    private readonly onMessage: (message: Buffer) => void,
    /** Where message buffers come from; give one back with pool.release() once done with it. */
    private readonly pool?: BufferPool,
  ) {
    super();
  }

  protected begin(header: number, type: number): Buffer {
    if (type !== NBSS_SESSION_MESSAGE && !NBSS_CONTROL.has(type)) {
      throw new DecodeError(`NetBIOS session packet type 0x${type.toString(16)} is not a session message`, this.offset - 4);
    }
    this.type = type;
    const len = header & MAX_MESSAGE;
    return this.pool ? this.pool.take(len) : Buffer.allocUnsafe(len);
  }

  protected end(msg: Buffer): void {
    if (this.type === NBSS_SESSION_MESSAGE) this.onMessage(msg);
  }

  /** True when no partial message is buffered. */
  get idle(): boolean {
    return this.between;
  }
}
