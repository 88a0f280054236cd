// Ctrl-C, SIGTERM and errors: every benchmark stops its servers and removes its files on the way out.
import { setMaxListeners } from 'node:events';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** How long the orderly cleanup after a signal may take before the process exits anyway. */
const CLEANUP_GRACE_MS = 20_000;

/** A shell's exit status for a process ended by signal: 128 + its number. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

/** The benchmark was stopped by a signal. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
  }
}

/**
 * Owns the run's AbortSignal and its temp directories. The first SIGINT/SIGTERM/SIGHUP
 * aborts the signal, so transfers and child processes end and the caller's finally blocks
 * run; a second one, or a cleanup that outlasts CLEANUP_GRACE_MS, exits at once after
 * removing the temp directories synchronously.
 */
export class Lifecycle {
  private readonly controller = new AbortController();
  private readonly tempDirs = new Set<string>();
  private caught: NodeJS.Signals | undefined;

  constructor(private readonly log: (message: string) => void) {
    // Every transfer adds listeners to this one signal (netfs: two per request in flight).
    setMaxListeners(256, this.controller.signal);
    for (const s of SIGNALS) process.on(s, this.onSignal);
    process.on('exit', this.removeTempDirsNow);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The signal that stopped the run, if one did. */
  get interruptedBy(): NodeJS.Signals | undefined {
    return this.caught;
  }

  /** A new temp directory, removed by dispose() (or at exit, whatever happens). */
  async tempDir(prefix: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    this.tempDirs.add(dir);
    return dir;
  }

  /** The error to report: Interrupted when a signal stopped the run (whatever the aborted work threw), else e. */
  explain(e: unknown): unknown {
    return this.caught ? new Interrupted(this.caught) : e;
  }

  /** Removes the temp directories and the signal handlers. */
  async dispose(): Promise<void> {
    await Promise.all([...this.tempDirs].map((d) => rm(d, { recursive: true, force: true })));
    this.tempDirs.clear();
    for (const s of SIGNALS) process.off(s, this.onSignal);
    process.off('exit', this.removeTempDirsNow);
  }

  private readonly onSignal = (signal: NodeJS.Signals): void => {
    if (this.caught) {
      this.log(`bench: ${signal} again: exiting now`);
      this.exitNow(signal);
      return;
    }
    this.caught = signal;
    this.log(`bench: ${signal}: stopping the servers and removing temp files (again to exit at once)`);
    this.controller.abort(new Interrupted(signal));
    setTimeout(() => {
      this.log('bench: cleanup is taking too long: exiting');
      this.exitNow(signal);
    }, CLEANUP_GRACE_MS).unref();
  };

  private exitNow(signal: NodeJS.Signals): void {
    // The 'exit' handlers run: ours removes the temp dirs, startSamba's kills its daemons.
    process.exit(signalExitCode(signal));
  }

  private readonly removeTempDirsNow = (): void => {
    for (const d of this.tempDirs) rmSync(d, { recursive: true, force: true });
  };
}
