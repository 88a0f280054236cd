// The measured operations: netfs through the library (only the transfer timed), netfs's CLI
// and smbclient (whole processes timed), each writing the source file to the share and
// reading it back to a local file.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { copy } from '../src/vfs/helpers/index.js';
import type { FileSystem } from '../src/vfs/types.js';
import type { SambaInfo, SambaShare } from '../test/servers/samba-types.js';
import { requireExecutable } from '../test/servers/exec.js';
import { smbclientArgs, type SmbclientTarget } from '../test/servers/smbclient.js';
import { shareUrl } from '../test/servers/urls.js';
import { timedRunChecked } from './lib/proc.js';
import { withRssSampling, type RssSample } from './lib/rss.js';

export type Op = 'write' | 'read';

/** One share under test, and where its files live on this host (for checking what was written). */
export interface ShareUnderTest {
  readonly info: SambaInfo;
  readonly share: SambaShare;
  readonly encrypted: boolean;
}

export interface Measurement {
  readonly seconds: number;
  /** netfs library only: this process's RSS while it ran. */
  readonly rss?: RssSample;
}

/** What each client does: the source to a file on the share, and that file back to a local one. */
export interface Transfers {
  put(local: string, remoteName: string, signal: AbortSignal): Promise<Measurement>;
  get(remoteName: string, local: string, signal: AbortSignal): Promise<Measurement>;
}

/** Where a client's copy of the file lives on the share (name) and on this host (hostPath). */
export function remoteFile(t: ShareUnderTest, name: string): { name: string; hostPath: string } {
  return { name, hostPath: join(t.share.path, name) };
}

/** smbclient as the brief gives it: SMB 3.1.1, and for `enc` --client-protection=encrypt, so an unencrypted session fails instead of being measured. */
export function smbclientTarget(t: ShareUnderTest): SmbclientTarget {
  return {
    host: t.info.host,
    port: t.info.port,
    share: t.share.name,
    user: t.info.user,
    password: t.info.password,
    domain: t.info.domain,
    maxProtocol: 'SMB3_11',
    ...(t.encrypted ? { protection: 'encrypt' as const } : {}),
  };
}

/** smbclient -c takes its own quoting: a path in double quotes may hold spaces, not quotes. */
function quoted(path: string): string {
  if (path.includes('"')) throw new Error(`smbclient cannot quote a path holding '"': ${path}`);
  return `"${path}"`;
}

/** Long enough for a slow machine (10 MB/s), short enough that a stalled run ends. */
export function transferTimeoutMs(bytes: number): number {
  return 120_000 + Math.ceil(bytes / 10e6) * 1000;
}

export class SmbclientRunner implements Transfers {
  private readonly bin = requireExecutable('smbclient', 'run test/servers/install.sh');
  private readonly args: string[];

  constructor(
    t: ShareUnderTest,
    private readonly bytes: number,
  ) {
    this.args = smbclientArgs(smbclientTarget(t));
  }

  private async run(commands: string, signal: AbortSignal): Promise<Measurement> {
    const r = await timedRunChecked(this.bin, [...this.args, '-c', commands], { signal, timeoutMs: transferTimeoutMs(this.bytes) });
    return { seconds: r.seconds };
  }

  /** The fixed cost of one smbclient: start, negotiate, authenticate, tree connect, one `ls`, exit. */
  ls(signal: AbortSignal): Promise<Measurement> {
    return this.run('ls', signal);
  }

  put(local: string, remoteName: string, signal: AbortSignal): Promise<Measurement> {
    return this.run(`put ${quoted(local)} ${quoted(remoteName)}`, signal);
  }

  get(remoteName: string, local: string, signal: AbortSignal): Promise<Measurement> {
    return this.run(`get ${quoted(remoteName)} ${quoted(local)}`, signal);
  }
}

/** netfs's library on one connection: only copy() is timed, with RSS sampled while it runs. */
export class NetfsLibraryRunner implements Transfers {
  constructor(
    private readonly fs: FileSystem,
    private readonly bytes: number,
  ) {}

  private async timed(work: () => Promise<number>): Promise<Measurement> {
    const start = performance.now();
    const { result, rss } = await withRssSampling(work);
    const seconds = (performance.now() - start) / 1000;
    if (result !== this.bytes) throw new Error(`netfs copy moved ${result} bytes, expected ${this.bytes}`);
    return { seconds, rss };
  }

  put(local: string, remoteName: string, signal: AbortSignal): Promise<Measurement> {
    return this.timed(() => copy(local, { fs: this.fs, path: `/${remoteName}` }, { signal }));
  }

  get(remoteName: string, local: string, signal: AbortSignal): Promise<Measurement> {
    return this.timed(() => copy({ fs: this.fs, path: `/${remoteName}` }, local, { signal }));
  }
}

/** The `netfs` command (bundled, run by plain node), timed around the process like smbclient. */
export class NetfsCliRunner implements Transfers {
  private readonly url: string;

  constructor(
    private readonly cli: string,
    t: ShareUnderTest,
    private readonly bytes: number,
  ) {
    this.url = shareUrl(t.info, t.share.name, t.info.port);
  }

  private async run(args: string[], signal: AbortSignal): Promise<Measurement> {
    const r = await timedRunChecked(process.execPath, [this.cli, ...args], { signal, timeoutMs: transferTimeoutMs(this.bytes) });
    return { seconds: r.seconds };
  }

  /** The CLI's fixed cost: node start, module load, connect, one `ls`, exit. */
  ls(signal: AbortSignal): Promise<Measurement> {
    return this.run(['ls', this.url], signal);
  }

  put(local: string, remoteName: string, signal: AbortSignal): Promise<Measurement> {
    return this.run(['put', local, `${this.url}/${encodeURIComponent(remoteName)}`], signal);
  }

  get(remoteName: string, local: string, signal: AbortSignal): Promise<Measurement> {
    return this.run(['get', `${this.url}/${encodeURIComponent(remoteName)}`, local], signal);
  }
}

/** Removes a file if present (before a write, so every client creates its file anew). */
export async function removeIfPresent(path: string): Promise<void> {
  await rm(path, { force: true });
}
