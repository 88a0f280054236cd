// A server process in a process group of its own, logging to a file, stoppable as a whole.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { open, readFile, readdir } from 'node:fs/promises';

export interface DaemonExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface Daemon {
  readonly name: string;
  /** Also the id of its process group: every process it forks without setsid() is in it. */
  readonly pid: number;
  readonly logFile: string;
  /** Set once the process has exited. */
  readonly exit: DaemonExit | undefined;
  /** SIGTERM to the group, SIGKILL after graceMs; resolves when the group is gone (or given up on). */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to the group, synchronously (for process 'exit' handlers). */
  killNow(): void;
}

/** Every daemon of this process that may still run: what killAllDaemonsNow() ends. */
const live = new Set<Daemon>();

/** SIGKILL to every daemon group this process started and has not stopped (synchronous). */
export function killAllDaemonsNow(): void {
  for (const d of live) d.killNow();
}

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw e;
  }
}

/**
 * True while a process of the group is alive. Zombies do not count: once their parent is
 * gone they wait for init to reap them, which some container inits do late or never, and
 * kill(-pgid, 0) still reports them.
 */
async function groupAlive(pgid: number): Promise<boolean> {
  if (!signalGroup(pgid, 0)) return false;
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return true; // no procfs: trust kill()
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = await readFile(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // proc(5): "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') return true;
  }
  return false;
}

async function waitGroupGone(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (await groupAlive(pgid)) {
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/**
 * Spawns command as the leader of a new process group (detached), stdout and stderr
 * appended to logFile. The child is unref'd: it never keeps the caller's process alive.
 */
export function startDaemon(name: string, command: string, args: readonly string[], logFile: string): Promise<Daemon> {
  const fd = openSync(logFile, 'a');
  let exit: DaemonExit | undefined;
  const child = spawn(command, args, { detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  return new Promise((resolve, reject) => {
    child.once('error', (e) => reject(new Error(`cannot start ${name} (${command}): ${e.message}`)));
    child.once('spawn', () => {
      const pid = child.pid;
      if (pid === undefined) {
        reject(new Error(`${name} started without a pid`));
        return;
      }
      child.unref();
      child.once('exit', (code, signal) => {
        exit = { code, signal };
      });
      const daemon: Daemon = {
        name,
        pid,
        logFile,
        get exit() {
          return exit;
        },
        async stop(graceMs = 5_000) {
          if (signalGroup(pid, 'SIGTERM') && !(await waitGroupGone(pid, graceMs))) {
            signalGroup(pid, 'SIGKILL');
            await waitGroupGone(pid, 2_000);
          }
          live.delete(daemon);
        },
        killNow() {
          signalGroup(pid, 'SIGKILL');
        },
      };
      live.add(daemon);
      resolve(daemon);
    });
  });
}

/** The last `lines` lines of a log file, or a note that it is missing. */
export async function logTail(file: string, lines = 30): Promise<string> {
  let text: string;
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, 64 * 1024);
      const buf = Buffer.alloc(length);
      await handle.read(buf, 0, length, size - length);
      text = buf.toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (e) {
    return `(no ${file}: ${(e as Error).message})`;
  }
  const all = text.trimEnd().split('\n');
  return all.slice(-lines).join('\n');
}
