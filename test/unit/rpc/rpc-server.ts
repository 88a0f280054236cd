// A tiny ONC RPC server for the RpcClient tests: a real TCP listener on 127.0.0.1 that
// hands every call to the test, which answers when and how it likes.
import { createServer, type Server, type Socket } from 'node:net';
import { AUTH_NONE } from '../../../src/rpc/auth.js';
import { AcceptStat, readRpcMessage, ReplyStat, writeCallHeader, writeReply, type CallHeader, type OpaqueAuth, type RpcReply } from '../../../src/rpc/message.js';
import { XdrWriter, type XdrReader } from '../../../src/rpc/xdr.js';
import { encodeRecord, RecordMarkingFramer } from '../../../src/transport/record-marking.js';

/** A reply without its xid (which is the call's). */
type WithoutXid<T> = T extends unknown ? Omit<T, 'xid'> : never;
type ReplyShape = WithoutXid<RpcReply>;

/** One call as the server received it. */
export class ServerCall {
  constructor(
    readonly conn: ServerConnection,
    readonly call: CallHeader,
    readonly args: XdrReader,
  ) {}

  /** MSG_ACCEPTED SUCCESS with the given results. */
  succeed(encodeResults?: (w: XdrWriter) => void): void {
    this.reply({ replyStat: ReplyStat.MSG_ACCEPTED, verf: AUTH_NONE, acceptStat: AcceptStat.SUCCESS }, encodeResults);
  }

  reply(shape: ReplyShape, encodeResults?: (w: XdrWriter) => void): void {
    const w = new XdrWriter();
    writeReply(w, { ...shape, xid: this.call.xid } as RpcReply);
    encodeResults?.(w);
    this.conn.send(w.chunks());
  }
}

/** The server's side of one client connection. */
export class ServerConnection {
  /** Replies from the client to calls the server made. */
  readonly replies: Array<{ xid: number; reply: RpcReply; results: Buffer }> = [];
  /** Bytes received, framing included. */
  bytesIn = 0;

  constructor(
    readonly socket: Socket,
    private readonly server: TestRpcServer,
  ) {
    const framer = new RecordMarkingFramer((record) => this.onRecord(record));
    socket.on('data', (chunk: Buffer) => {
      this.bytesIn += chunk.length;
      framer.push(chunk);
    });
    socket.on('error', () => undefined);
  }

  /** Sends a record, split into fragments of the server's maxFragment. */
  send(payload: Buffer[] | Buffer): void {
    if (this.socket.destroyed) return;
    for (const c of encodeRecord(payload, this.server.maxFragment)) this.socket.write(c);
  }

  /** Sends a call from the server to the client (a backchannel). */
  callClient(xid: number, prog: number, vers: number, proc: number, cred: OpaqueAuth, encodeArgs: (w: XdrWriter) => void): void {
    const w = new XdrWriter();
    writeCallHeader(w, { xid, prog, vers, proc, cred, verf: AUTH_NONE });
    encodeArgs(w);
    this.send(w.chunks());
  }

  private onRecord(record: Buffer): void {
    const m = readRpcMessage(record);
    if (m.msg === 'reply') {
      this.replies.push({ xid: m.reply.xid, reply: m.reply, results: Buffer.from(m.body.reader.rest()) });
      this.server.emitReply();
      return;
    }
    const call = new ServerCall(this, m.call, m.body);
    this.server.calls.push(call);
    this.server.handler(call);
  }
}

export class TestRpcServer {
  readonly calls: ServerCall[] = [];
  readonly connections: ServerConnection[] = [];
  /** Fragment size of the records the server sends (default: one fragment). */
  maxFragment: number | undefined;
  private replyWaiters: Array<() => void> = [];

  private constructor(
    private readonly server: Server,
    readonly handler: (call: ServerCall) => void,
  ) {}

  static async start(handler: (call: ServerCall) => void): Promise<TestRpcServer> {
    const box: { s?: TestRpcServer } = {};
    const server = createServer((socket) => {
      const s = box.s as TestRpcServer;
      s.connections.push(new ServerConnection(socket, s));
    });
    const s = new TestRpcServer(server, handler);
    box.s = s;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return s;
  }

  get port(): number {
    const a = this.server.address();
    if (a === null || typeof a === 'string') throw new Error('not listening');
    return a.port;
  }

  /** Resolves once `n` calls have arrived in all. */
  async waitForCalls(n: number): Promise<void> {
    while (this.calls.length < n) await new Promise((r) => setTimeout(r, 2));
  }

  emitReply(): void {
    for (const w of this.replyWaiters.splice(0)) w();
  }

  /** Resolves at the next reply from a client. */
  nextReply(): Promise<void> {
    return new Promise((resolve) => this.replyWaiters.push(resolve));
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
