// TCP port helpers for the server fixtures: choose a free port, wait for a listener.
import { createConnection, createServer } from 'node:net';

/** True when nothing listens on host:port (we could bind it ourselves, exclusively). */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

/** A port the kernel considers free right now (from its ephemeral range). */
export function ephemeralPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error(`no port from listen(0) on ${host}`));
      });
    });
  });
}

/** How far above the preferred port to look before asking the kernel for any port. */
const SCAN_SPAN = 20;

/**
 * The preferred port when it is free and not already promised to another server of
 * this run (`taken`), else the next free one above it, else an ephemeral one.
 * The chosen port is added to `taken`.
 */
export async function choosePort(host: string, preferred: number, taken: Set<number>): Promise<number> {
  for (let port = preferred; port < preferred + SCAN_SPAN && port <= 65535; port++) {
    if (!taken.has(port) && (await isPortFree(host, port))) {
      taken.add(port);
      return port;
    }
  }
  return chooseEphemeralPort(host, taken);
}

/** An ephemeral port not in `taken`; added to it. */
export async function chooseEphemeralPort(host: string, taken: Set<number>): Promise<number> {
  for (;;) {
    const port = await ephemeralPort(host);
    if (!taken.has(port)) {
      taken.add(port);
      return port;
    }
  }
}

/** Resolves once one TCP connection to host:port succeeds. */
function tryConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export interface WaitForPortOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Called before every attempt: throw to stop waiting (e.g. the server process died). */
  readonly check?: () => void;
}

/** Polls until host:port accepts a TCP connection; throws after timeoutMs. */
export async function waitForPort(host: string, port: number, options: WaitForPortOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 50;
  for (;;) {
    options.check?.();
    if (await tryConnect(host, port)) return;
    if (Date.now() >= deadline) {
      throw new Error(`nothing accepted TCP connections on ${host}:${port} within ${options.timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}
