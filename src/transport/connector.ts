import { connect as netConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import { FsError, type ErrnoCode } from '../errors.js';

export interface ConnectTarget {
  host: string;
  port: number;
  /** Give up connecting after this many milliseconds. */
  timeoutMs: number;
  signal?: AbortSignal;
  /**
   * Where to deliver received bytes instead of 'data' events, if the connector can (the TCP
   * one reads into one reused buffer: no allocation per read). The chunk is valid only
   * during the call. A connector that cannot ignores it and emits 'data' as usual.
   */
  onread?: (chunk: Buffer) => void;
}

/**
 * Opens a byte stream to a server. The default opens TCP; tests hand in one that
 * returns a replay stream (undici's injectable connector).
 */
export type Connector = (target: ConnectTarget) => Promise<Duplex>;

const networkCodes: Record<string, ErrnoCode> = {
  ECONNREFUSED: 'ECONNREFUSED',
  ECONNRESET: 'ECONNRESET',
  EHOSTUNREACH: 'EHOSTUNREACH',
  ENETUNREACH: 'ENETUNREACH',
  ETIMEDOUT: 'ETIMEDOUT',
  EADDRNOTAVAIL: 'EADDRNOTAVAIL',
  ENOTFOUND: 'EHOSTUNREACH',
  EAI_AGAIN: 'EHOSTUNREACH',
  EPIPE: 'EPIPE',
};

/** Turns a socket error into an FsError that says what failed and where. */
export function connectionError(err: unknown, host: string, port: number): FsError {
  const sys = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  const code = networkCodes[sys] ?? 'ECONNABORTED';
  const what =
    sys === 'ENOTFOUND' || sys === 'EAI_AGAIN'
      ? `unknown host '${host}' (connecting to ${host}:${port})`
      : sys === 'ECONNREFUSED'
        ? `connection refused by ${host}:${port} (is the server running on that port?)`
        : `cannot connect to ${host}:${port}: ${(err as Error)?.message ?? String(err)}`;
  return new FsError(code, what, { syscall: 'connect', cause: err });
}

/** An established connection that broke: says where, and names no operation (the caller adds its own). */
export function connectionLost(err: unknown, host: string, port: number): FsError {
  const sys = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  const code = networkCodes[sys] ?? 'ECONNRESET';
  return new FsError(code === 'EHOSTUNREACH' ? 'ECONNRESET' : code, `connection to ${host}:${port} lost: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}

/** Bytes one socket read can take (with onread). */
const READ_BUFFER = 1024 * 1024;

/** The default connector: TCP with no Nagle delay. */
export const tcpConnector: Connector = (target) =>
  new Promise((resolve, reject) => {
    const onread = target.onread;
    const readBuffer = onread ? Buffer.allocUnsafe(READ_BUFFER) : undefined;
    const sock =
      onread && readBuffer
        ? netConnect({ host: target.host, port: target.port, noDelay: true, onread: { buffer: readBuffer, callback: (n) => (onread(readBuffer.subarray(0, n)), true) } })
        : netConnect({ host: target.host, port: target.port, noDelay: true });
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new FsError('ETIMEDOUT', `no answer from ${target.host}:${target.port} within ${target.timeoutMs} ms`, { syscall: 'connect' }));
    }, target.timeoutMs);
    const onAbort = () => {
      sock.destroy();
      clearTimeout(timer);
      reject(new FsError('ECANCELED', 'connect aborted', { syscall: 'connect', cause: target.signal?.reason }));
    };
    target.signal?.addEventListener('abort', onAbort, { once: true });
    sock.once('connect', () => {
      clearTimeout(timer);
      target.signal?.removeEventListener('abort', onAbort);
      sock.removeAllListeners('error');
      resolve(sock);
    });
    sock.once('error', (err) => {
      clearTimeout(timer);
      target.signal?.removeEventListener('abort', onAbort);
      reject(connectionError(err, target.host, target.port));
    });
  });

/** What reads the bytes of an opened stream: Smb2Connection, RpcClient. */
export interface Receiver {
  receive(chunk: Buffer): void;
}

/**
 * Opens a stream and builds its receiver, handing it the received bytes through the
 * connector's onread where offered ('data' events otherwise, which the receiver listens to
 * itself). Bytes that arrive before the receiver exists are kept and handed over in order.
 */
export async function openReceiving<R extends Receiver>(connector: Connector, target: Omit<ConnectTarget, 'onread'>, make: (stream: Duplex) => R): Promise<R> {
  const box: { receiver?: R } = {};
  const early: Buffer[] = [];
  const stream = await connector({ ...target, onread: (b) => (box.receiver ? box.receiver.receive(b) : early.push(Buffer.from(b))) });
  const r = make(stream);
  box.receiver = r;
  for (const b of early) r.receive(b);
  return r;
}
