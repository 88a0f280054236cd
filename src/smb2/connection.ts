import type { Duplex } from 'node:stream';
import { NetbiosFramer, netbiosHeader } from '../transport/netbios.js';
import { Multiplexer } from '../transport/multiplexer.js';
import { connectionLost, openReceiving, type Connector } from '../transport/connector.js';
import { BufferPool } from '../transport/buffer-pool.js';
import { onAbort } from '../transport/abort.js';
import type { Entropy } from '../transport/entropy.js';
import { DecodeError } from '../wire/errors.js';
import { Reader } from '../wire/reader.js';
import { Writer } from '../wire/writer.js';
import { FsError, ProtocolError } from '../vfs/errors.js';
import { CreditWindow } from './credits.js';
import { Smb2Command as Command, Smb2HeaderFlags as HeaderFlags, smb2CommandName as commandName } from './protocol/constants.js';
import { readHeader, writeHeader, SMB2_HEADER_SIZE, type Smb2Header } from './protocol/header.js';
import { splitCompound } from './protocol/message.js';
import { encodeCancelRequest } from './protocol/cancel.js';
import { encodeEchoRequest } from './protocol/echo.js';
import { signMessage, verifyMessage } from './crypto/signing.js';
import { decryptMessage, encryptMessage } from './crypto/transform.js';
import { nonceLength } from './crypto/ciphers.js';
import type { MessageSecurity, SessionKeys } from './security.js';

const STATUS_PENDING = 0x00000103;
const noop = () => undefined;
const UNSOLICITED = 0xffffffffffffffffn;
/** Credits the client asks to hold, so that a pipelined transfer is never short of them. */
const CREDIT_TARGET = 512;

/** One request of a message (alone, or one element of a compound). */
export interface Smb2Request {
  command: number;
  /** Writes the body after the 64-byte header; offsets in it count from the header. */
  body(w: Writer): void;
  /** Bytes appended after the body without a copy where possible (WRITE data). */
  payload?: Buffer;
  /** Credits this request charges (MS-SMB2 3.1.5.2); default 1. */
  creditCharge?: number;
  treeId?: number;
  sessionId?: bigint;
  /** RELATED_OPERATIONS: this element uses the FileId/session/tree of the one before it. */
  related?: boolean;
}

export interface Smb2Response {
  /** Hands the reply's buffer back for reuse; call it once nothing holds a view of raw or reader. */
  release(): void;
  header: Smb2Header;
  /** The element, with offsets counted from its header. */
  reader: Reader;
  /** The element's bytes. */
  raw: Buffer;
}

export interface SendOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  security?: MessageSecurity;
  /** Called with the bytes of the (plain) message as sent: preauth integrity needs them. */
  onSent?: (message: Buffer) => void;
}

export interface Smb2ConnectionOptions {
  host: string;
  port: number;
  timeoutMs: number;
  entropy: Entropy;
  /** Use CreditCharge and ask for credits (dialect 2.1 and later); set after NEGOTIATE. */
}

/**
 * One TCP connection to an SMB2 server: message ids and credits, compounding, signing and
 * encryption of what goes out, and for what comes in: decryption, signature checks, interim
 * STATUS_PENDING replies and matching to the waiting request by MessageId. Knows nothing of
 * files; sessions and trees sit on top.
 */
export class Smb2Connection {
  readonly credits = new CreditWindow();
  private readonly mux = new Multiplexer<bigint, Smb2Response>();
  private readonly framer: NetbiosFramer;
  /** Reply buffers come from here; a READ hands its buffer back once the data is copied out. */
  private readonly pool = new BufferPool();
  private readonly sessions = new Map<bigint, SessionKeys>();
  /** AsyncId of requests the server answered with an interim STATUS_PENDING, for CANCEL. */
  private readonly asyncIds = new Map<bigint, bigint>();
  private dead: FsError | null = null;
  private nonceCounter = 0n;
  private noncePrefix: Buffer;
  /** False for 2.0.2, where CreditCharge is reserved. */
  multiCredit = false;
  /** Counted per message sent, for tests that assert round trips. */
  messagesSent = 0;
  private closing = false;
  private readonly closed: Promise<void>;

  /** Opens the byte stream with the connector, receiving through onread where the connector offers it. */
  static open(connector: Connector, opts: Smb2ConnectionOptions, signal?: AbortSignal): Promise<Smb2Connection> {
    return openReceiving(connector, { host: opts.host, port: opts.port, timeoutMs: opts.timeoutMs, signal }, (socket) => new Smb2Connection(socket, opts));
  }

  constructor(
    private readonly socket: Duplex,
    readonly opts: Smb2ConnectionOptions,
  ) {
    this.noncePrefix = opts.entropy.randomBytes(8);
    this.framer = new NetbiosFramer((m) => this.onMessage(m), this.pool);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    this.closed = new Promise((resolve) => {
      socket.once('close', () => {
        this.fail(new FsError(this.closing ? 'ENOTCONN' : 'ECONNRESET', this.closing ? 'connection closed' : `connection to ${this.where} lost`));
        resolve();
      });
    });
    socket.on('error', (err) => this.fail(connectionLost(err, opts.host, opts.port)));
  }

  /** Bytes from the server, in order (a 'data' event or the connector's onread). */
  receive(chunk: Buffer): void {
    try {
      this.framer.push(chunk);
    } catch (e) {
      this.fail(new ProtocolError(`bad frame from ${this.where}: ${(e as Error).message}`, (e as DecodeError).offset));
    }
  }

  get where(): string {
    return `${this.opts.host}:${this.opts.port}`;
  }

  get alive(): boolean {
    return this.dead === null;
  }

  registerSession(sessionId: bigint, keys: SessionKeys): void {
    this.sessions.set(sessionId, keys);
  }
  forgetSession(sessionId: bigint): void {
    this.sessions.delete(sessionId);
  }

  /** Fails every pending and future request with err, and closes the socket. */
  fail(err: FsError): void {
    if (this.dead) return;
    this.dead = err;
    this.credits.fail(err);
    this.mux.failAll(err);
    this.socket.destroy();
  }

  async close(): Promise<void> {
    this.closing = true;
    if (!this.socket.destroyed) this.socket.end();
    const t = setTimeout(() => this.socket.destroy(), 2000);
    await this.closed;
    clearTimeout(t);
  }

  send(req: Smb2Request, opts: SendOptions = {}): Promise<Smb2Response> {
    return this.sendCompound([req], opts).then((r) => r[0]);
  }

  /**
   * Sends requests as one compound message (MS-SMB2 3.2.4.1.4) and resolves with every
   * element's response, whatever its status: callers read the status.
   */
  async sendCompound(reqs: Smb2Request[], opts: SendOptions = {}): Promise<Smb2Response[]> {
    if (this.dead) throw this.dead;
    const charges = reqs.map((r) => (this.multiCredit ? Math.max(1, r.creditCharge ?? 1) : 1));
    const total = charges.reduce((a, b) => a + b, 0);
    const grant = await this.credits.acquire(total);
    if (this.dead) throw this.dead;
    if (opts.signal?.aborted) throw new FsError('ECANCELED', 'aborted', { cause: opts.signal.reason });
    let id = grant.messageId;
    const parts: Buffer[][] = [];
    const ids: bigint[] = [];
    for (let i = 0; i < reqs.length; i++) {
      const req = reqs[i];
      const w = new Writer(256);
      const wantMore = Math.max(0, CREDIT_TARGET - this.credits.credits);
      writeHeader(w, {
        creditCharge: this.multiCredit ? charges[i] : 0,
        status: 0,
        command: req.command,
        credits: Math.max(charges[i], Math.min(wantMore, 256)),
        flags: (req.related ? HeaderFlags.RELATED_OPERATIONS : 0) | (opts.security?.sign && !opts.security.encrypt ? HeaderFlags.SIGNED : 0),
        nextCommand: 0,
        messageId: id,
        asyncId: undefined,
        treeId: req.treeId ?? 0,
        processId: 0xfeff,
        sessionId: req.sessionId ?? 0n,
        signature: Buffer.alloc(16),
      });
      req.body(w);
      const chunks = [w.finish()];
      if (req.payload?.length) chunks.push(req.payload);
      const len = chunks.reduce((a, b) => a + b.length, 0);
      if (i < reqs.length - 1) {
        const pad = (8 - (len % 8)) % 8;
        if (pad) chunks.push(Buffer.alloc(pad));
        chunks[0].writeUInt32LE(len + pad, 20); // NextCommand, MS-SMB2 2.2.1.2
      }
      parts.push(chunks);
      ids.push(id);
      id += BigInt(charges[i]);
    }
    const waits = ids.map((mid, i) =>
      this.mux.wait(mid, { timeoutMs: opts.timeoutMs ?? this.opts.timeoutMs, signal: opts.signal, what: `SMB2 ${commandName(reqs[i].command)}` }),
    );
    try {
      this.write(parts, opts);
    } catch (e) {
      for (const mid of ids) this.mux.reject(mid, e as Error);
    }
    const unsubscribe = opts.signal ? onAbort(opts.signal, () => this.cancel(ids, reqs, opts)) : undefined;
    try {
      return await Promise.all(waits);
    } finally {
      unsubscribe?.();
      for (const mid of ids) this.asyncIds.delete(mid);
    }
  }

  /** SMB2 CANCEL (MS-SMB2 3.2.4.24) for requests whose caller gave up: the server stops waiting on them. */
  private cancel(ids: bigint[], reqs: Smb2Request[], opts: SendOptions): void {
    if (this.dead) return;
    const parts: Buffer[][] = [];
    ids.forEach((mid, i) => {
      const asyncId = this.asyncIds.get(mid);
      const w = new Writer(72);
      writeHeader(w, {
        command: Command.CANCEL,
        messageId: mid,
        flags: (asyncId !== undefined ? HeaderFlags.ASYNC_COMMAND : 0) | (opts.security?.sign && !opts.security.encrypt ? HeaderFlags.SIGNED : 0),
        asyncId,
        treeId: reqs[i].treeId ?? 0,
        sessionId: reqs[i].sessionId ?? 0n,
      });
      encodeCancelRequest(w);
      parts.push([w.finish()]);
    });
    try {
      for (const p of parts) this.write([p], { security: opts.security });
    } catch {
      // the connection is going away: nothing to cancel
    }
  }

  /** SMB2 ECHO (MS-SMB2 3.2.4.20): is the server still there? */
  async echo(opts: SendOptions = {}): Promise<void> {
    const res = await this.send({ command: Command.ECHO, body: encodeEchoRequest }, opts);
    if (res.header.status !== 0) throw new ProtocolError(`SMB2 ECHO answered 0x${res.header.status.toString(16)}`);
  }

  private write(parts: Buffer[][], opts: SendOptions): void {
    const sec = opts.security;
    let message: Buffer[];
    if (sec?.sign && !sec.encrypt) for (const p of parts) signMessage(sec.sign.algorithm, sec.sign.key, p);
    message = parts.flat();
    if (opts.onSent) opts.onSent(Buffer.concat(message));
    if (sec?.encrypt) {
      message = encryptMessage({
        cipher: sec.encrypt.cipher,
        key: sec.encrypt.key,
        nonce: this.nextNonce(sec.encrypt.cipher),
        sessionId: sec.encrypt.sessionId,
        plaintext: message,
      });
    }
    const len = message.reduce((a, b) => a + b.length, 0);
    this.socket.cork();
    this.socket.write(netbiosHeader(len));
    for (const b of message) this.socket.write(b);
    this.socket.uncork();
    this.messagesSent++;
  }

  /** A nonce never repeated under one key: a random prefix and a counter (MS-SMB2 3.1.4.3). */
  private nextNonce(cipher: number): Buffer {
    const n = Buffer.alloc(16);
    const len = nonceLength(cipher);
    this.nonceCounter++;
    n.writeBigUInt64LE(this.nonceCounter, 0);
    this.noncePrefix.copy(n, 8, 0, len - 8);
    return n;
  }

  private onMessage(message: Buffer): void {
    try {
      let plain = message;
      let encrypted = false;
      if (message.length >= 4 && message.readUInt32BE(0) === 0xfd534d42) {
        plain = this.decrypt(message);
        encrypted = true;
        this.pool.release(message); // the ciphertext is spent
      }
      const elements = splitCompound(plain);
      // A lone plain reply owns its buffer; its consumer may give it back (see Smb2Response.release).
      const release = elements.length === 1 && !encrypted ? () => this.pool.release(message) : noop;
      for (const element of elements) this.onElement(element, encrypted, release);
    } catch (e) {
      if (e instanceof FsError) this.fail(e);
      else if (e instanceof DecodeError) this.fail(new ProtocolError(`malformed SMB2 message from ${this.where}: ${e.message}`, e.offset));
      else this.fail(new ProtocolError(`bad SMB2 message from ${this.where}: ${(e as Error).message}`));
    }
  }

  private decrypt(message: Buffer): Buffer {
    const r = new Reader(message);
    const sessionId = r.at(44, 8).u64le();
    const keys = this.sessions.get(sessionId);
    if (!keys?.decryptionKey || keys.cipher === undefined) {
      throw new ProtocolError(`encrypted message for unknown session 0x${sessionId.toString(16)}`);
    }
    return decryptMessage({ cipher: keys.cipher, key: keys.decryptionKey, message });
  }

  private onElement(reader: Reader, encrypted: boolean, release: () => void): void {
    const raw = reader.buf.subarray(reader.start, reader.end);
    const header = readHeader(new Reader(raw, 0, Math.min(raw.length, SMB2_HEADER_SIZE)));
    if (!(header.flags & HeaderFlags.SERVER_TO_REDIR)) throw new ProtocolError('server sent a request');
    this.credits.grant(header.credits);
    if (header.messageId === UNSOLICITED) return; // an oplock or lease break: netfs takes none
    if (header.status === STATUS_PENDING && header.flags & HeaderFlags.ASYNC_COMMAND) {
      if (header.asyncId !== undefined && this.mux.has(header.messageId)) this.asyncIds.set(header.messageId, header.asyncId);
      this.mux.extend(header.messageId);
      return;
    }
    const response: Smb2Response = { header, reader: new Reader(raw), raw, release };
    const keys = this.sessions.get(header.sessionId);
    if (keys && !encrypted && header.command !== Command.SESSION_SETUP) {
      if (header.flags & HeaderFlags.SIGNED) {
        if (!verifyMessage(keys.signAlgorithm, keys.signingKey, raw)) {
          this.mux.reject(header.messageId, new ProtocolError(`bad signature on SMB2 ${commandName(header.command)} response from ${this.where}: rejected`));
          return;
        }
      } else if (keys.requireSigned) {
        this.mux.reject(header.messageId, new ProtocolError(`unsigned SMB2 ${commandName(header.command)} response on a signed session: rejected`));
        return;
      }
    }
    this.mux.resolve(header.messageId, response);
  }
}
