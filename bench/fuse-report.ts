// The fuse benchmark's results: raw samples, medians, rates, ratios, the targets; the table and the JSON.
import { fmt, mbPerSec, median, ratio } from './lib/stats.js';
import { renderTable } from './lib/table.js';
import type { TreeSpec } from './lib/tree.js';
import { FUSE_OPS, OP_DESCRIPTION, TREE_OPS, type FuseOp } from './fuse-workload.js';
import { describeProtection, type SessionProtection } from './smb-protection.js';

/** The leg every ratio is about, and the ones it is compared with. */
export const NETFS = 'netfs';
export const SMBNETFS = 'smbnetfs';
export const LOCAL = 'local';

/** Issue 3, "Done when": through the mount, read at least as fast as smbnetfs's (both reads here), write at least 4x. */
export const TARGETS: readonly { readonly op: FuseOp; readonly atLeast: number }[] = [
  { op: 'read', atLeast: 1 },
  { op: 'read-warm', atLeast: 1 },
  { op: 'write', atLeast: 4 },
];

export interface LegInfo {
  readonly name: string;
  /** How it is served (the command line), or what the directory is. */
  readonly how: string;
  readonly ops: FuseOp[];
  /** The mount's SMB session (absent for the local disk). */
  readonly session?: SessionProtection;
}

export interface Environment {
  readonly node: string;
  readonly samba: string;
  readonly smbnetfs: string;
  readonly kernel: string;
  readonly cpus: string;
  /** os.loadavg() when the measurements started and ended: other work on the machine skews every number. */
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
}

export interface Cell {
  readonly medianSeconds: number;
  /** MB/s (10^6 bytes) of file data: the 256 MiB file, or the tree's files' bytes. */
  readonly mbps: number;
  /** Tree ops only: files per second. */
  readonly filesPerSec?: number;
}

export interface OpRow {
  readonly op: FuseOp;
  /** By leg name; a leg not measured on this op is absent. */
  readonly legs: Record<string, Cell>;
  /** netfs's rate over each other leg's, by leg name. */
  readonly netfsOver: Record<string, number>;
}

export interface TargetResult {
  readonly op: FuseOp;
  readonly atLeast: number;
  readonly ratio: number;
  readonly met: boolean;
}

export interface FuseReport {
  readonly benchmark: 'fuse';
  readonly date: string;
  readonly environment: Environment;
  readonly sizeMiB: number;
  readonly bytes: number;
  readonly tree: TreeSpec & { readonly dataBytes: number; readonly archiveBytes: number };
  readonly runs: number;
  readonly mbUnitBytes: 1_000_000;
  readonly ops: Record<FuseOp, string>;
  readonly legs: LegInfo[];
  /** What a reader of the numbers should know about how the legs differ. */
  readonly notes: string[];
  /** Seconds of every counted run, by leg and op (the warm-up round is not in them). */
  readonly samples: Record<string, Partial<Record<FuseOp, number[]>>>;
  readonly summary: OpRow[];
  readonly targets: TargetResult[];
}

function cell(report: Omit<FuseReport, 'summary' | 'targets'>, op: FuseOp, seconds: readonly number[]): Cell {
  const m = median(seconds);
  if (!TREE_OPS.has(op)) return { medianSeconds: m, mbps: mbPerSec(report.bytes, m) };
  return { medianSeconds: m, mbps: mbPerSec(report.tree.dataBytes, m), filesPerSec: m > 0 ? report.tree.files / m : Number.NaN };
}

function row(report: Omit<FuseReport, 'summary' | 'targets'>, op: FuseOp): OpRow {
  const legs: Record<string, Cell> = {};
  for (const leg of report.legs) {
    const s = report.samples[leg.name]?.[op];
    if (s !== undefined && s.length > 0) legs[leg.name] = cell(report, op, s);
  }
  const netfsOver: Record<string, number> = {};
  const ours = legs[NETFS];
  for (const [name, c] of Object.entries(legs)) if (name !== NETFS && ours !== undefined) netfsOver[name] = ratio(ours.mbps, c.mbps);
  return { op, legs, netfsOver };
}

export function buildReport(init: Omit<FuseReport, 'benchmark' | 'date' | 'mbUnitBytes' | 'ops' | 'summary' | 'targets'>): FuseReport {
  const base = { benchmark: 'fuse' as const, date: new Date().toISOString(), mbUnitBytes: 1_000_000 as const, ops: OP_DESCRIPTION, ...init };
  const summary = FUSE_OPS.map((op) => row(base, op));
  const targets = TARGETS.map(({ op, atLeast }) => {
    const r = summary.find((s) => s.op === op)?.netfsOver[SMBNETFS] ?? Number.NaN;
    return { op, atLeast, ratio: r, met: r >= atLeast };
  });
  return { ...base, summary, targets };
}

const x = (v: number | undefined): string => (v === undefined ? '-' : `${fmt(v, 2)}x`);

function legLine(l: LegInfo): string {
  const s = l.session ? `; ${l.session.dialect}, signing ${describeProtection(l.session.signing)}, encryption ${describeProtection(l.session.encryption)}` : '';
  return `  ${l.name.padEnd(12)} ${l.how} [${l.ops.join(', ')}]${s}`;
}

/** The human-readable report. */
export function renderReport(rep: FuseReport): string {
  const names = rep.legs.map((l) => l.name);
  const others = names.filter((n) => n !== NETFS);
  const rates = renderTable(
    ['op', ...names.map((n) => `${n} MB/s`), ...others.map((n) => `netfs/${n}`)],
    rep.summary.map((r) => [r.op, ...names.map((n) => (r.legs[n] ? fmt(r.legs[n].mbps) : '-')), ...others.map((n) => x(r.netfsOver[n]))]),
  );
  const seconds = renderTable(
    ['op', ...names.map((n) => `${n} s`)],
    rep.summary.map((r) => [r.op, ...names.map((n) => (r.legs[n] ? fmt(r.legs[n].medianSeconds, 3) : '-'))]),
  );
  const files = renderTable(
    ['op', ...names.map((n) => `${n} files/s`)],
    rep.summary.filter((r) => TREE_OPS.has(r.op)).map((r) => [r.op, ...names.map((n) => (r.legs[n] ? fmt(r.legs[n].filesPerSec ?? Number.NaN, 0) : '-'))]),
  );
  const e = rep.environment;
  const t = rep.tree;
  const load = (l: readonly number[]): string => l.map((v) => fmt(v, 2)).join(' ');
  return [
    `a netfs FUSE mount vs smbnetfs vs the local disk: a ${rep.sizeMiB} MiB file of random bytes and a tree of ${t.files} files (${t.minBytes}-${t.maxBytes} bytes, ${t.dirs} dirs, ${fmt(t.dataBytes / 1e6)} MB; archive ${fmt(t.archiveBytes / 1e6)} MB);`,
    `median of ${rep.runs} run(s) after a warm-up round, legs in rotating order; MB = 10^6 bytes; every write checked on the server's disk and every read against the source`,
    `${e.samba}; smbnetfs ${e.smbnetfs}; node ${e.node}; Linux ${e.kernel}; ${e.cpus}; load average ${load(e.loadBefore)} before, ${load(e.loadAfter)} after`,
    'legs:',
    ...rep.legs.map(legLine),
    'ops (each one child process, timed from spawn to exit):',
    ...FUSE_OPS.map((op) => `  ${op.padEnd(9)} ${rep.ops[op]}`),
    'notes:',
    ...rep.notes.map((n) => `  - ${n}`),
    '',
    rates,
    '',
    'median seconds:',
    seconds,
    '',
    files,
    '',
    'issue 3 targets (netfs over smbnetfs, through the mount):',
    ...rep.targets.map((g) => `  ${g.op.padEnd(9)} at least ${fmt(g.atLeast, 0)}x: ${x(g.ratio)} ${g.met ? 'met' : 'MISSED'}`),
  ].join('\n');
}
