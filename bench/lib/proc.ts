// Child processes timed from spawn to exit, killed on abort (a Ctrl-C must not leave them running).
import { spawn } from 'node:child_process';

export interface TimedResult {
  readonly seconds: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** stdout then stderr. */
  readonly output: string;
}

export interface TimedOptions {
  readonly signal?: AbortSignal;
  /** SIGKILL after this long. */
  readonly timeoutMs: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs a command to completion; the time covers the whole process, start to exit. */
export function timedRun(command: string, args: readonly string[], opts: TimedOptions): Promise<TimedResult> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const start = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], signal: opts.signal, killSignal: 'SIGKILL', env: opts.env ?? process.env });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(opts.signal?.aborted ? opts.signal.reason : new Error(`cannot run ${command}: ${e.message}`));
    });
    child.once('close', (code, signal) => {
      const seconds = (performance.now() - start) / 1000;
      clearTimeout(timer);
      if (opts.signal?.aborted) {
        reject(opts.signal.reason);
        return;
      }
      resolve({ seconds, code, signal, output: Buffer.concat(out).toString('utf8') + Buffer.concat(err).toString('utf8') });
    });
  });
}

/** timedRun, failing with the command and its output unless it exited 0 (and printed no NT_STATUS error, for smbclient). */
export async function timedRunChecked(command: string, args: readonly string[], opts: TimedOptions): Promise<TimedResult> {
  const r = await timedRun(command, args, opts);
  const ntError = /NT_STATUS_(?!OK\b)[A-Z0-9_]+/.exec(r.output);
  if (r.code !== 0 || ntError) {
    const how = r.signal ? `was killed by ${r.signal}` : r.code !== 0 ? `exited with ${r.code}` : `reported ${ntError?.[0]}`;
    throw new Error(`${[command, ...args].join(' ')} ${how}:\n${r.output.trim()}`);
  }
  return r;
}
