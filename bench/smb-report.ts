// The SMB benchmark's results: raw samples, their medians and rates, the table and the JSON.
import type { RssSample } from './lib/rss.js';
import { fmt, mbPerSec, median, mib, ratio } from './lib/stats.js';
import { renderTable } from './lib/table.js';
import type { Op } from './smb-clients.js';
import { describeProtection, type SessionProtection } from './smb-protection.js';

/** Below this netfs/smbclient ratio the brief asks for a profile. */
export const SLOW_RATIO = 0.8;

export interface OpSamples {
  readonly netfsSeconds: number[];
  readonly netfsRss: RssSample[];
  readonly smbclientSeconds: number[];
}

/** Everything measured on one share. */
export interface ShareResult {
  readonly share: string;
  readonly encrypted: boolean;
  readonly protection: { readonly netfs: SessionProtection; readonly smbclient: SessionProtection };
  /** connect() of the library's one connection for the share (not part of any transfer time). */
  readonly netfsConnectSeconds: number;
  /** smbclient -c ls: its fixed cost per process. */
  readonly smbclientLsSeconds: number[];
  readonly ops: Record<Op, OpSamples>;
  /** The bundled `netfs` command, once: ls (its fixed cost), put, get. */
  readonly cli: { readonly lsSeconds: number; readonly writeSeconds: number; readonly readSeconds: number };
}

export interface Environment {
  readonly node: string;
  readonly samba: string;
  readonly smbclient: string;
  readonly cpus: string;
}

export interface OpSummary {
  readonly share: string;
  readonly op: Op;
  readonly netfs: { readonly medianSeconds: number; readonly mbps: number; readonly peakRssMiB: number; readonly baselineRssMiB: number };
  readonly smbclient: { readonly medianSeconds: number; readonly fixedSeconds: number; readonly mbpsRaw: number; readonly mbpsMinusFixed: number };
  readonly ratioRaw: number;
  readonly ratioMinusFixed: number;
}

export interface CliSummary {
  readonly share: string;
  readonly op: Op;
  readonly seconds: number;
  /** End to end, as a user sees it. */
  readonly mbps: number;
  readonly lsSeconds: number;
  readonly mbpsMinusFixed: number;
  /** Against smbclient end to end (raw medians): the same thing measured the same way. */
  readonly ratioRaw: number;
}

export interface SmbReport {
  readonly benchmark: 'smb';
  readonly date: string;
  readonly environment: Environment;
  readonly sizeMiB: number;
  readonly bytes: number;
  readonly runs: number;
  /** MB/s throughout means 10^6 bytes per second. */
  readonly mbUnitBytes: 1_000_000;
  readonly shares: ShareResult[];
  readonly summary: { readonly ops: OpSummary[]; readonly cli: CliSummary[] };
}

function summariseOp(r: ShareResult, op: Op, bytes: number): OpSummary {
  const s = r.ops[op];
  const netfsSeconds = median(s.netfsSeconds);
  const smbSeconds = median(s.smbclientSeconds);
  const fixed = median(r.smbclientLsSeconds);
  const mbps = mbPerSec(bytes, netfsSeconds);
  const mbpsRaw = mbPerSec(bytes, smbSeconds);
  const mbpsMinusFixed = mbPerSec(bytes, smbSeconds - fixed);
  return {
    share: r.share,
    op,
    netfs: {
      medianSeconds: netfsSeconds,
      mbps,
      peakRssMiB: mib(Math.max(...s.netfsRss.map((x) => x.peak))),
      baselineRssMiB: mib(Math.min(...s.netfsRss.map((x) => x.baseline))),
    },
    smbclient: { medianSeconds: smbSeconds, fixedSeconds: fixed, mbpsRaw, mbpsMinusFixed },
    ratioRaw: ratio(mbps, mbpsRaw),
    ratioMinusFixed: ratio(mbps, mbpsMinusFixed),
  };
}

function summariseCli(r: ShareResult, op: Op, bytes: number): CliSummary {
  const seconds = op === 'write' ? r.cli.writeSeconds : r.cli.readSeconds;
  const mbps = mbPerSec(bytes, seconds);
  return {
    share: r.share,
    op,
    seconds,
    mbps,
    lsSeconds: r.cli.lsSeconds,
    mbpsMinusFixed: mbPerSec(bytes, seconds - r.cli.lsSeconds),
    ratioRaw: ratio(mbps, mbPerSec(bytes, median(r.ops[op].smbclientSeconds))),
  };
}

export function buildReport(init: Omit<SmbReport, 'benchmark' | 'date' | 'mbUnitBytes' | 'summary'>): SmbReport {
  const ops: Op[] = ['write', 'read'];
  return {
    benchmark: 'smb',
    date: new Date().toISOString(),
    mbUnitBytes: 1_000_000,
    ...init,
    summary: {
      ops: init.shares.flatMap((r) => ops.map((op) => summariseOp(r, op, init.bytes))),
      cli: init.shares.flatMap((r) => ops.map((op) => summariseCli(r, op, init.bytes))),
    },
  };
}

const x = (v: number): string => `${fmt(v, 2)}x`;

function protectionLines(r: ShareResult): string[] {
  const line = (who: string, p: SessionProtection): string =>
    `  ${r.share.padEnd(6)} ${who.padEnd(9)} ${p.dialect}, signing ${describeProtection(p.signing)}, encryption ${describeProtection(p.encryption)}`;
  return [line('netfs', r.protection.netfs), line('smbclient', r.protection.smbclient)];
}

/** The human-readable report. */
export function renderReport(rep: SmbReport): string {
  const main = renderTable(
    ['share', 'op', 'netfs MB/s', 'smbclient MB/s', 'smbclient-fixed MB/s', 'netfs/smbclient', 'netfs/(smbclient-fixed)', 'netfs peak RSS MiB'],
    rep.summary.ops.map((s) => [
      s.share,
      s.op,
      fmt(s.netfs.mbps),
      fmt(s.smbclient.mbpsRaw),
      fmt(s.smbclient.mbpsMinusFixed),
      x(s.ratioRaw),
      x(s.ratioMinusFixed),
      `${fmt(s.netfs.peakRssMiB)} (base ${fmt(s.netfs.baselineRssMiB)})`,
    ]),
  );
  const seconds = renderTable(
    ['share', 'op', 'netfs s', 'smbclient s', 'smbclient ls s'],
    rep.summary.ops.map((s) => [s.share, s.op, fmt(s.netfs.medianSeconds, 3), fmt(s.smbclient.medianSeconds, 3), fmt(s.smbclient.fixedSeconds, 3)]),
  );
  const cli = renderTable(
    ['share', 'op', 'netfs CLI s', 'netfs CLI MB/s', 'CLI-fixed MB/s', 'CLI ls s', 'CLI/smbclient (both end to end)'],
    rep.summary.cli.map((c) => [c.share, c.op, fmt(c.seconds, 3), fmt(c.mbps), fmt(c.mbpsMinusFixed), fmt(c.lsSeconds, 3), x(c.ratioRaw)]),
  );
  const slow = rep.summary.ops.filter((s) => s.ratioMinusFixed < SLOW_RATIO || s.ratioRaw < SLOW_RATIO);
  const e = rep.environment;
  return [
    `netfs vs smbclient: ${rep.sizeMiB} MiB of random bytes, median of ${rep.runs} run(s) after a warm-up, MB = 10^6 bytes; sha256 of every write and read-back checked`,
    `${e.samba}; smbclient ${e.smbclient}; node ${e.node}; ${e.cpus}`,
    'sessions (smbstatus):',
    ...rep.shares.flatMap(protectionLines),
    '',
    main,
    '',
    'median seconds (netfs: copy() only, on one connection; smbclient: the whole process; ls: smbclient -c ls, its fixed cost):',
    seconds,
    `netfs connect() (once per share, not in any time above): ${rep.shares.map((r) => `${r.share} ${fmt(r.netfsConnectSeconds, 3)} s`).join(', ')}`,
    '',
    'netfs CLI end to end, once (bundled src/cli/main.ts run by node; CLI ls: its fixed cost):',
    cli,
    ...(slow.length ? ['', `below ${SLOW_RATIO}x: ${slow.map((s) => `${s.share} ${s.op}`).join(', ')}`] : []),
  ].join('\n');
}
