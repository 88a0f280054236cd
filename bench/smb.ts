// `npm run bench -- smb`: netfs against Samba's smbclient, side by side on the same servers
// (a plain share and an encrypted one), 256 MiB written and read back by each, sha256 checked.
import { cpus } from 'node:os';
import { join } from 'node:path';
import { connect } from '../src/connect.js';
import type { FileSystem } from '../src/vfs/types.js';
import { requireExecutable, runChecked } from '../test/servers/exec.js';
import { ensureServersInstalled } from '../test/servers/install.js';
import { startSamba, type SambaServers } from '../test/servers/samba.js';
import type { SambaInfo } from '../test/servers/samba-types.js';
import { shareUrl } from '../test/servers/urls.js';
import { settle } from './lib/caches.js';
import { bundleCli } from './lib/cli-bundle.js';
import { verifySha256, writeSourceFile } from './lib/files.js';
import { Lifecycle } from './lib/lifecycle.js';
import { OPTIONS_USAGE, optionsUnlessHelp, type BenchOptions } from './lib/options.js';
import { logProgress, printReport } from './lib/output.js';
import { fmt, mbPerSec, secondsSince } from './lib/stats.js';
import { NetfsCliRunner, NetfsLibraryRunner, removeIfPresent, remoteFile, SmbclientRunner, smbclientTarget, type Measurement, type Op, type ShareUnderTest, type Transfers } from './smb-clients.js';
import { buildReport, renderReport, type OpSamples, type ShareResult } from './smb-report.js';
import { describeProtection, onlySessionOn, smbclientProtection, type SessionProtection } from './smb-protection.js';

const USAGE = `usage: npm run bench -- smb [options]

Starts its own Samba (test/servers), writes a file of random bytes to the plain share
'share' and the encrypted share 'enc' and reads it back, with netfs (library: only the
transfer timed; CLI: once, end to end) and with smbclient -m SMB3_11 (the whole process
timed, and its fixed cost, smbclient -c ls, measured to subtract). After one untimed warm-up
round, each measurement runs --runs times, clients alternating; medians are reported. Any read-back or server-side file
whose sha256 differs from the source fails the benchmark.

${OPTIONS_USAGE}`;

type Client = 'netfs' | 'smbclient';

const OPS: readonly Op[] = ['write', 'read'];

/** What every share's measurements share. */
interface Context {
  readonly opts: BenchOptions;
  readonly bytes: number;
  readonly info: SambaInfo;
  readonly tmp: string;
  readonly source: string;
  readonly sourceSha: string;
  readonly cli: string;
  readonly signal: AbortSignal;
  readonly log: (message: string) => void;
}

/** Each client's file on the share, so neither reads what the other wrote. */
const REMOTE_NAME: Record<Client | 'cli', string> = {
  netfs: 'bench-netfs.bin',
  smbclient: 'bench-smbclient.bin',
  cli: 'bench-netfs-cli.bin',
};

export async function main(argv: readonly string[]): Promise<void> {
  const opts = optionsUnlessHelp(argv, USAGE);
  if (!opts) return;
  const life = new Lifecycle(logProgress);
  let samba: SambaServers | undefined;
  try {
    await ensureServersInstalled(logProgress);
    const { tmp, bytes, source, sourceSha } = await writeSourceFile(life, 'netfs-bench-', opts.sizeMiB, logProgress);
    const cli = await bundleCli(tmp);
    samba = await startSamba({ log: logProgress });
    life.signal.throwIfAborted();
    const ctx: Context = { opts, bytes, info: samba.info, tmp, source, sourceSha, cli, signal: life.signal, log: logProgress };
    const shares: ShareResult[] = [];
    for (const encrypted of [false, true]) shares.push(await benchShare(ctx, encrypted));
    const report = buildReport({ environment: await environment(samba.info), sizeMiB: opts.sizeMiB, bytes, runs: opts.runs, shares });
    const text = renderReport(report) + '\n';
    printReport(text, opts.json, report);
  } catch (e) {
    throw life.explain(e);
  } finally {
    await samba?.stop().catch((e: unknown) => logProgress(`bench: stopping Samba: ${e instanceof Error ? e.message : String(e)}`));
    await life.dispose();
  }
}

async function environment(info: SambaInfo): Promise<{ node: string; samba: string; smbclient: string; cpus: string }> {
  const smbclient = (await runChecked(requireExecutable('smbclient', 'run test/servers/install.sh'), ['--version'])).stdout.trim();
  const cpu = cpus();
  return { node: process.version, samba: `Samba ${info.version}`, smbclient: smbclient.replace(/^Version /, ''), cpus: `${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}` };
}

/** Both clients' sessions as the server sees them; fails when they are not what the share is meant to measure. */
async function protections(ctx: Context, t: ShareUnderTest): Promise<{ netfs: SessionProtection; smbclient: SessionProtection }> {
  const configFile = ctx.info.instances.main.configFile;
  const netfs = await onlySessionOn(configFile, t.share.name);
  const smbclient = await smbclientProtection(configFile, smbclientTarget(t), new Set([netfs.sessionId]), ctx.signal);
  for (const [who, p] of [['netfs', netfs], ['smbclient', smbclient]] as const) {
    const encrypting = p.encryption.degree === 'full';
    if (encrypting !== t.encrypted) {
      throw new Error(`${who} on '${t.share.name}': encryption ${describeProtection(p.encryption)}, expected ${t.encrypted ? 'full' : 'none'}`);
    }
    ctx.log(`bench: ${t.share.name}: ${who} ${p.dialect}, signing ${describeProtection(p.signing)}, encryption ${describeProtection(p.encryption)}`);
  }
  if (netfs.dialect !== smbclient.dialect) ctx.log(`bench: WARNING: the dialects differ (netfs ${netfs.dialect}, smbclient ${smbclient.dialect})`);
  return { netfs, smbclient };
}

async function benchShare(ctx: Context, encrypted: boolean): Promise<ShareResult> {
  const t: ShareUnderTest = { info: ctx.info, share: encrypted ? ctx.info.shares.encrypted : ctx.info.shares.plain, encrypted };
  ctx.log(`bench: share '${t.share.name}'`);
  const connectStart = performance.now();
  const fs = await connect(shareUrl(ctx.info, t.share.name, ctx.info.port), { signal: ctx.signal });
  const netfsConnectSeconds = secondsSince(connectStart);
  try {
    const protection = await protections(ctx, t);
    const measured = await measureRuns(ctx, t, fs);
    const cli = await measureCli(ctx, t);
    return { share: t.share.name, encrypted, protection, netfsConnectSeconds, ...measured, cli };
  } finally {
    await fs.close().catch(() => undefined);
    for (const name of Object.values(REMOTE_NAME)) await removeIfPresent(remoteFile(t, name).hostPath);
  }
}

/**
 * One untimed round of every op by both clients (checked like the others): the JIT warms up,
 * and the page cache (server side and local) holds pages already backed by memory before the
 * first timed transfer; on a VM, the first touch of fresh memory otherwise costs whoever runs first.
 */
async function warmUp(ctx: Context, t: ShareUnderTest, runners: Record<Client, Transfers>): Promise<void> {
  for (const op of OPS) {
    for (const client of ['netfs', 'smbclient'] as const) {
      const m = await measureOne(ctx, t, client, op, runners[client]);
      ctx.log(`bench: ${t.share.name} warm-up ${op} ${client.padEnd(9)} ${fmt(m.seconds, 3)} s (not counted)`);
    }
  }
}

/** --runs rounds; in each, every op by both clients, the one going first alternating between rounds. */
async function measureRuns(ctx: Context, t: ShareUnderTest, fs: FileSystem): Promise<Pick<ShareResult, 'ops' | 'smbclientLsSeconds'>> {
  const smbclient = new SmbclientRunner(t, ctx.bytes);
  const runners: Record<Client, Transfers> = { netfs: new NetfsLibraryRunner(fs, ctx.bytes), smbclient };
  await warmUp(ctx, t, runners);
  const ops: Record<Op, OpSamples> = {
    write: { netfsSeconds: [], netfsRss: [], smbclientSeconds: [] },
    read: { netfsSeconds: [], netfsRss: [], smbclientSeconds: [] },
  };
  const smbclientLsSeconds: number[] = [];
  for (let run = 0; run < ctx.opts.runs; run++) {
    const order: Client[] = run % 2 === 0 ? ['netfs', 'smbclient'] : ['smbclient', 'netfs'];
    await settle(ctx.signal);
    const ls = await smbclient.ls(ctx.signal);
    smbclientLsSeconds.push(ls.seconds);
    ctx.log(`bench: ${t.share.name} run ${run + 1}/${ctx.opts.runs} smbclient ls ${fmt(ls.seconds, 3)} s`);
    for (const op of OPS) {
      for (const client of order) {
        const m = await measureOne(ctx, t, client, op, runners[client]);
        const samples = ops[op];
        if (client === 'netfs') {
          samples.netfsSeconds.push(m.seconds);
          if (m.rss) samples.netfsRss.push(m.rss);
        } else samples.smbclientSeconds.push(m.seconds);
        ctx.log(`bench: ${t.share.name} run ${run + 1}/${ctx.opts.runs} ${op} ${client.padEnd(9)} ${fmt(m.seconds, 3)} s  ${fmt(mbPerSec(ctx.bytes, m.seconds))} MB/s`);
      }
    }
  }
  return { ops, smbclientLsSeconds };
}

/**
 * One timed write (the source to the client's file on the share, created anew) or read
 * (that file to a fresh local file), then the sha256 of what landed: on the server's disk
 * after a write, locally after a read.
 *
 * Before the clock starts, the client's previous file is removed and everything is synced,
 * so the timed transfer pays neither for writing back an earlier transfer's pages nor for
 * discarding the removed file's blocks (the root file system here is mounted with `discard`).
 * Left to happen during the next transfer, these made whichever client ran at a given
 * position 2-3x slower: enc reads alternated 0.27/0.93 s for smbclient and 1.1/0.5 s for
 * netfs with the order of the clients.
 */
async function measureOne(ctx: Context, t: ShareUnderTest, who: Client | 'cli', op: Op, io: Transfers): Promise<Measurement> {
  const remote = remoteFile(t, REMOTE_NAME[who]);
  const local = join(ctx.tmp, `read-${who}.bin`);
  await removeIfPresent(op === 'write' ? remote.hostPath : local);
  await settle(ctx.signal);
  if (op === 'write') {
    const m = await io.put(ctx.source, remote.name, ctx.signal);
    await verifySha256(remote.hostPath, ctx.sourceSha, `${who} write to '${t.share.name}'`, ctx.signal);
    return m;
  }
  const m = await io.get(remote.name, local, ctx.signal);
  await verifySha256(local, ctx.sourceSha, `${who} read from '${t.share.name}'`, ctx.signal);
  return m;
}

/** The `netfs` command once, end to end: ls (its fixed cost), put, get. */
async function measureCli(ctx: Context, t: ShareUnderTest): Promise<ShareResult['cli']> {
  const cli = new NetfsCliRunner(ctx.cli, t, ctx.bytes);
  await settle(ctx.signal);
  const ls = await cli.ls(ctx.signal);
  const write = await measureOne(ctx, t, 'cli', 'write', cli);
  const read = await measureOne(ctx, t, 'cli', 'read', cli);
  ctx.log(`bench: ${t.share.name} netfs CLI: ls ${fmt(ls.seconds, 3)} s, put ${fmt(write.seconds, 3)} s, get ${fmt(read.seconds, 3)} s`);
  return { lsSeconds: ls.seconds, writeSeconds: write.seconds, readSeconds: read.seconds };
}
