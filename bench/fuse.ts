// `npm run bench -- fuse`: a netfs FUSE mount against smbnetfs (Debian's libsmbclient FUSE file
// system) and the local disk, on the same Samba in one run: a large file written and read back,
// a tree of small files unpacked and packed again.
import { cpus, loadavg, release } from 'node:os';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findExecutable, run, runChecked } from '../test/servers/exec.js';
import { ensureServersInstalled } from '../test/servers/install.js';
import { startSamba, type SambaServers } from '../test/servers/samba.js';
import type { SambaInfo } from '../test/servers/samba-types.js';
import { shareUrl } from '../test/servers/urls.js';
import { writeSourceFile } from './lib/files.js';
import { Lifecycle } from './lib/lifecycle.js';
import { OPTIONS_USAGE, optionsUnlessHelp } from './lib/options.js';
import { logProgress, printReport } from './lib/output.js';
import { fmt, mbPerSec } from './lib/stats.js';
import { buildTree, type TreeSpec } from './lib/tree.js';
import { MountSet, type BenchMount } from './fuse-mounts.js';
import { buildReport, LOCAL, NETFS, renderReport, SMBNETFS, type Environment, type LegInfo } from './fuse-report.js';
import { newSessionOn } from './fuse-sessions.js';
import { FUSE_OPS, measure, prepareLeg, TREE_OPS, type FuseOp, type Leg, type Workload } from './fuse-workload.js';
import type { SessionProtection } from './smb-protection.js';

/** Set to a directory: the netfs mount process runs with node --cpu-prof and writes its profile there at unmount. */
const CPU_PROF_ENV = 'NETFS_BENCH_CPU_PROF';

const TREE: TreeSpec = { files: 5000, dirs: 10, minBytes: 1024, maxBytes: 4096 };

/** smbnetfs with the FUSE options that let the kernel send it 128 KiB writes instead of 4 KiB ones (libfuse 2 leaves them off). */
const SMBNETFS_BIG_WRITES = 'smbnetfs+bw';
const BIG_WRITES_OPTIONS = ['big_writes', 'max_write=131072'];

const NOTES = [
  'smbnetfs has no fsync handler (FUSE answers ENOSYS, which the kernel takes as success): its conv=fsync flushes nothing on the server; netfs sends SMB2 FLUSH, and Samba (strict sync) fsyncs the file to disk.',
  'smbnetfs writes each request synchronously; netfs answers a write once the bytes are copied and sends them 1 MiB at a time (write-behind), draining at close and fsync.',
  'on one host, drop_caches empties the server\'s page cache too: read includes Samba reading the disk, read-warm does not.',
];

const USAGE = `usage: npm run bench -- fuse [options]

Starts its own Samba (test/servers) and mounts its share 'share' three times: with netfs
(node --import tsx src/cli/main.ts mount URL MP, default options), with smbnetfs as Debian
ships it (libsmbclient, SMB3; the kernel then writes to it in 4 KiB requests), and with
smbnetfs -o ${BIG_WRITES_OPTIONS.join(',')} ('${SMBNETFS_BIG_WRITES}': 128 KiB writes; the large file only).
Then, through each mount and on the local disk: dd writes a file of random bytes (conv=fsync)
and reads it back after dropping the page cache (read), and again with the server's copy
in its page cache (read-warm: the mounts only); tar unpacks an archive of ${TREE.files} files of
${TREE.minBytes}-${TREE.maxBytes} bytes and packs the unpacked tree again (after dropping the cache).
One untimed warm-up round, then --runs rounds with the legs in rotating order; medians are
reported, with netfs's rate over each other leg's and the issue's targets (read >= 1x and
write >= 4x smbnetfs's). Every file operation is a child process. A write whose file on the
server's disk, or a read whose bytes, differ from the source fails the benchmark. Needs root.

${OPTIONS_USAGE}

environment:
  ${CPU_PROF_ENV}=DIR   run the netfs mount process with node --cpu-prof; its profile lands in DIR
                         (read it with node --import tsx bench/cpuprofile-top.ts FILE)`;

/** smbnetfs is the one program of install.sh the test servers do not check for. */
async function ensureSmbnetfs(log: (message: string) => void): Promise<void> {
  if (findExecutable('smbnetfs') !== undefined) return;
  log('bench: smbnetfs missing: running test/servers/install.sh');
  await runChecked('bash', [fileURLToPath(new URL('../test/servers/install.sh', import.meta.url))], { timeoutMs: 15 * 60_000 });
}

async function packageVersion(name: string): Promise<string> {
  const r = await run('dpkg-query', ['-W', '-f=${Version}', name]);
  return r.code === 0 && r.stdout.trim() !== '' ? r.stdout.trim() : 'unknown';
}

async function environment(info: SambaInfo, loadBefore: number[]): Promise<Environment> {
  const cpu = cpus();
  return {
    node: process.version,
    samba: `Samba ${info.version.replace(/^Version /, '')}`,
    smbnetfs: `${await packageVersion('smbnetfs')} (libsmbclient ${await packageVersion('libsmbclient')})`,
    kernel: release(),
    cpus: `${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}`,
    loadBefore,
    loadAfter: loadavg(),
  };
}

/** The legs' order in round i: rotated by i, so no leg always goes first. */
function rotated<T>(items: readonly T[], i: number): T[] {
  const k = i % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

interface Mounted {
  readonly legs: Leg[];
  readonly info: LegInfo[];
}

/** Mounts the three FUSE legs one after the other, each one's SMB session read from smbstatus as it comes. */
async function mountLegs(w: Workload, samba: SambaInfo, mounts: MountSet, home: string, log: (m: string) => void): Promise<Mounted> {
  const share = samba.shares.plain;
  const configFile = samba.instances.main.configFile;
  const known = new Set<string>();
  const legs: Leg[] = [];
  const info: LegInfo[] = [];
  const add = async (m: BenchMount, ops: readonly FuseOp[]): Promise<SessionProtection> => {
    const dirName = `bench-${m.label.replace(/[^\w-]/g, '-')}`;
    const leg: Leg = { name: m.label, dir: join(m.shareDir, dirName), hostDir: join(share.path, dirName), ops: new Set(ops) };
    await prepareLeg(w, leg);
    const session = await newSessionOn(configFile, share.name, known);
    known.add(session.sessionId);
    legs.push(leg);
    info.push({ name: m.label, how: m.command, ops: [...ops], session });
    return session;
  };
  const shownUrl = `smb://${samba.user}@${samba.host}:${samba.port}/${share.name}`;
  const cpuProf = process.env[CPU_PROF_ENV];
  if (cpuProf) await mkdir(cpuProf, { recursive: true });
  const netfs = await add(await mounts.netfs(NETFS, shareUrl(samba, share.name, samba.port), shownUrl, w.signal, cpuProf || undefined), FUSE_OPS);
  const smbnetfs = await add(await mounts.smbnetfs(SMBNETFS, samba, share.name, [], home, w.signal), FUSE_OPS);
  const bigWrites = await add(await mounts.smbnetfs(SMBNETFS_BIG_WRITES, samba, share.name, BIG_WRITES_OPTIONS, home, w.signal), ['write', 'read', 'read-warm']);
  for (const [name, s] of [[SMBNETFS, smbnetfs], [SMBNETFS_BIG_WRITES, bigWrites]] as const) {
    if (s.dialect !== netfs.dialect) log(`bench: WARNING: the dialects differ (netfs ${netfs.dialect}, ${name} ${s.dialect})`);
  }
  return { legs, info };
}

/** One round: every op, each leg measured on it in this round's order; the seconds go into samples unless it is the warm-up. */
async function round(w: Workload, legs: readonly Leg[], index: number, label: string, samples: Record<string, Partial<Record<FuseOp, number[]>>> | undefined, log: (m: string) => void): Promise<void> {
  for (const op of FUSE_OPS) {
    for (const leg of rotated(legs, index)) {
      if (!leg.ops.has(op)) continue;
      const seconds = await measure(w, leg, op, label);
      if (samples) (samples[leg.name][op] ??= []).push(seconds);
      const bytes = TREE_OPS.has(op) ? w.tree.dataBytes : w.bytes;
      log(`bench: ${label.padEnd(5)} ${op.padEnd(9)} ${leg.name.padEnd(11)} ${fmt(seconds, 3).padStart(8)} s ${fmt(mbPerSec(bytes, seconds)).padStart(8)} MB/s${samples ? '' : ' (warm-up, not counted)'}`);
    }
  }
}

export async function main(argv: readonly string[]): Promise<void> {
  const opts = optionsUnlessHelp(argv, USAGE);
  if (!opts) return;
  if (process.getuid?.() !== 0) throw new Error('the fuse benchmark needs root (Samba, drop_caches, FUSE mounts)');
  const life = new Lifecycle(logProgress);
  const mounts = new MountSet(logProgress);
  let samba: SambaServers | undefined;
  try {
    await ensureServersInstalled(logProgress);
    await ensureSmbnetfs(logProgress);
    const { tmp, bytes, source, sourceSha } = await writeSourceFile(life, 'netfs-bench-fuse-', opts.sizeMiB, logProgress);
    logProgress(`bench: building a tree of ${TREE.files} files and its archive`);
    await mkdir(join(tmp, 'tree-source'));
    const tree = await buildTree(TREE, join(tmp, 'tree-source'), 'tree', join(tmp, 'tree.tar'), life.signal);
    const scratch = join(tmp, 'scratch');
    await mkdir(scratch);
    const w: Workload = { source, sourceSha, bytes, tree, scratch, signal: life.signal };
    samba = await startSamba({ log: logProgress });
    life.signal.throwIfAborted();
    const mounted = await mountLegs(w, samba.info, mounts, join(tmp, 'smbnetfs-home'), logProgress);
    // read-warm is the read with only the client side cold: on the local disk, client and server are one.
    const localOps = FUSE_OPS.filter((op) => op !== 'read-warm');
    const local: Leg = { name: LOCAL, dir: join(tmp, 'local'), hostDir: join(tmp, 'local'), ops: new Set(localOps) };
    await prepareLeg(w, local);
    const legs = [...mounted.legs, local];
    const legInfo: LegInfo[] = [...mounted.info, { name: LOCAL, how: `${local.dir} (the disk the share's directory is on)`, ops: localOps }];

    const loadBefore = loadavg();
    const samples: Record<string, Partial<Record<FuseOp, number[]>>> = Object.fromEntries(legs.map((l) => [l.name, {}]));
    await round(w, legs, 0, 'warm', undefined, logProgress);
    for (let r = 1; r <= opts.runs; r++) await round(w, legs, r, `r${r}`, samples, logProgress);
    const env = await environment(samba.info, loadBefore);
    await mounts.unmountAll();
    if (process.env[CPU_PROF_ENV]) logProgress(`bench: the netfs mount's CPU profile is in ${process.env[CPU_PROF_ENV]}`);

    const report = buildReport({
      environment: env,
      sizeMiB: opts.sizeMiB,
      bytes,
      tree: { ...TREE, dataBytes: tree.dataBytes, archiveBytes: (await stat(tree.archive)).size },
      runs: opts.runs,
      legs: legInfo,
      notes: NOTES,
      samples,
    });
    const text = renderReport(report) + '\n';
    printReport(text, opts.json, report);
  } catch (e) {
    throw life.explain(e);
  } finally {
    await mounts.unmountAll();
    await samba?.stop().catch((e: unknown) => logProgress(`bench: stopping Samba: ${e instanceof Error ? e.message : String(e)}`));
    await life.dispose();
  }
}
