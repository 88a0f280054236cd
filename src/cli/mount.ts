// `netfs mount URL MOUNTPOINT [-o opts] [-d]` and `netfs umount [-l] MOUNTPOINT`.
import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { resolve } from 'node:path';
import { connect, resolveUrl, type ConnectOptions } from '../connect.js';
import { FsError } from '../vfs/errors.js';
import { checkMountpoint, FSTYPE, fusermount, mount, mountAt, parseMountOptions, type MountOptions } from '../fuse/index.js';

/** What the mount commands need from the rest of the CLI. */
export interface MountDeps {
  /** The password for the URL's user when the URL has none (environment or prompt); undefined for none. */
  passwordFor(url: string): Promise<string | undefined>;
  /** Turns any failure into the one line the CLI prints. */
  describeError(e: unknown): string;
}

/** Set in the environment of the background process `mount -d` starts. */
const DAEMON_ENV = 'NETFS_MOUNT_DAEMON';
/** How long closing the session may take at unmount before the process goes anyway. */
const CLOSE_GRACE_MS = 5_000;

/** Messages between `mount -d` and the background process it starts (over the IPC channel). */
type ToDaemon = { password?: string };
type FromDaemon = { mounted: string } | { error: string };

/** The URL as the mount's source: no password, no query. */
function sourceName(url: string): string {
  const { url: u } = resolveUrl(url);
  const user = u.user ? `${u.domain ? u.domain + ';' : ''}${u.user}@` : '';
  return `${u.scheme}://${user}${u.host}${u.port ? ':' + u.port : ''}${u.path}`;
}

function stderrLine(s: string): void {
  process.stderr.write(s + '\n');
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((res) => {
    if (signal.aborted) return res();
    signal.addEventListener('abort', () => res(), { once: true });
  });
}

function withinGrace(p: Promise<unknown>): Promise<void> {
  return new Promise<void>((res) => {
    const t = setTimeout(res, CLOSE_GRACE_MS);
    p.then(
      () => res(),
      () => res(),
    ).finally(() => clearTimeout(t));
  });
}

/** The password the parent of a background mount sends first. */
function passwordFromParent(): Promise<string | undefined> {
  return new Promise((res, rej) => {
    const t = setTimeout(() => rej(new FsError('ETIMEDOUT', 'no word from the netfs mount that started this process')), 30_000);
    process.once('message', (m: ToDaemon) => {
      clearTimeout(t);
      res(m.password);
    });
  });
}

function tell(m: FromDaemon): void {
  if (process.send) process.send(m);
}

/**
 * Mounts URL at MOUNTPOINT and serves it until Ctrl-C, SIGTERM or an unmount from outside
 * (netfs umount, fusermount -u); then unmounts, closes the session and returns.
 */
async function serve(url: string, mountpoint: string, options: MountOptions, base: ConnectOptions, signal: AbortSignal, password: string | undefined): Promise<void> {
  const daemon = process.env[DAEMON_ENV] === '1';
  const mp = await checkMountpoint(mountpoint, options.nonempty);
  const connectOpts: ConnectOptions = { ...base };
  if (password !== undefined) connectOpts.password = password;
  if (options.uid !== undefined) connectOpts.uid = options.uid;
  if (options.gid !== undefined) connectOpts.gid = options.gid;
  if (options.fileMode !== undefined) connectOpts.fileMode = options.fileMode;
  if (options.dirMode !== undefined) connectOpts.dirMode = options.dirMode;
  const fs = await connect(url, connectOpts);
  try {
    const fsname = sourceName(url);
    const m = await mount({ fs, mountpoint: mp, root: resolveUrl(url).path, options, fsname, timeoutMs: base.timeoutMs, log: stderrLine });
    stderrLine(`netfs: mounted ${fsname} on ${m.mountpoint}${daemon ? ` (process ${process.pid})` : '; Ctrl-C unmounts'}`);
    if (daemon) {
      tell({ mounted: m.mountpoint });
      process.disconnect?.();
    }
    const outside = await Promise.race([m.gone.then(() => true), aborted(signal).then(() => false)]);
    await m.unmount().catch((e: unknown) => stderrLine(`netfs: ${e instanceof Error ? e.message : String(e)}`));
    stderrLine(`netfs: ${outside ? 'unmounted from outside' : 'unmounted'} ${m.mountpoint}`);
  } finally {
    await withinGrace(fs.close());
  }
}

/** `mount -d`: starts this same command as a detached process and returns once its mount is up. */
async function startDaemon(url: string, mountpoint: string, optionArgs: readonly string[], options: MountOptions, base: ConnectOptions, password: string | undefined): Promise<void> {
  const mp = await checkMountpoint(mountpoint, options.nonempty);
  const args = [...process.execArgv, process.argv[1], 'mount', url, mp, ...optionArgs.flatMap((o) => ['-o', o])];
  if (base.timeoutMs !== undefined) args.push('--timeout', String(base.timeoutMs));
  if (base.trace !== undefined) args.push('--trace', resolve(base.trace));
  const log = options.log ? openSync(resolve(options.log), 'a') : undefined;
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', log ?? 'ignore', log ?? 'ignore', 'ipc'],
    env: { ...process.env, [DAEMON_ENV]: '1' },
  });
  if (log !== undefined) closeSync(log);
  const answer = new Promise<FromDaemon>((res, rej) => {
    child.once('message', (m: FromDaemon) => res(m));
    child.once('error', rej);
    child.once('exit', (code, sig) => res({ error: `the background mount process ended (${sig ?? 'exit ' + code}) before mounting${options.log ? '; see ' + options.log : ' (-o log=FILE keeps its messages)'}` }));
  });
  child.send({ password } satisfies ToDaemon);
  const m = await answer;
  if ('error' in m) {
    child.kill('SIGTERM');
    throw new FsError('EIO', m.error, { syscall: 'mount', path: mp });
  }
  if (child.connected) child.disconnect();
  child.unref();
  process.stdout.write(`mounted ${sourceName(url)} on ${m.mounted} (process ${child.pid}; netfs umount ${m.mounted} unmounts it)\n`);
}

export async function mountCommand(args: string[], o: { options: readonly string[]; daemon: boolean }, base: ConnectOptions, signal: AbortSignal, deps: MountDeps): Promise<void> {
  const [url, mountpoint] = args;
  const options = parseMountOptions(o.options);
  resolveUrl(url);
  if (process.env[DAEMON_ENV] === '1' && process.send) {
    // The background process of `mount -d`: report how the mount went to the parent.
    try {
      await serve(url, mountpoint, options, base, signal, await passwordFromParent());
    } catch (e) {
      tell({ error: deps.describeError(e) });
      throw e;
    }
    return;
  }
  const password = await deps.passwordFor(url);
  if (o.daemon) await startDaemon(url, mountpoint, o.options, options, base, password);
  else await serve(url, mountpoint, options, base, signal, password);
}

/** `umount [-l] MOUNTPOINT`: unmounts a netfs mount; the process serving it then ends by itself. */
export async function umountCommand(args: string[], o: { lazy: boolean }): Promise<void> {
  const mp = resolve(args[0]);
  const m = await mountAt(mp);
  if (!m) throw new FsError('EINVAL', 'not mounted', { syscall: 'umount', path: mp });
  if (m.fstype !== FSTYPE) throw new FsError('EINVAL', `not a netfs mount (${m.fstype} ${m.source} is mounted there; use umount)`, { syscall: 'umount', path: mp });
  const err = await fusermount(['-u', ...(o.lazy ? ['-z'] : []), mp]);
  if (err === undefined) return;
  if (/busy/i.test(err)) throw new FsError('EBUSY', 'the mount is busy: a process has a file open or its working directory in it (close them, or detach it now with netfs umount -l)', { syscall: 'umount', path: mp });
  throw new FsError('EIO', `cannot unmount: ${err}`, { syscall: 'umount', path: mp });
}
