// The RPC connection NFSv4 COMPOUNDs travel on (RFC 8881 2.9): one TCP stream, opened
// lazily and opened again after it is lost (a restarted server), with one credential.
import { FsError, ProtocolError } from '../errors.js';
import { DecodeError } from '../wire/errors.js';
import { RpcClient } from '../rpc/client.js';
import type { OpaqueAuth } from '../rpc/message.js';
import { XdrReader } from '../rpc/xdr.js';
import type { Connector } from '../transport/connector.js';
import type { Entropy } from '../transport/entropy.js';
import { decodeCompound, encodeCompound, type Compound, type CompoundStatus, type PlannedOp } from './compound.js';
import { NFS4_PROGRAM, NFS4_VERSION, Nfs4Proc } from './constants.js';

export interface ChannelOptions {
  host: string;
  port: number;
  connector: Connector;
  entropy: Entropy;
  timeoutMs: number;
  cred: OpaqueAuth;
}

export interface SendOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Errors that say the connection went away, not that the server refused the call. */
export function isConnectionLoss(e: unknown): boolean {
  return e instanceof FsError && (e.code === 'ECONNRESET' || e.code === 'EPIPE' || e.code === 'ECONNREFUSED' || e.code === 'ECONNABORTED' || (e.code === 'ENOTCONN' && e.syscall !== 'close'));
}

export class Nfs4Channel {
  private rpc: RpcClient | undefined;
  private opening: Promise<RpcClient> | undefined;
  private closed = false;
  /** A connection was made once: a refused one after that is a server restarting, worth waiting for. */
  connectedOnce = false;
  /** Records sent over earlier connections (round-trip counting in tests). */
  private sentBefore = 0;

  constructor(readonly opts: ChannelOptions) {}

  get messagesSent(): number {
    return this.sentBefore + (this.rpc?.messagesSent ?? 0);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get where(): string {
    return `${this.opts.host}:${this.opts.port}`;
  }

  /** The live connection, opening a new one if there is none or it died. */
  connection(signal?: AbortSignal): Promise<RpcClient> {
    if (this.closed) return Promise.reject(new FsError('ENOTCONN', 'the NFS session is closed'));
    if (this.rpc?.alive) return Promise.resolve(this.rpc);
    this.opening ??= this.open(signal).finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  private async open(signal?: AbortSignal): Promise<RpcClient> {
    if (this.rpc) {
      this.sentBefore += this.rpc.messagesSent;
      this.rpc = undefined;
    }
    const o = this.opts;
    const rpc = await RpcClient.open(o.connector, { host: o.host, port: o.port, timeoutMs: o.timeoutMs, entropy: o.entropy }, signal);
    if (this.closed) {
      await rpc.close();
      throw new FsError('ENOTCONN', 'the NFS session is closed');
    }
    this.rpc = rpc;
    this.connectedOnce = true;
    return rpc;
  }

  /** Sends one COMPOUND (head first: SEQUENCE on 4.1) and decodes its reply into the ops' Outs. */
  async send(minorVersion: number, c: Compound, head: PlannedOp | undefined, opts: SendOptions = {}): Promise<CompoundStatus> {
    const rpc = await this.connection(opts.signal);
    const r = await rpc.callWithReply(NFS4_PROGRAM, NFS4_VERSION, Nfs4Proc.COMPOUND, this.opts.cred, (w) => encodeCompound(w, minorVersion, c, head), {
      signal: opts.signal,
      timeoutMs: opts.timeoutMs,
      what: `NFS4 COMPOUND ${c.tag || c.ops.length + ' ops'}`,
    });
    try {
      return decodeCompound(new XdrReader(r.results), c, head);
    } catch (e) {
      if (e instanceof DecodeError) throw new ProtocolError(`malformed NFSv4 reply from ${this.where}: ${e.message}`, e.offset, { protocol: 'nfs4' });
      throw e;
    } finally {
      r.release();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const rpc = this.rpc;
    if (rpc) await rpc.close();
  }
}
