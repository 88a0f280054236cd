// Runs the `netfs` CLI as a user would: a separate node process on src/cli/main.ts through
// tsx, started asynchronously (never execSync: the test's own event loop must keep running).
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'vitest';

/** src/cli/main.ts, the CLI's entry point. */
export const CLI_MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** tsx's loader as a file URL: `--import tsx` would resolve from the child's cwd, which may be anywhere. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** A run gets SIGKILLed after this long unless told otherwise. */
const DEFAULT_TIMEOUT_MS = 30_000;

export interface CliOptions {
  /** Working directory of the child (where `get URL` without LOCAL writes). */
  cwd?: string;
  /** Added to the environment; a key set to undefined is removed. NETFS_* of the test process are never inherited. */
  env?: Record<string, string | undefined>;
  /** SIGKILL the child after this long (default 30 s); the result then says timedOut. */
  timeoutMs?: number;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** stdout as bytes (for `cat` of binary content). */
  stdoutBytes: Buffer;
  stderr: string;
  timedOut: boolean;
}

export interface RunningCli {
  child: ChildProcess;
  /** Resolves when the child has exited and its output is closed; never rejects for a failing exit. */
  result: Promise<CliResult>;
}

function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('NETFS_')) env[k] = v;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Starts `netfs ARGS` with stdin not a terminal (/dev/null), stdout and stderr captured. */
export function startCli(args: readonly string[], opts: CliOptions = {}): RunningCli {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, CLI_MAIN, ...args], {
    cwd: opts.cwd,
    env: childEnv(opts.env ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const result = new Promise<CliResult>((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start the CLI: ${e.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const stdoutBytes = Buffer.concat(out);
      resolve({ code, signal, stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr: Buffer.concat(err).toString('utf8'), timedOut });
    });
  });
  return { child, result };
}

/** Runs `netfs ARGS` to completion. */
export function runCli(args: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
  return startCli(args, opts).result;
}

/** For assertion messages: what the run printed and how it ended. */
export function describeRun(r: CliResult): string {
  const end = r.timedOut ? 'timed out' : r.signal ? `killed by ${r.signal}` : `exit ${r.code}`;
  return `${end}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
}

/** A run as a successful command must end: exit 0 in time, nothing on stderr. */
export function expectSuccess(r: CliResult): void {
  expect(r.timedOut, describeRun(r)).toBe(false);
  expect(r.code, describeRun(r)).toBe(0);
  expect(r.stderr, describeRun(r)).toBe('');
}

/** A failure as the CLI must report it: exit 1 and one `netfs: ` line on stderr matching problem, no stack trace, nothing on stdout. */
export function expectOneLineFailure(r: CliResult, problem: RegExp): void {
  expect(r.timedOut, describeRun(r)).toBe(false);
  expect(r.code, describeRun(r)).toBe(1);
  expect(r.stderr, describeRun(r)).toMatch(/^netfs: [^\n]+\n$/);
  expect(r.stderr).toMatch(problem);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  expect(r.stdout).toBe('');
}
