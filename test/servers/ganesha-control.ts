// Restarting a running Ganesha from a test (a vitest worker, not the process that started it):
// everything needed is in GaneshaInfo, the pid of the instance running now in its pid file.
import { ensureRpcbind, launchGanesha, runningGaneshaPid, stopGaneshaByPidFile } from './ganesha-process.js';
import type { GaneshaInfo } from './ganesha-types.js';

export interface RestartOptions {
  /** SIGTERM (default): a clean shutdown. SIGKILL: a crash, no chance to tidy its state. */
  readonly signal?: 'SIGTERM' | 'SIGKILL';
  /** Pause between the old instance's end and the new one's start. */
  readonly downMs?: number;
  /** Until the new instance lists the export with its grace period over. Default 30 s. */
  readonly startTimeoutMs?: number;
}

export interface RestartResult {
  readonly oldPid: number | undefined;
  readonly newPid: number;
}

/** The pid of the ganesha.nfsd serving `info` now, or undefined when none runs. */
export function currentGaneshaPid(info: GaneshaInfo): Promise<number | undefined> {
  return runningGaneshaPid(info.pidFile, info.configFile);
}

/**
 * Stops the instance behind `info` and starts it again with the same config, ports and export
 * (same files: a graceful restart keeps the recovery state, so clients may reclaim when the
 * config has a grace period). The new process is detached and outlives the calling worker;
 * the owner's stop() ends it through the pid file. Starts rpcbind first when none answers
 * (ganesha.nfsd cannot start without it); such an rpcbind is left running.
 * Restarting the shared server of global setup disrupts every test file using it meanwhile:
 * a test that restarts should start its own instance with startGanesha().
 */
export async function restartGanesha(info: GaneshaInfo, options: RestartOptions = {}): Promise<RestartResult> {
  const oldPid = await currentGaneshaPid(info);
  await stopGaneshaByPidFile(info, options.signal ?? 'SIGTERM');
  if (options.downMs !== undefined && options.downMs > 0) await new Promise((r) => setTimeout(r, options.downMs));
  await ensureRpcbind(info.root, () => {});
  await launchGanesha(info, options.startTimeoutMs ?? 30_000);
  const newPid = await currentGaneshaPid(info);
  if (newPid === undefined) throw new Error(`ganesha.nfsd restarted but ${info.pidFile} names no running instance`);
  return { oldPid, newPid };
}
