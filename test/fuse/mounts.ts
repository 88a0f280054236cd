// Real FUSE mounts for tests: `netfs mount` runs in a child process (the test process then
// uses the mount through async child processes and fs.promises, never blocking the process
// that serves it), and shell commands run asynchronously.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { ConformanceTarget } from '../../src/vfs/conformance/index.js';
import type { FileSystem } from '../../src/vfs/types.js';
import { describeRun, startCli, type CliResult, type RunningCli } from '../support/cli.js';

export interface RunningMount {
  /** The mount point (absolute). */
  mp: string;
  cli: RunningCli;
  /** What the mount process printed on stderr so far. */
  stderr(): string;
  /** Sends signal (default SIGTERM) and waits for the mount process to end. */
  stop(signal?: NodeJS.Signals): Promise<CliResult>;
}

/** A fresh empty directory under the system tmp dir; cleaned by removeDir. */
export async function freshDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `netfs-fuse-${prefix}-`));
}

/** Removes a test directory, once nothing is mounted on it any more. */
export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Whether something is mounted at path, and as what (fstype), from /proc/self/mountinfo. */
export async function mountedAt(path: string): Promise<string | undefined> {
  const text = await readFile('/proc/self/mountinfo', 'utf8');
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    const dash = f.indexOf('-', 6);
    if (dash > 0 && f[4]?.replace(/\\040/g, ' ') === path) return f[dash + 1];
  }
  return undefined;
}

/**
 * Starts `netfs mount URL MP [args]` and resolves once it says it is mounted; rejects
 * (with everything it printed) if it ends first or takes longer than 30 s.
 */
export async function startMount(url: string, mp: string, args: string[] = [], timeoutMs = 600_000): Promise<RunningMount> {
  await mkdir(mp, { recursive: true });
  const cli = startCli(['mount', url, mp, ...args], { timeoutMs });
  let err = '';
  cli.child.stderr?.on('data', (b: Buffer) => (err += b.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mount did not come up in 30 s:\n${err}`)), 30_000);
    const onData = () => {
      if (/netfs: mounted /.test(err)) {
        clearTimeout(timer);
        cli.child.stderr?.off('data', onData);
        resolve();
      }
    };
    cli.child.stderr?.on('data', onData);
    cli.result.then((r) => {
      clearTimeout(timer);
      reject(new Error(`mount ended before mounting: ${describeRun(r)}`));
    });
  });
  return {
    mp,
    cli,
    stderr: () => err,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill(signal);
      return cli.result;
    },
  };
}

/** One test file's mount, and a directory of the file's own inside it. */
export interface MountedDir {
  /** A fresh local directory: the mount point is base/mnt; the test's local files go here too. */
  base: string;
  m: RunningMount;
  /** The directory's name, the same in the mount and on the server. */
  name: string;
  /** The directory through the mount. */
  dir: string;
  /** The same directory on the server's host. */
  host: string;
}

/**
 * Mounts url at a fresh base/mnt and makes the directory `${prefix}-PID-TIME` in it. hostRoot
 * is where the server keeps what the URL names (the share's or the export's host path).
 */
export async function mountWithDir(prefix: string, url: string, hostRoot: string): Promise<MountedDir> {
  const base = await freshDir(prefix);
  const m = await startMount(url, join(base, 'mnt'));
  const name = `${prefix}-${process.pid}-${Date.now()}`;
  const dir = join(m.mp, name);
  await mkdir(dir);
  return { base, m, name, dir, host: join(hostRoot, name) };
}

/** Stops the mount with signal: it must exit 0 saying it unmounted, and nothing be mounted there any more. */
export async function stopMount(m: RunningMount, signal: NodeJS.Signals): Promise<void> {
  const r = await m.stop(signal);
  expect(r.code, describeRun(r)).toBe(0);
  expect(r.stderr).toMatch(/netfs: unmounted /);
  expect(await mountedAt(m.mp)).toBeUndefined();
}

/** Stops the mount (see stopMount), then removes the test's directory on the server's host and base. */
export async function unmountWithDir(t: MountedDir, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  await stopMount(t.m, signal);
  await rm(t.host, { recursive: true, force: true });
  await removeDir(t.base);
}

/**
 * mountWithDir for the tests of one file (or describe block): mounted before them, unmounted
 * (unmountWithDir, with signal) after them. The fields are there once the mount is up.
 */
export function mountForTests(prefix: string, url: () => string, hostRoot: () => string, signal: NodeJS.Signals = 'SIGTERM'): MountedDir {
  let t: MountedDir | undefined;
  beforeAll(async () => {
    t = await mountWithDir(prefix, url(), hostRoot());
  });
  afterAll(async () => {
    if (t) await unmountWithDir(t, signal);
  });
  const up = (): MountedDir => {
    if (!t) throw new Error(`the ${prefix} mount is not up`);
    return t;
  };
  return {
    get base() {
      return up().base;
    },
    get m() {
      return up().m;
    },
    get name() {
      return up().name;
    },
    get dir() {
      return up().dir;
    },
    get host() {
      return up().host;
    },
  };
}

/** The conformance suite's target through a new mount of url: fsOver(mount point), rooted in a directory of its own, all gone after teardown. */
export async function mountedTarget(prefix: string, url: string, hostRoot: string, fsOver: (mp: string) => FileSystem): Promise<ConformanceTarget> {
  const t = await mountWithDir(prefix, url, hostRoot);
  return { fs: fsOver(t.m.mp), root: `/${t.name}`, teardown: () => unmountWithDir(t) };
}

/** The line of /proc/self/mounts for the mount point mp (source, mp, type, options, ...). */
export async function mountsLine(mp: string): Promise<string | undefined> {
  return (await readFile('/proc/self/mounts', 'utf8')).split('\n').find((l) => l.split(' ')[1] === mp);
}

export interface ShResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
  ms: number;
}

/** Runs a bash command line asynchronously; a run past timeoutMs is killed (and reported). */
export function sh(command: string, opts: { cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<ShResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const stdoutBytes = Buffer.concat(out);
      resolve({ code, signal, stdout: stdoutBytes.toString(), stdoutBytes, stderr: Buffer.concat(err).toString(), ms: performance.now() - started });
    });
  });
}

/** Runs a command that must succeed; returns its stdout. */
export async function ok(command: string, opts: { cwd?: string; timeoutMs?: number } = {}): Promise<string> {
  const r = await sh(command, opts);
  if (r.code !== 0) throw new Error(`\`${command}\` failed (${r.signal ?? 'exit ' + r.code}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** Shell-quotes one word. */
export function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Shell tools in dir/basics: printf (`text` and a newline into a.txt), head and chmod; cat, ls -l and ls -a show the content, sizes and modes; the host (host/basics) holds the text. */
export async function expectShellBasics(dir: string, host: string, text: string): Promise<void> {
  const d = join(dir, 'basics');
  const line = `${text}\n`;
  await ok(`mkdir ${q(d)} && printf ${q(text + '\\n')} > ${q(d)}/a.txt && head -c 5000 /dev/zero > ${q(d)}/zeros && chmod 600 ${q(d)}/zeros`);
  expect(await ok(`cat ${q(d)}/a.txt`)).toBe(line);
  expect(await readFile(join(host, 'basics/a.txt'), 'utf8')).toBe(line);
  const ls = (await ok(`ls -l ${q(d)}`)).split('\n').filter((l) => l && !l.startsWith('total'));
  expect(ls).toHaveLength(2);
  expect(ls[0]).toMatch(new RegExp(`^-rw-r--r-- +1 +\\S+ +\\S+ +${Buffer.byteLength(line)} .* a\\.txt$`));
  expect(ls[1]).toMatch(/^-rw------- +1 +\S+ +\S+ +5000 .* zeros$/);
  expect((await ok(`ls -a ${q(d)}`)).split('\n').filter(Boolean)).toEqual(['.', '..', 'a.txt', 'zeros']);
}

/** Shell tools in dir/errors get the right errno, each failing: ENOENT, ENOTEMPTY, EEXIST, ENOTDIR, and noclobber's refusal. */
export async function expectShellErrors(dir: string): Promise<void> {
  const d = join(dir, 'errors');
  await ok(`mkdir ${q(d)} && mkdir ${q(d)}/full && touch ${q(d)}/full/f`);
  const failures: [string, RegExp][] = [
    [`cat ${q(d)}/missing`, /No such file or directory/],
    [`rmdir ${q(d)}/full`, /Directory not empty/],
    [`mkdir ${q(d)}/full`, /File exists/],
    [`ls ${q(d)}/full/f/x`, /Not a directory|No such file/],
    [`set -o noclobber; echo > ${q(d)}/full/f`, /cannot overwrite existing file/],
  ];
  for (const [command, message] of failures) {
    const r = await sh(command);
    expect(r.code, command).not.toBe(0);
    expect(r.stderr, command).toMatch(message);
  }
}
