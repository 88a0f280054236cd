import { setMaxListeners } from 'node:events';
import { parseArgs } from 'node:util';
import { pipeline } from 'node:stream/promises';
import { connect, resolveUrl, type ConnectOptions } from '../connect.js';
import { redact } from '../vfs/url.js';
import { FsError } from '../vfs/errors.js';
import { basename, joinPath, normalizePath } from '../vfs/path.js';
import { copy, createReadStream, mkdirp, rmrf } from '../vfs/index.js';
import type { FileSystem } from '../vfs/types.js';
import { ProgressBar } from './progress.js';
import { longListing, statfsText, statText } from './format.js';
import { promptPassword } from './password.js';
import { mountCommand, umountCommand } from './mount.js';

const USAGE = `usage: netfs <command> [options] ARGS

commands:
  ls [-l] URL              list a directory (-l: long format with attributes)
  stat URL                 show a file's attributes
  cat URL                  write a file to standard output
  get URL [LOCAL]          download a file (to LOCAL, default: its name here)
  put LOCAL URL            upload a file (URL may name a directory)
  rm [-r] URL              remove a file (-r: a directory and everything in it)
  mkdir [-p] URL           make a directory (-p: and its parents)
  mv URL NEWPATH           rename within one share (NEWPATH: a path in the share or a URL)
  df URL                   show the size and free space of the share
  mount URL MOUNTPOINT     mount the share with FUSE; serves it until Ctrl-C or umount
        [-o opt,...] [-d]  (-o: uid=,gid=,file_mode=,dir_mode=,ro,allow_other,
                           attr_timeout=,entry_timeout=,...; -d: in the background)
  umount [-l] MOUNTPOINT   unmount a netfs mount (-l: detach it even while busy)

options:
  --trace FILE.pcapng      record the session's packets (tshark decodes them)
  --timeout MS             per-request timeout (default 30000)
  -h, --help               this text

URL: smb://[domain;]user[:password]@host[:port]/share[/path][?vers=3.1.1&seal&sign]
     nfs://host[:port]/export[/path][?version=4.1&uid=&gid=]   (NFSv4.0, 4.1, 4.2)
The password comes from the URL, else NETFS_PASSWORD, else a prompt.`;

class UsageError extends Error {}

async function passwordFor(url: string): Promise<string | undefined> {
  const { url: u } = resolveUrl(url);
  if (u.password !== undefined || u.user === undefined || u.user === '') return undefined;
  if (process.env.NETFS_PASSWORD !== undefined) return process.env.NETFS_PASSWORD;
  return promptPassword(`Password for ${u.domain ? u.domain + '\\' : ''}${u.user}@${u.host}: `);
}

interface Opened {
  fs: FileSystem;
  path: string;
}

async function open(url: string, base: ConnectOptions): Promise<Opened> {
  const password = await passwordFor(url);
  const fs = await connect(url, { ...base, ...(password !== undefined ? { password } : {}) });
  return { fs, path: resolveUrl(url).path };
}

/** Where a URL's share (or export) is: scheme, host, port and the URL path above the path inside it. */
function shareOf(url: string): string {
  const { url: u, path } = resolveUrl(url);
  const full = normalizePath(u.path);
  const root = path === '/' ? full : full.slice(0, full.length - normalizePath(path).length);
  return `${u.scheme}://${u.host.toLowerCase()}:${u.port ?? ''}${root}`;
}

/** The path NEWPATH names inside the share of `from`; a URL to another share (or server) cannot be a rename. */
function sameShareTarget(from: string, to: string): string {
  if (shareOf(from) !== shareOf(to)) {
    throw new FsError('EXDEV', `'${redact(to)}' is not on the share of '${redact(from)}' (mv renames within one share)`, { syscall: 'rename' });
  }
  return resolveUrl(to).path;
}

type Command = (args: string[], flags: Record<string, boolean>, base: ConnectOptions, signal: AbortSignal, extra: { o: string[] }) => Promise<void>;

const need = (args: string[], n: number, what: string) => {
  if (args.length !== n) throw new UsageError(`expected ${what}`);
};

async function withFs<T>(url: string, base: ConnectOptions, fn: (o: Opened) => Promise<T>): Promise<T> {
  const o = await open(url, base);
  try {
    return await fn(o);
  } finally {
    await o.fs.close().catch(() => undefined);
  }
}

const commands: Record<string, Command> = {
  async ls(args, flags, base) {
    need(args, 1, 'one URL');
    await withFs(args[0], base, async ({ fs, path }) => {
      const st = await fs.stat(path);
      const entries = st.type === 'directory' ? await fs.readdir(path) : [{ name: basename(path), stat: st }];
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      if (flags.l) {
        if (entries.length) process.stdout.write(longListing(entries) + '\n');
      } else {
        for (const e of entries) process.stdout.write(`${e.name}${e.stat.type === 'directory' ? '/' : ''}\n`);
      }
    });
  },
  async stat(args, _f, base) {
    need(args, 1, 'one URL');
    await withFs(args[0], base, async ({ fs, path }) => {
      process.stdout.write(statText(path, await fs.lstat(path)) + '\n');
    });
  },
  async cat(args, _f, base, signal) {
    need(args, 1, 'one URL');
    await withFs(args[0], base, async ({ fs, path }) => {
      await pipeline(createReadStream(fs, path, { signal }), process.stdout, { end: false });
    });
  },
  async get(args, _f, base, signal) {
    if (args.length < 1 || args.length > 2) throw new UsageError('expected URL [LOCAL]');
    await withFs(args[0], base, async ({ fs, path }) => {
      const local = args[1] ?? basename(path);
      if (!local) throw new UsageError('the URL names no file');
      const bar = new ProgressBar(`get ${basename(path)}`);
      await copy({ fs, path }, local, { signal, overwrite: true, onProgress: (d, t) => bar.update(d, t) });
      bar.finish();
    });
  },
  async put(args, _f, base, signal) {
    need(args, 2, 'LOCAL URL');
    const [local, url] = args;
    await withFs(url, base, async ({ fs, path }) => {
      let dest = path;
      const st = await fs.stat(path).catch((e: unknown) => (e instanceof FsError && e.code === 'ENOENT' ? undefined : Promise.reject(e)));
      if (st?.type === 'directory') dest = joinPath(path, basename(local));
      const bar = new ProgressBar(`put ${basename(local)}`);
      await copy(local, { fs, path: dest }, { signal, overwrite: true, onProgress: (d, t) => bar.update(d, t) });
      bar.finish();
    });
  },
  async rm(args, flags, base) {
    need(args, 1, 'one URL');
    await withFs(args[0], base, async ({ fs, path }) => {
      if (normalizePath(path) === '/') throw new FsError('EPERM', 'refusing to remove the root of the share', { syscall: 'rm', path });
      const st = await fs.lstat(path);
      if (st.type === 'directory') {
        if (!flags.r) throw new FsError('EISDIR', 'is a directory (use rm -r)', { syscall: 'rm', path });
        await rmrf(fs, path);
      } else await fs.unlink(path);
    });
  },
  async mkdir(args, flags, base) {
    need(args, 1, 'one URL');
    await withFs(args[0], base, async ({ fs, path }) => {
      if (flags.p) await mkdirp(fs, path);
      else await fs.mkdir(path);
    });
  },
  async mv(args, _f, base) {
    need(args, 2, 'URL NEWPATH');
    const to = /^[a-z][a-z0-9+.-]*:\/\//i.test(args[1]) ? sameShareTarget(args[0], args[1]) : args[1];
    await withFs(args[0], base, async ({ fs, path }) => {
      await fs.rename(path, to);
    });
  },
  async df(args, _f, base) {
    need(args, 1, 'one URL');
    await withFs(args[0], base, async ({ fs, path }) => {
      process.stdout.write(statfsText(await fs.statfs(path)) + '\n');
    });
  },
  async mount(args, flags, base, signal, extra) {
    need(args, 2, 'URL MOUNTPOINT');
    await mountCommand(args, { options: extra.o, daemon: flags.d }, base, signal, { passwordFor, describeError });
  },
  async umount(args, flags) {
    need(args, 1, 'one MOUNTPOINT');
    await umountCommand(args, { lazy: flags.l });
  },
};

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      trace: { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      l: { type: 'boolean', short: 'l' },
      r: { type: 'boolean', short: 'r' },
      p: { type: 'boolean', short: 'p' },
      o: { type: 'string', short: 'o', multiple: true },
      d: { type: 'boolean', short: 'd' },
    },
  });
  const [name, ...args] = positionals;
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (!name) throw new UsageError('no command');
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command '${name}'`);
  const ac = new AbortController();
  // One signal is shared by every request in flight (a pipelined get or put keeps many), each with its own listener.
  setMaxListeners(0, ac.signal);
  const base: ConnectOptions = { signal: ac.signal };
  if (values.trace) base.trace = values.trace;
  if (values.timeout) {
    const t = Number(values.timeout);
    if (!Number.isFinite(t) || t <= 0) throw new UsageError(`bad --timeout '${values.timeout}'`);
    base.timeoutMs = t;
  }
  const onSignal = () => ac.abort(new FsError('ECANCELED', 'interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await command(args, { l: !!values.l, r: !!values.r, p: !!values.p, d: !!values.d }, base, ac.signal, { o: values.o ?? [] });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return 0;
}

export function describeError(e: unknown): string {
  if (e instanceof FsError) return e.message;
  if (e instanceof Error) return `${e.name === 'Error' ? '' : e.name + ': '}${e.message}`;
  return String(e);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError || (e as { code?: string })?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      process.stderr.write(`netfs: ${(e as Error).message}\n\n${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`netfs: ${describeError(e)}\n`);
    if (process.env.NETFS_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
    process.exitCode = 1;
  },
);

