// Real FUSE mounts for tests: `netfs mount` runs in a child process (the test process then
// uses the mount through async child processes and fs.promises, never blocking the process
// that serves it), and shell commands run asynchronously.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
