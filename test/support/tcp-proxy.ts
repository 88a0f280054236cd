// A TCP proxy on 127.0.0.1 between a client under test and a real server, to break the
// connection on purpose: kill every connection, swallow everything (a server that accepts
// but never answers), or see and change each NetBIOS-framed message the server sends.
import { createServer, connect as netConnect, type AddressInfo, type Server, type Socket } from 'node:net';

/** Bytes of the NetBIOS session-service length prefix (RFC 1002 4.3.1; MS-SMB2 2.1). */
export const NETBIOS_PREFIX = 4;

/**
 * Sees one whole message from the server, prefix included (so the SMB2 header starts at
 * offset 4). Returns the bytes to forward (the same buffer, changed in place, or another),
 * or null to drop the message.
 */
export type ServerMessageHook = (frame: Buffer) => Buffer | null;

export interface TcpProxyOptions {
  /** Where connections are forwarded. */
  target: { host: string; port: number };
  /** When set, server bytes are cut into NetBIOS messages and each goes through this hook. */
  fromServer?: ServerMessageHook;
  /** Start in swallowing mode: accept connections, forward nothing, answer nothing. */
  swallow?: boolean;
}

/** One accepted client and its upstream socket. */
interface Pair {
  client: Socket;
  upstream: Socket | undefined;
}

/** Splits a byte stream into NetBIOS session messages (4-byte prefix: type 0, 24-bit length). */
class FrameSplitter {
  private pending: Buffer[] = [];
  private pendingLength = 0;

  constructor(private readonly onFrame: (frame: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    while (this.pendingLength >= NETBIOS_PREFIX) {
      const head = this.peek(NETBIOS_PREFIX);
      const total = NETBIOS_PREFIX + (head.readUInt32BE(0) & 0x00ffffff);
      if (this.pendingLength < total) return;
      this.onFrame(this.take(total));
    }
  }

  private peek(n: number): Buffer {
    if (this.pending[0].length < n) this.pending = [Buffer.concat(this.pending)];
    return this.pending[0].subarray(0, n);
  }

  private take(n: number): Buffer {
    const all = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
    this.pending = all.length > n ? [all.subarray(n)] : [];
    this.pendingLength -= n;
    // A copy, so that a hook may change it without touching bytes that belong to the next message.
    return Buffer.from(all.subarray(0, n));
  }
}

export class TcpProxy {
  private readonly pairs = new Set<Pair>();
  private swallowing: boolean;
  /** Connections accepted so far. */
  accepted = 0;
  /** Bytes forwarded from the server to clients. */
  bytesFromServer = 0;

  private constructor(
    private readonly server: Server,
    private readonly opts: TcpProxyOptions,
  ) {
    this.swallowing = opts.swallow ?? false;
    server.on('connection', (client) => this.onConnection(client));
  }

  /** Listens on an ephemeral port of 127.0.0.1. */
  static async start(opts: TcpProxyOptions): Promise<TcpProxy> {
    const server = createServer();
    const proxy = new TcpProxy(server, opts);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return proxy;
  }

  get host(): string {
    return '127.0.0.1';
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Connections open now. */
  get connections(): number {
    return this.pairs.size;
  }

  /** From now on (true) nothing is forwarded either way, and new connections are accepted but never answered. */
  swallow(on: boolean): void {
    this.swallowing = on;
  }

  /** Resets every open connection, both sides (TCP RST), as a crashed server or a cut cable would. */
  kill(): void {
    for (const p of this.pairs) {
      p.client.resetAndDestroy();
      p.upstream?.resetAndDestroy();
    }
    this.pairs.clear();
  }

  /** Kills every connection and stops listening. */
  async close(): Promise<void> {
    this.kill();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onConnection(client: Socket): void {
    this.accepted++;
    client.setNoDelay(true);
    const pair: Pair = { client, upstream: undefined };
    this.pairs.add(pair);
    const drop = () => {
      if (!this.pairs.delete(pair)) return;
      client.destroy();
      pair.upstream?.destroy();
    };
    client.on('error', drop);
    client.on('close', drop);
    if (this.swallowing) {
      client.on('data', () => undefined);
      return;
    }
    const upstream = netConnect({ host: this.opts.target.host, port: this.opts.target.port, noDelay: true });
    pair.upstream = upstream;
    upstream.on('error', drop);
    upstream.on('close', drop);
    client.on('data', (chunk: Buffer) => {
      if (!this.swallowing) upstream.write(chunk);
    });
    const toClient = (bytes: Buffer) => {
      if (this.swallowing || client.destroyed) return;
      this.bytesFromServer += bytes.length;
      client.write(bytes);
    };
    const hook = this.opts.fromServer;
    if (hook) {
      const splitter = new FrameSplitter((frame) => {
        if (this.swallowing || !this.pairs.has(pair)) return;
        const out = hook(frame);
        // The hook may have killed the connection: forward only to a live one.
        if (out !== null && this.pairs.has(pair)) toClient(out);
      });
      upstream.on('data', (chunk: Buffer) => splitter.push(chunk));
    } else {
      upstream.on('data', toClient);
    }
  }
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
