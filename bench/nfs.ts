// `npm run bench -- nfs`: netfs's NFSv4 client against libnfs's nfs-cp, side by side on one
// nfs-ganesha of its own, a file of random bytes written and read back by each, sha256 checked.
import { cpus } from 'node:os';
import { join } from 'node:path';
import { connect } from '../src/connect.js';
import { FsError } from '../src/vfs/errors.js';
import type { FileSystem } from '../src/vfs/types.js';
import { requireExecutable, run } from '../test/servers/exec.js';
import { startGanesha, type GaneshaServer } from '../test/servers/ganesha.js';
import type { GaneshaInfo } from '../test/servers/ganesha-types.js';
import { libnfsV3Url, libnfsV4Url, nfsUrl } from '../test/servers/ganesha-urls.js';
import { settle } from './lib/caches.js';
import { verifySha256, writeSourceFile } from './lib/files.js';
import { Lifecycle } from './lib/lifecycle.js';
import { OPTIONS_USAGE, optionsUnlessHelp } from './lib/options.js';
import { logProgress, printReport } from './lib/output.js';
import { timedRunChecked } from './lib/proc.js';
import type { RssSample } from './lib/rss.js';
import { fmt, mbPerSec, median, mib, ratio, secondsSince } from './lib/stats.js';
import { renderTable } from './lib/table.js';
import { NetfsLibraryRunner, removeIfPresent, transferTimeoutMs, type Measurement, type Op, type Transfers } from './smb-clients.js';

const USAGE = `usage: npm run bench -- nfs [options]

Starts its own nfs-ganesha (test/servers, NFSv3 and NFSv4.0/4.1/4.2 on one export), writes a
file of random bytes to it and reads it back with netfs's library over NFSv4.1 and NFSv4.0
(only the transfer timed, one connection each) and with libnfs's nfs-cp (the whole process
timed; its fixed cost, nfs-ls of the export, measured to subtract). nfs-cp writes over NFSv3
(libnfs cannot write more than ~2 KB over NFSv4) and reads over NFSv4.0, and over NFSv3 for
reference. After one untimed warm-up round, each measurement runs --runs times, the order of
the clients rotating; medians are reported. A sha256 differing from the source's fails the run.

${OPTIONS_USAGE}`;

/** Below this netfs/nfs-cp ratio the issue's goal is missed. */
const GOAL_RATIO = 0.8;
const OPS: readonly Op[] = ['write', 'read'];

/** One measured client: what it is, how it moves the file, and which file on the export it uses. */
interface Contender {
  readonly name: string;
  /** The protocol each op goes over. */
  readonly protocol: Record<Op, string>;
  readonly kind: 'netfs' | 'nfs-cp';
  readonly io: Transfers;
  /** Its file in the export (nfs-cp's readers read what nfs-cp wrote). */
  readonly remote: string;
  /** Measures nothing for this op (the NFSv3 reader of nfs-cp writes no file of its own). */
  readonly skip?: Op;
}

/** nfs-cp from libnfs-utils: writes over NFSv3, reads over the given version. */
class NfsCpRunner implements Transfers {
  private readonly bin = requireExecutable('nfs-cp', 'run test/servers/install-nfs.sh (libnfs-utils)');

  constructor(
    private readonly info: GaneshaInfo,
    private readonly bytes: number,
    private readonly readVersion: 3 | 4,
  ) {}

  private async run(from: string, to: string, signal: AbortSignal): Promise<Measurement> {
    const r = await timedRunChecked(this.bin, [from, to], { signal, timeoutMs: transferTimeoutMs(this.bytes) });
    return { seconds: r.seconds };
  }

  put(local: string, remoteName: string, signal: AbortSignal): Promise<Measurement> {
    return this.run(local, libnfsV3Url(this.info, `/${remoteName}`), signal);
  }

  get(remoteName: string, local: string, signal: AbortSignal): Promise<Measurement> {
    const url = this.readVersion === 3 ? libnfsV3Url(this.info, `/${remoteName}`) : libnfsV4Url(this.info, `/${remoteName}`);
    return this.run(url, local, signal);
  }
}

interface Samples {
  seconds: number[];
  rss: RssSample[];
}

interface Context {
  readonly info: GaneshaInfo;
  readonly bytes: number;
  readonly tmp: string;
  readonly source: string;
  readonly sourceSha: string;
  readonly signal: AbortSignal;
  readonly log: (message: string) => void;
  /**
   * Removes a file of the export through NFS: removed on the host under Ganesha, a name stays
   * in its cache for a while (nfs-cp's exclusive CREATE then fails with NFS3ERR_EXIST).
   */
  readonly removeRemote: (name: string) => Promise<void>;
}

/** One timed transfer after the previous one's file is gone and all is synced; then the sha256 of what landed. */
async function measureOne(ctx: Context, c: Contender, op: Op): Promise<Measurement> {
  const hostPath = join(ctx.info.hostPath, c.remote);
  const local = join(ctx.tmp, `read-${c.name.replace(/\W+/g, '-')}.bin`);
  if (op === 'write') await ctx.removeRemote(c.remote);
  else await removeIfPresent(local);
  await settle(ctx.signal);
  if (op === 'write') {
    const m = await c.io.put(ctx.source, c.remote, ctx.signal);
    await verifySha256(hostPath, ctx.sourceSha, `${c.name} write`, ctx.signal);
    return m;
  }
  const m = await c.io.get(c.remote, local, ctx.signal);
  await verifySha256(local, ctx.sourceSha, `${c.name} read (${c.protocol.read})`, ctx.signal);
  return m;
}

/** The fixed cost of one nfs-cp: process start, mount (MOUNT or PUTROOTFH), one listing, exit. */
async function nfsLsSeconds(ctx: Context, version: 3 | 4): Promise<number> {
  const bin = requireExecutable('nfs-ls', 'run test/servers/install-nfs.sh (libnfs-utils)');
  const url = version === 3 ? libnfsV3Url(ctx.info) : libnfsV4Url(ctx.info);
  return (await timedRunChecked(bin, [url], { signal: ctx.signal, timeoutMs: 60_000 })).seconds;
}

type Results = Map<string, Record<Op, Samples>>;

async function measureAll(ctx: Context, contenders: readonly Contender[], runs: number): Promise<{ results: Results; fixed: Record<'v3' | 'v4', number[]> }> {
  const results: Results = new Map(contenders.map((c) => [c.name, { write: { seconds: [], rss: [] }, read: { seconds: [], rss: [] } }]));
  const fixed: Record<'v3' | 'v4', number[]> = { v3: [], v4: [] };
  for (let round = -1; round < runs; round++) {
    const warm = round < 0;
    const shift = warm ? 0 : round % contenders.length;
    // Each op keeps the writers before the readers of the same file; the order of clients rotates per round.
    const order = [...contenders.slice(shift), ...contenders.slice(0, shift)];
    if (!warm) {
      fixed.v3.push(await nfsLsSeconds(ctx, 3));
      fixed.v4.push(await nfsLsSeconds(ctx, 4));
    }
    for (const op of OPS) {
      for (const c of order) {
        if (c.skip === op) continue;
        const m = await measureOne(ctx, c, op);
        const label = warm ? 'warm-up' : `run ${round + 1}/${runs}`;
        ctx.log(`bench: nfs ${label} ${op} ${c.name.padEnd(14)} ${fmt(m.seconds, 3)} s  ${fmt(mbPerSec(ctx.bytes, m.seconds))} MB/s${warm ? ' (not counted)' : ''}`);
        if (warm) continue;
        const s = results.get(c.name)?.[op];
        s?.seconds.push(m.seconds);
        if (s && m.rss) s.rss.push(m.rss);
      }
    }
  }
  return { results, fixed };
}

interface Row {
  readonly op: Op;
  readonly client: string;
  readonly protocol: string;
  readonly medianSeconds: number;
  readonly mbps: number;
  /** nfs-cp: with its fixed cost (nfs-ls) taken off. */
  readonly mbpsMinusFixed: number;
  readonly peakRssMiB: number;
}

function summarise(ctx: Context, contenders: readonly Contender[], m: Awaited<ReturnType<typeof measureAll>>): Row[] {
  return OPS.flatMap((op) =>
    contenders.flatMap((c): Row[] => {
      const s = m.results.get(c.name)?.[op];
      if (!s || s.seconds.length === 0) return [];
      const secs = median(s.seconds);
      const fixed = c.kind === 'nfs-cp' ? median(c.protocol[op].startsWith('NFSv3') ? m.fixed.v3 : m.fixed.v4) : 0;
      return [
        {
          op,
          client: c.name,
          protocol: c.protocol[op],
          medianSeconds: secs,
          mbps: mbPerSec(ctx.bytes, secs),
          mbpsMinusFixed: mbPerSec(ctx.bytes, secs - fixed),
          peakRssMiB: s.rss.length ? mib(Math.max(...s.rss.map((r) => r.peak))) : Number.NaN,
        },
      ];
    }),
  );
}

const x = (v: number): string => `${fmt(v, 2)}x`;

function render(rows: readonly Row[], runs: number, sizeMiB: number, env: string, connectSeconds: string): string {
  const anchor = (op: Op): Row | undefined => rows.find((r) => r.op === op && r.client === 'nfs-cp');
  const table = renderTable(
    ['op', 'client', 'protocol', 'median s', 'MB/s', 'MB/s-fixed', 'vs nfs-cp', 'vs nfs-cp-fixed', 'peak RSS MiB'],
    rows.map((r) => {
      const a = anchor(r.op);
      const isNetfs = r.client.startsWith('netfs');
      return [
        r.op,
        r.client,
        r.protocol,
        fmt(r.medianSeconds, 3),
        fmt(r.mbps),
        isNetfs ? '' : fmt(r.mbpsMinusFixed),
        isNetfs && a ? x(ratio(r.mbps, a.mbps)) : '',
        isNetfs && a ? x(ratio(r.mbps, a.mbpsMinusFixed)) : '',
        isNetfs ? fmt(r.peakRssMiB) : '',
      ];
    }),
  );
  const slow = rows.filter((r) => {
    const a = anchor(r.op);
    return r.client.startsWith('netfs') && a !== undefined && ratio(r.mbps, a.mbps) < GOAL_RATIO;
  });
  return [
    `netfs vs nfs-cp: ${sizeMiB} MiB of random bytes, median of ${runs} run(s) after a warm-up, MB = 10^6 bytes; sha256 of every write and read-back checked`,
    env,
    `nfs-cp's anchor: writes over NFSv3, reads over NFSv4.0 (its NFSv3 read for reference); fixed cost = nfs-ls of the export, same version`,
    '',
    table,
    '',
    `netfs connect() (once per version, not in any time above): ${connectSeconds}`,
    ...(slow.length ? ['', `below ${GOAL_RATIO}x of nfs-cp: ${slow.map((r) => `${r.op} ${r.client}`).join(', ')}`] : []),
  ].join('\n');
}

async function environment(info: GaneshaInfo): Promise<string> {
  const pkg = await run('dpkg-query', ['-W', '-f=${Version}', 'libnfs-utils'], { timeoutMs: 10_000 });
  const cpu = cpus();
  const libnfs = pkg.code === 0 ? pkg.stdout.trim() : 'unknown version';
  return `${info.version}; nfs-cp from libnfs-utils ${libnfs}; node ${process.version}; ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}`;
}

export async function main(argv: readonly string[]): Promise<void> {
  const opts = optionsUnlessHelp(argv, USAGE);
  if (!opts) return;
  const life = new Lifecycle(logProgress);
  let server: GaneshaServer | undefined;
  const connections: FileSystem[] = [];
  try {
    const { tmp, bytes, source, sourceSha } = await writeSourceFile(life, 'netfs-bench-nfs-', opts.sizeMiB, logProgress);
    server = await startGanesha({ log: logProgress });
    life.signal.throwIfAborted();
    const info = server.info;
    const admin = await connect(nfsUrl(info), { signal: life.signal });
    connections.push(admin);
    const removeRemote = async (name: string): Promise<void> => {
      await admin.unlink(`/${name}`).catch((e: unknown) => (e instanceof FsError && e.code === 'ENOENT' ? undefined : Promise.reject(e)));
    };
    const ctx: Context = { info, bytes, tmp, source, sourceSha, signal: life.signal, log: logProgress, removeRemote };
    const connectTimes: string[] = [];
    const netfs = async (version: string): Promise<Transfers> => {
      const t0 = performance.now();
      const fs = await connect(nfsUrl(info, '', `version=${version}`), { signal: life.signal });
      connectTimes.push(`${version} ${fmt(secondsSince(t0), 3)} s`);
      connections.push(fs);
      return new NetfsLibraryRunner(fs, bytes);
    };
    const contenders: Contender[] = [
      { name: 'netfs 4.1', kind: 'netfs', protocol: { write: 'NFSv4.1', read: 'NFSv4.1' }, io: await netfs('4.1'), remote: 'bench-netfs-41.bin' },
      { name: 'netfs 4.0', kind: 'netfs', protocol: { write: 'NFSv4.0', read: 'NFSv4.0' }, io: await netfs('4.0'), remote: 'bench-netfs-40.bin' },
      { name: 'nfs-cp', kind: 'nfs-cp', protocol: { write: 'NFSv3', read: 'NFSv4.0' }, io: new NfsCpRunner(info, bytes, 4), remote: 'bench-nfs-cp.bin' },
      { name: 'nfs-cp (v3)', kind: 'nfs-cp', protocol: { write: 'NFSv3', read: 'NFSv3' }, io: new NfsCpRunner(info, bytes, 3), remote: 'bench-nfs-cp.bin', skip: 'write' },
    ];
    const measured = await measureAll(ctx, contenders, opts.runs);
    const rows = summarise(ctx, contenders, measured);
    const text = render(rows, opts.runs, opts.sizeMiB, await environment(info), connectTimes.join(', ')) + '\n';
    const raw = Object.fromEntries([...measured.results].map(([name, s]) => [name, { write: s.write.seconds, read: s.read.seconds }]));
    const report = { benchmark: 'nfs', date: new Date().toISOString(), sizeMiB: opts.sizeMiB, bytes, runs: opts.runs, mbUnitBytes: 1_000_000, rows, samples: raw, nfsLsSeconds: measured.fixed };
    printReport(text, opts.json, report);
  } catch (e) {
    throw life.explain(e);
  } finally {
    for (const fs of connections) await fs.close().catch(() => undefined);
    await server?.stop().catch((e: unknown) => logProgress(`bench: stopping Ganesha: ${e instanceof Error ? e.message : String(e)}`));
    await life.dispose();
  }
}
