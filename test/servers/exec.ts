// Async child processes for the server fixtures and the integration tests.
// Always async: a test that blocks its event loop (execSync) hangs a FUSE mount it serves.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface RunOptions {
  /** Written to the child's stdin, which is then closed. */
  readonly input?: string;
  /** SIGKILL the child after this long; the result then has signal 'SIGKILL'. */
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

export interface RunResult {
  readonly command: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout then stderr, for matching messages that tools print on either. */
  readonly output: string;
  readonly timedOut: boolean;
}

/** Runs a command to completion. Rejects only when it cannot be started at all. */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, options.timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => {
      // The child may exit before reading its input (EPIPE); its exit status says why.
    });
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(new Error(`cannot run ${command}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      resolve({
        command: [command, ...args].join(' '),
        code,
        signal,
        stdout,
        stderr,
        output: stdout + stderr,
        timedOut,
      });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Like run(), but a non-zero exit is an error that quotes the command and its output. */
export async function runChecked(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const r = await run(command, args, options);
  if (r.code !== 0) {
    const how = r.timedOut ? 'timed out' : r.signal ? `was killed by ${r.signal}` : `exited with ${r.code}`;
    throw new Error(`${r.command} ${how}:\n${r.output.trim()}`);
  }
  return r;
}

/** Where daemons live on Debian even when PATH (a non-root shell's) lacks them. */
const EXTRA_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin', '/usr/libexec/samba', '/usr/lib/samba'];

/** The absolute path of an executable found on PATH or in the system daemon directories. */
export function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter((d) => d !== ''), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

/** findExecutable(), or an error naming what to install. */
export function requireExecutable(name: string, hint: string): string {
  const found = findExecutable(name);
  if (found === undefined) {
    throw new Error(`${name} not found on PATH or in ${EXTRA_DIRS.join(', ')}: ${hint}`);
  }
  return found;
}
