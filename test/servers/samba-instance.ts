// One smbd (+ its samba-dcerpcd) on one port, in its own directory, checked before use.
import { randomBytes } from 'node:crypto';
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Daemon } from './daemon.js';
import { logTail, startDaemon } from './daemon.js';
import { runChecked } from './exec.js';
import { waitForPort } from './ports.js';
import { renderSmbConf } from './samba-config.js';
import type { SambaLayout } from './samba-layout.js';
import { SHARE_NAMES, createLayout, sambaLayout } from './samba-layout.js';
import type { SambaInstanceInfo, SambaShares, SambaSigning } from './samba-types.js';
import { ntStatuses, smbclient } from './smbclient.js';
import type { UnixUser } from './unix-user.js';

export interface SambaExecutables {
  readonly smbd: string;
  readonly dcerpcd: string;
  readonly pdbedit: string;
}

export interface SambaInstanceOptions {
  /** Names the instance in messages and its NetBIOS name ("main", "signed"). */
  readonly label: string;
  /** A directory of its own (created). */
  readonly root: string;
  readonly host: string;
  readonly port: number;
  readonly signing: SambaSigning;
  readonly workgroup: string;
  readonly user: UnixUser;
  readonly password: string;
  readonly bin: SambaExecutables;
  readonly startTimeoutMs: number;
}

export interface SambaInstance {
  readonly info: SambaInstanceInfo;
  stop(): Promise<void>;
}

/** Thrown when an instance cannot start; portConflict says another server holds the port. */
export class SambaStartError extends Error {
  constructor(
    message: string,
    readonly portConflict: boolean,
  ) {
    super(message);
    this.name = 'SambaStartError';
  }
}

/** Adds the user to the instance's tdbsam passdb; pdbedit reads the password twice from stdin. */
async function addSambaUser(pdbedit: string, configFile: string, user: string, password: string): Promise<void> {
  await runChecked(pdbedit, ['-s', configFile, '-a', '-t', '-u', user], {
    input: `${password}\n${password}\n`,
    timeoutMs: 30_000,
  });
}

function daemonArgs(configFile: string, extra: readonly string[]): string[] {
  return [...extra, '--foreground', '--no-process-group', '--debug-stdout', '--debuglevel=1', '-s', configFile];
}

function assertRunning(daemons: readonly Daemon[]): void {
  for (const d of daemons) {
    if (d.exit) throw new Error(`${d.name} exited (code ${d.exit.code}, signal ${d.exit.signal})`);
  }
}

/** Polls until a path exists, checking the daemons between polls. */
async function waitForPath(path: string, timeoutMs: number, daemons: readonly Daemon[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    assertRunning(daemons);
    try {
      await access(path);
      return;
    } catch {
      if (Date.now() >= deadline) throw new Error(`${path} did not appear within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function sharesOf(layout: SambaLayout): SambaShares {
  return {
    plain: { name: SHARE_NAMES.plain, path: layout.shares.plain },
    encrypted: { name: SHARE_NAMES.encrypted, path: layout.shares.encrypted },
    guest: { name: SHARE_NAMES.guest, path: layout.shares.guest },
  };
}

/** Logs in to the probe share (ours alone) and to `share`; a foreign server fails the first. */
async function verifyLogin(o: SambaInstanceOptions, probeShare: string): Promise<void> {
  const target = { host: o.host, port: o.port, user: o.user.name, password: o.password, domain: o.workgroup };
  const [probe, plain] = await Promise.all([
    smbclient({ ...target, share: probeShare }, 'ls'),
    smbclient({ ...target, share: SHARE_NAMES.plain }, 'ls'),
  ]);
  if (probe.code !== 0 && ntStatuses(probe.output).includes('NT_STATUS_BAD_NETWORK_NAME')) {
    throw new SambaStartError(`another SMB server answers on ${o.host}:${o.port}`, true);
  }
  for (const r of [probe, plain]) {
    if (r.code !== 0) throw new Error(`login check failed: ${r.command}\n${r.output.trim()}`);
  }
}

async function failure(o: SambaInstanceOptions, layout: SambaLayout, cause: unknown): Promise<SambaStartError> {
  const smbdLog = await logTail(layout.smbdLog);
  const conflict =
    (cause instanceof SambaStartError && cause.portConflict) || /Address already in use/.test(smbdLog);
  const logs = [
    `--- ${layout.smbdLog} ---\n${smbdLog}`,
    `--- ${layout.dcerpcdLog} ---\n${await logTail(layout.dcerpcdLog, 15)}`,
    `--- ${layout.sambaLog} ---\n${await logTail(layout.sambaLog, 15)}`,
  ].join('\n');
  const why = cause instanceof Error ? cause.message : String(cause);
  return new SambaStartError(`Samba (${o.label}) on ${o.host}:${o.port} did not start: ${why}\n${logs}`, conflict);
}

/** Starts the instance, waits for its port, checks a login; on failure stops what it started. */
export async function startSambaInstance(o: SambaInstanceOptions): Promise<SambaInstance> {
  const layout = sambaLayout(o.root);
  await createLayout(layout, o.user);
  const probeShare = `netfs-probe-${randomBytes(6).toString('hex')}`;
  const conf = renderSmbConf({
    layout,
    host: o.host,
    port: o.port,
    signing: o.signing,
    workgroup: o.workgroup,
    netbiosName: `NETFS-${o.label}`.toUpperCase().slice(0, 15),
    probeShare,
  });
  await writeFile(layout.configFile, conf, { mode: 0o644 });
  await addSambaUser(o.bin.pdbedit, layout.configFile, o.user.name, o.password);

  const daemons: Daemon[] = [];
  try {
    daemons.push(await startDaemon('smbd', o.bin.smbd, daemonArgs(layout.configFile, []), layout.smbdLog));
    daemons.push(
      await startDaemon('samba-dcerpcd', o.bin.dcerpcd, daemonArgs(layout.configFile, ['--libexec-rpcds']), layout.dcerpcdLog),
    );
    await waitForPort(o.host, o.port, { timeoutMs: o.startTimeoutMs, check: () => assertRunning(daemons) });
    await verifyLogin(o, probeShare);
    // Named pipes (srvsvc for share lists, ...) are served once samba-dcerpcd has made its sockets.
    await waitForPath(join(layout.ncalrpcDir, 'np', 'srvsvc'), o.startTimeoutMs, daemons);
    assertRunning(daemons);
  } catch (e) {
    const err = await failure(o, layout, e);
    await Promise.all(daemons.map((d) => d.stop()));
    throw err;
  }

  return {
    info: { port: o.port, signing: o.signing, configFile: layout.configFile, logFile: layout.smbdLog, shares: sharesOf(layout) },
    async stop() {
      await Promise.all(daemons.map((d) => d.stop()));
    },
  };
}
