// The real nfs-ganesha the NFS tests talk to: one VFS export on loopback, NFSv3 and NFSv4.0/4.1/4.2.
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Daemon } from './daemon.js';
import { killAllDaemonsNow } from './daemon.js';
import { findExecutable, requireExecutable, run, runChecked } from './exec.js';
import { ganeshaConfig } from './ganesha-config.js';
import {
  GaneshaStartError,
  ensureRpcbind,
  ganeshaArgs,
  killGaneshaNowSync,
  launchGanesha,
  stopGaneshaByPidFile,
} from './ganesha-process.js';
import type { GaneshaInfo } from './ganesha-types.js';
import { chooseEphemeralPort, choosePort } from './ports.js';

export const GANESHA_DEFAULTS = {
  host: '127.0.0.1',
  /** As in the reference captures (captures/reference). */
  port: 20490,
  exportPath: '/export',
  leaseSeconds: 10,
  /** Graceless: a fresh server serves OPEN at once. */
  graceSeconds: 0,
} as const;

export interface GaneshaOptions {
  readonly host?: string;
  /** Default: env NETFS_NFS_PORT, else 20490. Taken by something else: the next free port. */
  readonly port?: number;
  /** Default: env NETFS_NFS_MOUNT_PORT, else port + 1 (or the next free one). */
  readonly mountPort?: number;
  /** Default: port + 2 (or the next free one). */
  readonly nlmPort?: number;
  readonly exportPath?: string;
  readonly leaseSeconds?: number;
  /** 0 (default): Graceless. Else Grace_Period: OPENs get NFS4ERR_GRACE for at least 5 s after every start. */
  readonly graceSeconds?: number;
  /** Until the export lists over NFSv4 with the grace period over. Default 30 s. */
  readonly startTimeoutMs?: number;
  readonly log?: (message: string) => void;
}

export interface GaneshaServer {
  readonly info: GaneshaInfo;
  /** Ends ganesha.nfsd (also one restarted by another process), rpcbind if this started it, removes root. */
  stop(): Promise<void>;
}

const EXIT_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const PORT_ATTEMPTS = 4;

function portFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name}=${raw} is not a TCP port`);
  return port;
}

/** The directory holding libfsalvfs.so (Debian: /usr/lib/<multiarch>/ganesha), for Plugins_Dir. */
async function vfsPluginsDir(): Promise<string | undefined> {
  const candidates: string[] = [];
  for (const lib of ['/usr/lib', '/usr/lib64']) {
    let entries: string[] = [];
    try {
      entries = await readdir(lib);
    } catch {
      continue;
    }
    candidates.push(...entries.filter((e) => e.endsWith('-linux-gnu')).map((e) => join(lib, e, 'ganesha')));
    candidates.push(join(lib, 'ganesha'));
  }
  return candidates.find((dir) => existsSync(join(dir, 'libfsalvfs.so')));
}

/** Runs install-nfs.sh when a program of the NFS fixture is missing (install.sh calls it too). */
async function ensureNfsInstalled(log: (message: string) => void): Promise<void> {
  const programs = ['ganesha.nfsd', 'rpcbind', 'nfs-ls', 'nfs-cat', 'nfs-cp'];
  const missing = (): string[] => programs.filter((p) => findExecutable(p) === undefined);
  if (missing().length === 0 && (await vfsPluginsDir()) !== undefined) return;
  log(`netfs: NFS server or tools missing (${missing().join(', ') || 'libfsalvfs.so'}): running test/servers/install-nfs.sh`);
  const script = fileURLToPath(new URL('./install-nfs.sh', import.meta.url));
  const r = await run('bash', [script], { timeoutMs: 15 * 60_000 });
  if (r.code !== 0 || missing().length > 0) {
    throw new Error(`install-nfs.sh failed (${r.code}), missing: ${missing().join(', ')}:\n${r.output.trim()}`);
  }
}

interface Ports {
  readonly port: number;
  readonly mountPort: number;
  readonly nlmPort: number;
}

async function choosePorts(host: string, options: GaneshaOptions, log: (message: string) => void): Promise<Ports> {
  const taken = new Set<number>();
  const wanted = options.port ?? portFromEnv('NETFS_NFS_PORT') ?? GANESHA_DEFAULTS.port;
  const port = await choosePort(host, wanted, taken);
  if (port !== wanted) log(`netfs: Ganesha: port ${wanted} is busy, using ${port}`);
  const mountPort = await choosePort(host, options.mountPort ?? portFromEnv('NETFS_NFS_MOUNT_PORT') ?? port + 1, taken);
  const nlmPort = await choosePort(host, options.nlmPort ?? port + 2, taken);
  return { port, mountPort, nlmPort };
}

async function ephemeralPorts(host: string): Promise<Ports> {
  const taken = new Set<number>();
  return {
    port: await chooseEphemeralPort(host, taken),
    mountPort: await chooseEphemeralPort(host, taken),
    nlmPort: await chooseEphemeralPort(host, taken),
  };
}

/**
 * Starts rpcbind when none runs, then ganesha.nfsd on a fresh export in a temp dir; resolves
 * once the export lists over NFSv4 with no grace period pending.
 */
export async function startGanesha(options: GaneshaOptions = {}): Promise<GaneshaServer> {
  if (process.getuid?.() !== 0) {
    throw new Error('the Ganesha test server needs root: rpcbind binds port 111 and the VFS FSAL uses open_by_handle_at');
  }
  const began = Date.now();
  const log = options.log ?? (() => {});
  const host = options.host ?? GANESHA_DEFAULTS.host;
  const exportPath = options.exportPath ?? GANESHA_DEFAULTS.exportPath;
  const leaseSeconds = options.leaseSeconds ?? GANESHA_DEFAULTS.leaseSeconds;
  const graceSeconds = options.graceSeconds ?? GANESHA_DEFAULTS.graceSeconds;
  await ensureNfsInstalled(log);
  const executable = requireExecutable('ganesha.nfsd', 'run test/servers/install-nfs.sh');
  const version = (await runChecked(executable, ['-v'])).stdout.trim();
  const pluginsDir = await vfsPluginsDir();

  const root = await mkdtemp(join(tmpdir(), 'netfs-ganesha-'));
  const hostPath = join(root, 'export');
  const recoveryRoot = join(root, 'recovery');
  await mkdir(hostPath);
  await chmod(hostPath, 0o777);
  await mkdir(recoveryRoot);
  const files = {
    configFile: join(root, 'ganesha.conf'),
    logFile: join(root, 'ganesha.log'),
    pidFile: join(root, 'ganesha.pid'),
  };
  const command = { executable, args: ganeshaArgs(files), outputFile: join(root, 'ganesha.out') };

  let rpcbind: Daemon | undefined;
  const killNow = (): void => {
    killGaneshaNowSync(files);
    killAllDaemonsNow();
    rmSync(root, { recursive: true, force: true });
  };
  // As in samba.ts: daemons in their own process groups survive a Ctrl-C or a killed runner
  // unless these handlers end them; prepended so that they run before vitest's process.exit().
  const onSignal = (signal: NodeJS.Signals): void => {
    killNow();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.prependOnceListener('exit', killNow);
  for (const signal of EXIT_SIGNALS) process.prependOnceListener(signal, onSignal);
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killNow);
    for (const signal of EXIT_SIGNALS) process.removeListener(signal, onSignal);
    await stopGaneshaByPidFile(files);
    await rpcbind?.stop();
    await rm(root, { recursive: true, force: true });
  };

  try {
    rpcbind = await ensureRpcbind(root, log);
    let ports = await choosePorts(host, options, log);
    for (let attempt = 1; ; attempt++) {
      const config = ganeshaConfig({ host, ...ports, hostPath, exportPath, recoveryRoot, leaseSeconds, graceSeconds, pluginsDir });
      await writeFile(files.configFile, config);
      try {
        await launchGanesha(
          { host, port: ports.port, exportPath, logFile: files.logFile, command },
          options.startTimeoutMs ?? 30_000,
        );
        break;
      } catch (e) {
        if (!(e instanceof GaneshaStartError && e.portConflict) || attempt >= PORT_ATTEMPTS) throw e;
        const next = await ephemeralPorts(host);
        log(`netfs: Ganesha: a port of ${JSON.stringify(ports)} was taken meanwhile, trying ${JSON.stringify(next)}`);
        ports = next;
      }
    }
    log(`netfs: ${version} on ${host}:${ports.port} (mount ${ports.mountPort}), export ${exportPath} = ${hostPath}, ready in ${Date.now() - began} ms`);
    return {
      stop,
      info: {
        host,
        port: ports.port,
        mountPort: ports.mountPort,
        nfsV3Port: ports.port,
        nlmPort: ports.nlmPort,
        exportPath,
        hostPath,
        leaseSeconds,
        graceSeconds,
        version,
        root,
        ...files,
        command,
      },
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
