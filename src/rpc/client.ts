import type { Duplex } from 'node:stream';
import { FsError, ProtocolError } from '../errors.js';
import { BufferPool } from '../transport/buffer-pool.js';
import { connectionLost, openReceiving, type Connector } from '../transport/connector.js';
import type { Entropy } from '../transport/entropy.js';
import { Multiplexer } from '../transport/multiplexer.js';
import { encodeRecord, RecordMarkingFramer } from '../transport/record-marking.js';
import { DecodeError } from '../wire/errors.js';
import type { Reader } from '../wire/reader.js';
import { AUTH_NONE } from './auth.js';
import { rpcReplyError } from './errors.js';
import {
  AcceptStat,
  MsgType,
  readRpcMessage,
  ReplyStat,
  writeCallHeader,
  writeReply,
  type AcceptedReply,
  type CallHeader,
  type OpaqueAuth,
  type RpcReply,
} from './message.js';
import { XdrWriter, type XdrReader } from './xdr.js';

/** Bytes of one XDR unit (RFC 4506 section 3). */
const XDR_UNIT = 4;

export interface RpcClientOptions {
  host: string;
  port: number;
  /** Default per-call timeout. */
  timeoutMs: number;
  /** Seeds the xids. */
  entropy: Entropy;
  /**
   * Split each outgoing record into fragments of at most this many bytes (default: one
   * fragment), rounded down to whole XDR units: nfs-ganesha 4.3 (ntirpc) resets a connection
   * whose fragments end inside a 4-byte unit, though RFC 5531 section 11 allows it.
   */
  maxFragment?: number;
  /** Largest incoming record accepted (default DEFAULT_MAX_RECORD); a larger one kills the connection. */
  maxRecord?: number;
  /**
   * Calls the server makes over this connection (the NFSv4.1 backchannel). Answer with
   * sendReply(); without a handler they are answered PROG_UNAVAIL.
   */
  onCall?: (call: CallHeader, args: XdrReader) => void;
}

export interface CallOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** The call's verifier; AUTH_NONE by default (as AUTH_SYS wants). */
  verf?: OpaqueAuth;
  /** Names the call in timeout and abort errors: 'NFS4 COMPOUND', 'PMAP GETPORT'. */
  what?: string;
}

/** A SUCCESS reply. */
export interface RpcResult {
  /** The procedure's results: a reader whose position 0 is their first byte. */
  results: Reader;
  verf: OpaqueAuth;
  /** Hands the record's buffer back for reuse; call it once nothing holds a view of `results`. */
  release(): void;
}

interface Received {
  reply: RpcReply;
  body: XdrReader;
  record: Buffer;
}

/** Encodes a procedure's arguments after the call header. */
export type ArgsEncoder = (w: XdrWriter) => void;

/**
 * ONC RPC (RFC 5531) over one byte stream with record marking: many calls in flight,
 * matched to replies by xid, each with its own timeout and AbortSignal; a reply other than
 * SUCCESS becomes an RpcReplyError. Knows no program: NFS, MOUNT and portmap sit on top.
 */
export class RpcClient {
  private readonly mux = new Multiplexer<number, Received>();
  private readonly pool = new BufferPool();
  private readonly framer: RecordMarkingFramer;
  private xid: number;
  private readonly maxFragment: number | undefined;
  private dead: FsError | null = null;
  private closing = false;
  private readonly closed: Promise<void>;
  /** Records sent (calls and replies), for tests that count round trips. */
  messagesSent = 0;
  /** Records received. */
  messagesReceived = 0;

  /** Opens the byte stream with the connector, receiving through onread where the connector offers it. */
  static open(connector: Connector, opts: RpcClientOptions, signal?: AbortSignal): Promise<RpcClient> {
    return openReceiving(connector, { host: opts.host, port: opts.port, timeoutMs: opts.timeoutMs, signal }, (socket) => new RpcClient(socket, opts));
  }

  constructor(
    private readonly socket: Duplex,
    readonly opts: RpcClientOptions,
  ) {
    this.xid = opts.entropy.randomBytes(4).readUInt32BE(0);
    this.maxFragment = opts.maxFragment === undefined ? undefined : Math.max(XDR_UNIT, opts.maxFragment - (opts.maxFragment % XDR_UNIT));
    this.framer = new RecordMarkingFramer((m) => this.onRecord(m), this.pool, { maxRecord: opts.maxRecord });
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    this.closed = new Promise((resolve) => {
      socket.once('close', () => {
        this.fail(new FsError(this.closing ? 'ENOTCONN' : 'ECONNRESET', this.closing ? 'connection closed' : `connection to ${this.where} lost`));
        resolve();
      });
    });
    socket.on('error', (err) => this.fail(connectionLost(err, opts.host, opts.port)));
  }

  get where(): string {
    return `${this.opts.host}:${this.opts.port}`;
  }

  get alive(): boolean {
    return this.dead === null;
  }

  /** Calls waiting for their reply. */
  get pending(): number {
    return this.mux.size;
  }

  /** Bytes from the server, in order (a 'data' event or the connector's onread). */
  receive(chunk: Buffer): void {
    try {
      this.framer.push(chunk);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      this.fail(new ProtocolError(`bad RPC record from ${this.where}: ${e.message}`, e.offset, { protocol: 'rpc' }));
    }
  }

  /** Fails every pending and future call with err, and closes the socket. */
  fail(err: FsError): void {
    if (this.dead) return;
    this.dead = err;
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

  /** Calls a procedure and resolves with a reader over its results. */
  async call(prog: number, vers: number, proc: number, cred: OpaqueAuth, encodeArgs: ArgsEncoder, opts: CallOptions = {}): Promise<Reader> {
    return (await this.callWithReply(prog, vers, proc, cred, encodeArgs, opts)).results;
  }

  /** Calls a procedure; the result also carries the reply's verifier and the record's release. */
  async callWithReply(prog: number, vers: number, proc: number, cred: OpaqueAuth, encodeArgs: ArgsEncoder, opts: CallOptions = {}): Promise<RpcResult> {
    if (this.dead) throw this.dead;
    const xid = this.nextXid();
    const w = new XdrWriter(256);
    writeCallHeader(w, { xid, prog, vers, proc, cred, verf: opts.verf ?? AUTH_NONE });
    encodeArgs(w);
    const what = opts.what ?? `RPC program ${prog} version ${vers} procedure ${proc}`;
    const wait = this.mux.wait(xid, { timeoutMs: opts.timeoutMs ?? this.opts.timeoutMs, signal: opts.signal, what });
    if (this.mux.has(xid)) this.write(w.chunks());
    const got = await wait;
    const error = rpcReplyError(got.reply, { prog, vers, proc, where: this.where });
    if (error) {
      this.pool.release(got.record);
      throw error;
    }
    const verf = got.reply.replyStat === ReplyStat.MSG_ACCEPTED ? got.reply.verf : AUTH_NONE;
    return { results: got.body.reader.sub(got.body.remaining), verf, release: () => this.pool.release(got.record) };
  }

  /** Answers a call the server made (see onCall): the reply header, then the results. */
  sendReply(reply: RpcReply, encodeResults?: ArgsEncoder): void {
    if (this.dead) throw this.dead;
    const w = new XdrWriter(64);
    writeReply(w, reply);
    encodeResults?.(w);
    this.write(w.chunks());
  }

  /** The next xid not in flight, counting up from a random start (RFC 5531 section 9 only asks that it be unique). */
  private nextXid(): number {
    let xid: number;
    do {
      xid = this.xid;
      this.xid = (this.xid + 1) >>> 0;
    } while (this.mux.has(xid));
    return xid;
  }

  private write(payload: Buffer[]): void {
    const chunks = encodeRecord(payload, this.maxFragment);
    this.socket.cork();
    for (const c of chunks) this.socket.write(c);
    this.socket.uncork();
    this.messagesSent++;
  }

  /**
   * A call from the server goes to onCall. As an RPC server would, the client answers
   * PROG_UNAVAIL when there is no handler, GARBAGE_ARGS when the handler cannot decode the
   * arguments (it threw DecodeError) and SYSTEM_ERR when it failed otherwise.
   */
  private serveCall(call: CallHeader, args: XdrReader): void {
    let acceptStat: AcceptedReply['acceptStat'] = AcceptStat.PROG_UNAVAIL;
    if (this.opts.onCall) {
      try {
        this.opts.onCall(call, args);
        return;
      } catch (e) {
        acceptStat = e instanceof DecodeError ? AcceptStat.GARBAGE_ARGS : AcceptStat.SYSTEM_ERR;
      }
    }
    if (!this.dead) this.sendReply({ xid: call.xid, replyStat: ReplyStat.MSG_ACCEPTED, verf: AUTH_NONE, acceptStat });
  }

  private onRecord(record: Buffer): void {
    this.messagesReceived++;
    let message;
    try {
      message = readRpcMessage(record);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      // The record boundaries still hold: fail only the call the xid names, if the record is a reply to ours.
      if (record.length >= 8 && record.readUInt32BE(4) === MsgType.REPLY) this.mux.reject(record.readUInt32BE(0), new ProtocolError(`malformed RPC reply from ${this.where}: ${e.message}`, e.offset, { protocol: 'rpc' }));
      this.pool.release(record);
      return;
    }
    if (message.msg === 'call') {
      this.serveCall(message.call, message.body);
      return;
    }
    // A reply whose call is gone (timed out, aborted) is dropped, as RFC 5531 lets a client do.
    if (!this.mux.resolve(message.reply.xid, { reply: message.reply, body: message.body, record })) this.pool.release(record);
  }
}
