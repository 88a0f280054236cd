// The FUSE mounts of the fuse benchmark, each served by a child process of its own: a netfs
// mount (`node --import tsx src/cli/main.ts mount URL MP`, in the foreground) and smbnetfs
// (`smbnetfs MP -f`, HOME pointing at a directory with its configuration). This process only
// starts, watches and unmounts them; it never touches a file through them itself.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rmdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fusermount, mountAt } from '../src/fuse/index.js';
import { requireExecutable } from '../test/servers/exec.js';
import type { SambaInfo } from '../test/servers/samba-types.js';
import { timedRunChecked } from './lib/proc.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CLI_MAIN = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
/** tsx's loader as a file URL, so `--import` does not depend on the child's working directory. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** How long a mount may take to show in /proc/self/mountinfo. */
const MOUNT_TIMEOUT_MS = 30_000;
/** How long a mount process may take to end once its mount is gone. */
const EXIT_TIMEOUT_MS = 15_000;
const POLL_MS = 50;
/** The tail of a mount process's output kept for error messages. */
const OUTPUT_KEEP = 16 * 1024;

export interface BenchMount {
  /** 'netfs', 'smbnetfs', ...: the leg it serves. */
  readonly label: string;
  readonly mountpoint: string;
  /** fuse.netfs, fuse.smbnetfs. */
  readonly fstype: string;
  /** The share's root as seen through the mount. */
  readonly shareDir: string;
  /** The command line that serves it (no password). */
  readonly command: string;
  /** What the mount process printed so far (its last 16 KiB). */
  output(): string;
}

interface Live extends BenchMount {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
}

/** Keeps the tail of a child's stdout and stderr, and resolves `exited` when it has ended. */
function watchChild(child: ChildProcess): { output: () => string; exited: Promise<void> } {
  let text = '';
  const keep = (b: Buffer): void => {
    text = (text + b.toString('utf8')).slice(-OUTPUT_KEEP);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once('close', () => resolve());
    child.once('error', (e) => {
      text += `\n(cannot run it: ${e.message})`;
      resolve();
    });
  });
  return { output: () => text, exited };
}

function quote(s: string): string {
  if (s.includes('"')) throw new Error(`smbnetfs.conf cannot quote a value holding '"': ${s}`);
  return `"${s}"`;
}

/**
 * The mounts of one benchmark run, under one directory of mount points of their own (never a
 * Lifecycle temp dir: a recursive removal must not descend into a mount that is still up).
 * unmountAll() unmounts and removes them; if this process exits first, an 'exit' handler
 * detaches what is still mounted and kills the mount processes.
 */
export class MountSet {
  private readonly live = new Map<string, Live>();
  private root: string | undefined;

  constructor(private readonly log: (message: string) => void) {
    process.on('exit', this.detachNow);
  }

  /** A new, empty mount point. */
  private async mountpoint(label: string): Promise<string> {
    this.root ??= await mkdtemp(join(tmpdir(), 'netfs-bench-mnt-'));
    const mp = join(this.root, label.replace(/[^\w.-]/g, '_'));
    await mkdir(mp);
    return mp;
  }

  /** `netfs mount URL MP` in the foreground; cpuProfDir: run node with --cpu-prof, profiles written there at exit. */
  async netfs(label: string, url: string, shownUrl: string, signal: AbortSignal, cpuProfDir?: string): Promise<BenchMount> {
    const mp = await this.mountpoint(label);
    const prof = cpuProfDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`];
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('NETFS_')) env[k] = v;
    const child = spawn(process.execPath, [...prof, '--import', TSX_LOADER, CLI_MAIN, 'mount', url, mp], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const command = `node ${prof.join(' ')}${prof.length ? ' ' : ''}--import tsx src/cli/main.ts mount ${shownUrl} ${mp}`;
    return this.started({ label, mountpoint: mp, fstype: 'fuse.netfs', shareDir: mp, command, child, ...watchChild(child) }, signal);
  }

  /**
   * smbnetfs MP -f [-o fuseOptions], with HOME at a directory holding .smb/smb.conf (read by
   * libsmbclient) and .smb/smbnetfs.conf (the credentials; smbnetfs ignores an `auth` line
   * in a file others can read). smbnetfs shows the whole network (MP/HOST/SHARE); libsmbclient
   * connects to 445 then 139 whatever `smb ports` says, but takes a port in the host name
   * of its URL, and smbnetfs puts the path's host component there: MP/HOST:PORT/SHARE.
   */
  async smbnetfs(label: string, info: SambaInfo, share: string, fuseOptions: readonly string[], home: string, signal: AbortSignal): Promise<BenchMount> {
    const bin = requireExecutable('smbnetfs', 'run test/servers/install.sh (Debian package smbnetfs)');
    const mp = await this.mountpoint(label);
    const smbDir = join(home, '.smb');
    await mkdir(smbDir, { recursive: true, mode: 0o700 });
    await writeFile(join(smbDir, 'smb.conf'), '[global]\n  client min protocol = SMB2\n  client max protocol = SMB3\n');
    const conf = join(smbDir, 'smbnetfs.conf');
    await writeFile(
      conf,
      [
        `auth ${quote(`${info.domain}/${info.user}`)} ${quote(info.password)}`,
        'show_$_shares "true"',
        // No browsing of the network (NetBIOS broadcasts) and no desktop keyring: the host is named in the path.
        'smb_query_browsers "false"',
        'use_libsecret "false"',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    await chmod(conf, 0o600);
    const args = [mp, '-f', ...(fuseOptions.length ? ['-o', fuseOptions.join(',')] : [])];
    const child = spawn(bin, args, { env: { ...process.env, HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    const shareDir = join(mp, `${info.host}:${info.port}`, share);
    const command = `HOME=${home} smbnetfs ${args.join(' ')}  (share at ${shareDir})`;
    return this.started({ label, mountpoint: mp, fstype: 'fuse.smbnetfs', shareDir, command, child, ...watchChild(child) }, signal);
  }

  /** Waits until the mount shows in /proc/self/mountinfo, then lists the share through it (a child `ls`). */
  private async started(m: Live, signal: AbortSignal): Promise<BenchMount> {
    this.live.set(m.mountpoint, m);
    let ended = false;
    void m.exited.then(() => (ended = true));
    const deadline = performance.now() + MOUNT_TIMEOUT_MS;
    for (;;) {
      signal.throwIfAborted();
      if ((await mountAt(m.mountpoint))?.fstype === m.fstype) break;
      if (ended) throw new Error(`${m.label}: the mount process ended before mounting (${m.command}):\n${m.output().trim()}`);
      if (performance.now() > deadline) throw new Error(`${m.label}: not mounted after ${MOUNT_TIMEOUT_MS / 1000} s (${m.command}):\n${m.output().trim()}`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    try {
      await timedRunChecked('ls', [m.shareDir], { signal, timeoutMs: 60_000 });
    } catch (e) {
      throw new Error(`${m.label}: mounted, but the share cannot be listed: ${e instanceof Error ? e.message : String(e)}\n${m.output().trim()}`);
    }
    this.log(`bench: ${m.label} mounted: ${m.command}`);
    return m;
  }

  /** fusermount -u (-uz when busy), then waits for the mount process to end (SIGKILL after 15 s). */
  private async unmount(m: Live): Promise<void> {
    const there = await mountAt(m.mountpoint);
    if (there?.fstype === m.fstype) {
      const err = await fusermount(['-u', m.mountpoint]);
      if (err !== undefined) {
        this.log(`bench: ${m.label}: fusermount -u: ${err}; detaching it (-uz)`);
        const lazy = await fusermount(['-uz', m.mountpoint]);
        if (lazy !== undefined) this.log(`bench: ${m.label}: fusermount -uz: ${lazy}`);
      }
    }
    const timer = setTimeout(() => {
      this.log(`bench: ${m.label}: still running ${EXIT_TIMEOUT_MS / 1000} s after unmounting: killing it`);
      m.child.kill('SIGKILL');
    }, EXIT_TIMEOUT_MS);
    await m.exited;
    clearTimeout(timer);
    this.live.delete(m.mountpoint);
    if ((await mountAt(m.mountpoint)) === undefined) await rmdir(m.mountpoint).catch((e: unknown) => this.log(`bench: removing ${m.mountpoint}: ${String(e)}`));
  }

  /** Unmounts every mount (in parallel), removes the mount points, and drops the exit handler. */
  async unmountAll(): Promise<void> {
    await Promise.all([...this.live.values()].map((m) => this.unmount(m).catch((e: unknown) => this.log(`bench: unmounting ${m.label}: ${String(e)}`))));
    if (this.root !== undefined && this.live.size === 0) {
      await rmdir(this.root).catch((e: unknown) => this.log(`bench: removing ${this.root}: ${String(e)}`));
      this.root = undefined;
    }
    if (this.live.size === 0) process.off('exit', this.detachNow);
  }

  /** At exit with mounts still up: detach them and kill their processes (synchronously: nothing else runs now). */
  private readonly detachNow = (): void => {
    for (const m of this.live.values()) {
      spawnSync('fusermount', ['-uz', m.mountpoint], { stdio: 'ignore', timeout: 5_000 });
      m.child.kill('SIGKILL');
    }
  };
}
