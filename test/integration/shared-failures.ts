// How every client must fail, whatever the protocol: with a typed FsError, fast, never a hang,
// and a returned promise that rejects rather than a throw.
import { expect } from 'vitest';
import { connect } from '../../src/connect.js';
import { FsError } from '../../src/errors.js';
import { readFile, writeFile } from '../../src/vfs/index.js';
import type { FileSystem } from '../../src/vfs/types.js';
import { TcpProxy } from '../support/tcp-proxy.js';

/** The timeoutMs of the silent-server tests. */
const SILENT_TIMEOUT_MS = 1500;

/** Waits for p, which must reject with an FsError; says how long it took. */
export async function rejection(p: Promise<unknown>): Promise<{ error: FsError; ms: number }> {
  const t0 = performance.now();
  const error = await p.then(
    () => new Error('expected a rejection, but the operation succeeded'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FsError);
  if (!(error instanceof FsError)) throw error;
  return { error, ms: performance.now() - t0 };
}

/** Connecting to url must fail at once, from connect, with code, the message naming hostPort. */
export async function expectConnectFails(url: string, code: string, hostPort: string): Promise<void> {
  const { error, ms } = await rejection(connect(url));
  expect(error.code).toBe(code);
  expect(error.syscall).toBe('connect');
  expect(error.message).toContain(hostPort);
  expect(ms).toBeLessThan(5000);
}

/** One call of every kind on `file`, a file in `dir`, by name: reads, changes, and the helpers over them. */
export function everyCall(fs: FileSystem, dir: string, file: string): [string, () => Promise<unknown>][] {
  return [
    ['stat', () => fs.stat(file)],
    ['lstat', () => fs.lstat(file)],
    ['open', () => fs.open(file)],
    ['readdir', () => fs.readdir(dir)],
    ['mkdir', () => fs.mkdir(`${dir}/new`)],
    ['rmdir', () => fs.rmdir(`${dir}/new`)],
    ['unlink', () => fs.unlink(file)],
    ['rename', () => fs.rename(file, `${file}-renamed`)],
    ['statfs', () => fs.statfs('/')],
    ['readFile', () => readFile(fs, file)],
    ['writeFile', () => writeFile(fs, `${dir}/new`, 'x')],
  ];
}

/** Makes the calls one at a time: each must return a promise (never throw) that rejects with one of `codes` within `ms`. */
export async function expectEachRejects(calls: readonly [string, () => Promise<unknown>][], codes: readonly string[], ms: number): Promise<void> {
  for (const [name, call] of calls) {
    let p: Promise<unknown>;
    try {
      p = call();
    } catch (thrown) {
      expect.soft(String(thrown), `${name} threw instead of returning a rejected promise`).toBe('');
      p = Promise.reject(thrown);
    }
    const r = await rejection(p);
    expect(codes, name).toContain(r.error.code);
    expect(r.ms, name).toBeLessThan(ms);
  }
}

/** Where a proxy forwards to: the server under test. */
interface Target {
  host: string;
  port: number;
}

/**
 * A proxy in front of `target` that accepts TCP and never answers: connecting through it with
 * a timeoutMs of 1500 must reject with ETIMEDOUT after that long. Resolves to the connections
 * the proxy accepted.
 */
export async function expectConnectTimesOut(target: Target, connectVia: (proxy: TcpProxy, timeoutMs: number) => Promise<unknown>): Promise<number> {
  const proxy = await TcpProxy.start({ target, swallow: true });
  try {
    const { error, ms } = await rejection(connectVia(proxy, SILENT_TIMEOUT_MS));
    expect(error.code).toBe('ETIMEDOUT');
    expect(error.message).toContain(`${SILENT_TIMEOUT_MS} ms`);
    expect(ms).toBeGreaterThanOrEqual(SILENT_TIMEOUT_MS - 100);
    expect(ms).toBeLessThan(4000);
    return proxy.accepted;
  } finally {
    await proxy.close();
  }
}

/**
 * A session through a proxy in front of `target` (timeoutMs 1500): `works` succeeds first; then
 * the proxy passes nothing more, and `call` must reject with ETIMEDOUT after the timeout.
 */
export async function expectSilenceTimesOut(
  target: Target,
  connectVia: (proxy: TcpProxy, timeoutMs: number) => Promise<FileSystem>,
  works: (fs: FileSystem) => Promise<void>,
  call: (fs: FileSystem) => Promise<unknown>,
): Promise<void> {
  const proxy = await TcpProxy.start({ target });
  try {
    const fs = await connectVia(proxy, SILENT_TIMEOUT_MS);
    try {
      await works(fs);
      proxy.swallow(true);
      const { error, ms } = await rejection(call(fs));
      expect(error.code).toBe('ETIMEDOUT');
      expect(ms).toBeGreaterThanOrEqual(SILENT_TIMEOUT_MS - 100);
      expect(ms).toBeLessThan(4000);
    } finally {
      proxy.kill();
      await fs.close();
    }
  } finally {
    await proxy.close();
  }
}
