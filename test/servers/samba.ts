// The real Samba servers the tests talk to: a main smbd and a signing-mandatory one, on loopback.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAllDaemonsNow } from './daemon.js';
import { requireExecutable, runChecked } from './exec.js';
import { chooseEphemeralPort, choosePort } from './ports.js';
import type { SambaExecutables, SambaInstance } from './samba-instance.js';
import { SambaStartError, startSambaInstance } from './samba-instance.js';
import type { SambaInfo, SambaSigning } from './samba-types.js';
import { ensureUnixUser } from './unix-user.js';
import type { UnixUser } from './unix-user.js';

/** The test identity, shared with the reference captures (captures/reference/README.md). */
export const SAMBA_DEFAULTS = {
  host: '127.0.0.1',
  port: 4450,
  signedPort: 4451,
  user: 'tester',
  password: 'secret',
  domain: 'WORKGROUP',
} as const;

export interface SambaOptions {
  readonly host?: string;
  /** Default: env NETFS_SMB_PORT, else 4450. Taken by something else: the next free port. */
  readonly port?: number;
  /** Default: env NETFS_SMB_SIGNED_PORT, else 4451. */
  readonly signedPort?: number;
  readonly user?: string;
  readonly password?: string;
  readonly domain?: string;
  /** Per instance: waiting for the port, then for samba-dcerpcd. */
  readonly startTimeoutMs?: number;
  /** Progress and port changes; default: silent. */
  readonly log?: (message: string) => void;
}

export interface SambaServers {
  readonly info: SambaInfo;
  /** Root of all instance directories (removed by stop()). */
  readonly root: string;
  stop(): Promise<void>;
}

/** Signals whose default action ends the process: each must take the servers with it. */
const EXIT_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Attempts per instance when its port turns out to be taken by another server meanwhile. */
const PORT_ATTEMPTS = 4;

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name}=${raw} is not a TCP port`);
  return port;
}

function executables(): SambaExecutables {
  const hint = 'run test/servers/install.sh (Samba 4.22 from bookworm-backports)';
  return {
    smbd: requireExecutable('smbd', hint),
    dcerpcd: requireExecutable('samba-dcerpcd', hint),
    pdbedit: requireExecutable('pdbedit', hint),
  };
}

interface InstancePlan {
  readonly label: 'main' | 'signed';
  readonly preferredPort: number;
  readonly signing: SambaSigning;
}

async function startWithRetry(
  plan: InstancePlan,
  firstPort: number,
  common: { root: string; host: string; user: UnixUser; password: string; domain: string; bin: SambaExecutables; startTimeoutMs: number },
  taken: Set<number>,
  log: (message: string) => void,
): Promise<SambaInstance> {
  let port = firstPort;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startSambaInstance({
        label: plan.label,
        root: join(common.root, `${plan.label}-${port}`),
        host: common.host,
        port,
        signing: plan.signing,
        workgroup: common.domain,
        user: common.user,
        password: common.password,
        bin: common.bin,
        startTimeoutMs: common.startTimeoutMs,
      });
    } catch (e) {
      if (!(e instanceof SambaStartError && e.portConflict) || attempt >= PORT_ATTEMPTS) throw e;
      const next = await chooseEphemeralPort(common.host, taken);
      log(`netfs: Samba (${plan.label}): port ${port} was taken meanwhile, trying ${next}`);
      port = next;
    }
  }
}

/** Starts both instances; stop() ends every process they started and removes their files. */
export async function startSamba(options: SambaOptions = {}): Promise<SambaServers> {
  if (process.getuid?.() !== 0) {
    throw new Error('the Samba test servers need root: smbd switches to the test user after login');
  }
  const log = options.log ?? (() => {});
  const host = options.host ?? SAMBA_DEFAULTS.host;
  const password = options.password ?? SAMBA_DEFAULTS.password;
  const domain = options.domain ?? SAMBA_DEFAULTS.domain;
  const bin = executables();
  const version = (await runChecked(bin.smbd, ['--version'])).stdout.trim();
  const user = await ensureUnixUser(options.user ?? SAMBA_DEFAULTS.user);

  const plans: InstancePlan[] = [
    { label: 'main', preferredPort: options.port ?? portFromEnv('NETFS_SMB_PORT', SAMBA_DEFAULTS.port), signing: 'auto' },
    {
      label: 'signed',
      preferredPort: options.signedPort ?? portFromEnv('NETFS_SMB_SIGNED_PORT', SAMBA_DEFAULTS.signedPort),
      signing: 'mandatory',
    },
  ];
  const taken = new Set<number>();
  const ports: number[] = [];
  for (const plan of plans) {
    const port = await choosePort(host, plan.preferredPort, taken);
    if (port !== plan.preferredPort) log(`netfs: Samba (${plan.label}): port ${plan.preferredPort} is busy, using ${port}`);
    ports.push(port);
  }

  const root = await mkdtemp(join(tmpdir(), 'netfs-samba-'));
  // mkdtemp makes it 0700; the test user must be able to reach the share directories inside.
  await chmod(root, 0o755);
  const killNow = (): void => {
    killAllDaemonsNow();
    rmSync(root, { recursive: true, force: true });
  };
  // Our daemons sit in process groups of their own, so a terminal's Ctrl-C does not reach them,
  // and a runner killed by a signal runs no teardown and no 'exit' handler: end them here, then
  // let the signal do what it would have done (re-raised when nobody else listens for it).
  const onSignal = (signal: NodeJS.Signals): void => {
    killNow();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const unhook = (): void => {
    process.removeListener('exit', killNow);
    for (const signal of EXIT_SIGNALS) process.removeListener(signal, onSignal);
  };
  // A test runner that dies without its teardown (or during startup) still takes its servers
  // with it. Prepended: vitest's own SIGINT/exit handlers call process.exit(), after which no
  // later listener runs.
  process.prependOnceListener('exit', killNow);
  for (const signal of EXIT_SIGNALS) process.prependOnceListener(signal, onSignal);

  const common = { root, host, user, password, domain, bin, startTimeoutMs: options.startTimeoutMs ?? 20_000 };
  const started = await Promise.allSettled(plans.map((plan, i) => startWithRetry(plan, ports[i], common, taken, log)));
  const instances = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));

  const stop = async (): Promise<void> => {
    unhook();
    await Promise.all(instances.map((i) => i.stop()));
    await rm(root, { recursive: true, force: true });
  };

  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }

  const [main, signed] = instances;
  log(`netfs: Samba ${version} on ${host}:${main.info.port} (signing auto) and :${signed.info.port} (signing mandatory), in ${root}`);
  return {
    root,
    stop,
    info: {
      host,
      port: main.info.port,
      signedPort: signed.info.port,
      user: user.name,
      password,
      domain,
      uid: user.uid,
      gid: user.gid,
      shares: main.info.shares,
      signedShares: signed.info.shares,
      instances: { main: main.info, signed: signed.info },
      version,
    },
  };
}
