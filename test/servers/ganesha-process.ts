// Running ganesha.nfsd and rpcbind: launch and wait until ready, stop through the pid file,
// shared by startGanesha() (global setup) and restartGanesha() (a test's worker process).
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Daemon } from './daemon.js';
import { logTail, startDaemon } from './daemon.js';
import { requireExecutable, run } from './exec.js';
import { waitForPort } from './ports.js';
import type { GaneshaCommand } from './ganesha-types.js';
import { libnfsV4Url } from './ganesha-urls.js';

const RPCBIND_PORT = 111;

/** Ganesha's command line: foreground, its own log, config and pid file, level NIV_EVENT. */
export function ganeshaArgs(files: { configFile: string; logFile: string; pidFile: string }): string[] {
  return ['-F', '-L', files.logFile, '-f', files.configFile, '-p', files.pidFile, '-N', 'NIV_EVENT'];
}

/** What launchGanesha() needs to know about the instance. */
export interface GaneshaTarget {
  readonly host: string;
  readonly port: number;
  readonly exportPath: string;
  readonly logFile: string;
  readonly command: GaneshaCommand;
}

export class GaneshaStartError extends Error {
  constructor(
    message: string,
    /** ganesha.nfsd could not bind one of its ports: worth a retry on other ports. */
    readonly portConflict: boolean,
  ) {
    super(message);
    this.name = 'GaneshaStartError';
  }
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

/** The part of the log written since `offset` (a restart appends to the same file). */
async function logSince(file: string, offset: number): Promise<string> {
  try {
    return (await readFile(file)).subarray(offset).toString('utf8');
  } catch {
    return '';
  }
}

/** Grace is over once Ganesha says so: "skipping GRACE (Graceless is true)" or "Now NOT IN GRACE". */
const GRACE_OVER = /skipping GRACE|NOT IN GRACE/;
const BIND_FAILED = /Address already in use|Cannot bind/i;
/** Logged once every listener is up: before it, the port may be another server's (a port race). */
const INITIALIZED = /NFS SERVER INITIALIZED/;

/**
 * Starts ganesha.nfsd and resolves once it is usable: its log says it is initialized and the grace
 * period is over (or skipped), it still runs, and nfs-ls lists the export over NFSv4. Throws GaneshaStartError
 * with the tails of its log and output when it exits or is not ready within timeoutMs.
 */
export async function launchGanesha(t: GaneshaTarget, timeoutMs: number): Promise<Daemon> {
  const logOffset = await fileSize(t.logFile);
  const daemon = await startDaemon('ganesha.nfsd', t.command.executable, t.command.args, t.command.outputFile);
  const nfsLs = requireExecutable('nfs-ls', 'run test/servers/install-nfs.sh (libnfs-utils)');
  const deadline = Date.now() + timeoutMs;
  const failure = async (why: string): Promise<GaneshaStartError> => {
    const log = await logSince(t.logFile, logOffset);
    const output = await logTail(t.command.outputFile, 10);
    const tail = log.trimEnd().split('\n').slice(-25).join('\n');
    return new GaneshaStartError(
      `ganesha.nfsd on ${t.host}:${t.port} ${why}\n--- ${t.logFile} (tail):\n${tail}\n--- ${t.command.outputFile} (tail):\n${output}`,
      BIND_FAILED.test(log) || BIND_FAILED.test(output),
    );
  };
  const exited = (): string | undefined =>
    daemon.exit === undefined ? undefined : `exited during startup (code ${daemon.exit.code}, signal ${daemon.exit.signal})`;
  try {
    await waitForPort(t.host, t.port, {
      timeoutMs,
      check: () => {
        const why = exited();
        if (why !== undefined) throw new Error(why);
      },
    });
    let lastLs = '';
    for (;;) {
      const why = exited();
      if (why !== undefined) throw new Error(why);
      const ls = await run(nfsLs, [libnfsV4Url(t)], { timeoutMs: 10_000 });
      lastLs = ls.output.trim();
      const log = await logSince(t.logFile, logOffset);
      if (ls.code === 0 && INITIALIZED.test(log) && GRACE_OVER.test(log) && daemon.exit === undefined) return daemon;
      if (Date.now() >= deadline) throw new Error(`was not ready within ${timeoutMs} ms (last nfs-ls: ${lastLs || 'ok'})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (e) {
    await daemon.stop(2_000);
    throw await failure(e instanceof Error ? e.message : String(e));
  }
}

/** The pid in the pid file, when that process is alive and is ganesha.nfsd with this config. */
export async function runningGaneshaPid(pidFile: string, configFile: string): Promise<number | undefined> {
  let pid: number;
  try {
    pid = Number((await readFile(pidFile, 'utf8')).trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    const [cmdline, procStat] = await Promise.all([
      readFile(`/proc/${pid}/cmdline`, 'utf8'),
      readFile(`/proc/${pid}/stat`, 'utf8'),
    ]);
    const state = procStat.slice(procStat.lastIndexOf(')') + 2).split(' ')[0];
    // A pid file left by a killed instance may name a recycled pid: the config path tells ours.
    return state !== 'Z' && cmdline.split('\0').includes(configFile) ? pid : undefined;
  } catch {
    return undefined; // no such process
  }
}

/**
 * Ends the ganesha.nfsd named by the pid file (whichever process started it): `signal`, then
 * SIGKILL after graceMs; resolves once it is gone. No-op when none runs.
 */
export async function stopGaneshaByPidFile(
  files: { pidFile: string; configFile: string },
  signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM',
  graceMs = 10_000,
): Promise<void> {
  const pid = await runningGaneshaPid(files.pidFile, files.configFile);
  if (pid === undefined) return;
  const send = (s: NodeJS.Signals): void => {
    try {
      process.kill(pid, s);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
    }
  };
  const gone = async (ms: number): Promise<boolean> => {
    const deadline = Date.now() + ms;
    // By its /proc state alone: a process in exit has already lost its cmdline (so the pid file no
    // longer names a running ganesha.nfsd) while it still holds the pid file's lock, and a new
    // instance started then fails with "fcntl(3) failed, Ganesha already started".
    while (await alive(pid)) {
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, 50));
    }
    return true;
  };
  send(signal);
  if (!(await gone(graceMs))) {
    send('SIGKILL');
    if (!(await gone(5_000))) throw new Error(`ganesha.nfsd (pid ${pid}) survived SIGKILL`);
  }
}

/** Alive and not a zombie (a zombie holds no ports and no files). */
async function alive(pid: number): Promise<boolean> {
  try {
    const s = await readFile(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}

/** SIGKILL, synchronously, to the ganesha.nfsd named by the pid file (for process 'exit' handlers). */
export function killGaneshaNowSync(files: { pidFile: string; configFile: string }): void {
  try {
    const pid = Number(readFileSync(files.pidFile, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return;
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(files.configFile)) return;
    process.kill(pid, 'SIGKILL');
  } catch {
    // no pid file, no such process, or already gone
  }
}

async function portAnswers(host: string, port: number): Promise<boolean> {
  try {
    await waitForPort(host, port, { timeoutMs: 0 });
    return true;
  } catch {
    return false;
  }
}

/**
 * rpcbind on port 111, which ganesha.nfsd needs at every start (it exits when it cannot
 * register). Resolves to the daemon when this call started it (`rpcbind -f -w`, in the
 * foreground so that it can be stopped as a child), or undefined when one already answered.
 */
export async function ensureRpcbind(dir: string, log: (message: string) => void): Promise<Daemon | undefined> {
  if (await portAnswers('127.0.0.1', RPCBIND_PORT)) return undefined;
  const bin = requireExecutable('rpcbind', 'run test/servers/install-nfs.sh');
  const outputFile = join(dir, 'rpcbind.out');
  const daemon = await startDaemon('rpcbind', bin, ['-f', '-w'], outputFile);
  try {
    await waitForPort('127.0.0.1', RPCBIND_PORT, {
      timeoutMs: 10_000,
      check: () => {
        if (daemon.exit !== undefined) throw new Error('exited');
      },
    });
  } catch (e) {
    await daemon.stop(1_000);
    // Another test run may have started its own rpcbind at the same moment: that one serves us too.
    if (await portAnswers('127.0.0.1', RPCBIND_PORT)) return undefined;
    throw new Error(`rpcbind did not start (${(e as Error).message}):\n${await logTail(outputFile, 10)}`);
  }
  log(`netfs: started rpcbind (pid ${daemon.pid}) for ganesha.nfsd`);
  return daemon;
}
