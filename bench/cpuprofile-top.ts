// Top self-time functions of a V8 .cpuprofile (node --cpu-prof), each with the caller chain
// that spent most of that time, for finding where a benchmark's time goes.
// Run: node --import tsx bench/cpuprofile-top.ts FILE.cpuprofile [N]
// (node --cpu-prof writes one file per thread; with tsx the main thread's is the larger.)
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Frames of caller chain shown per hot function. */
const CHAIN_DEPTH = 3;

function parseProfile(text: string): CpuProfile {
  const p = JSON.parse(text) as Partial<CpuProfile>;
  if (!Array.isArray(p.nodes) || !Array.isArray(p.samples) || !Array.isArray(p.timeDeltas)) throw new Error('not a .cpuprofile: nodes, samples or timeDeltas missing');
  return p as CpuProfile;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** "name file:line", the file relative to the repository (or node:..., or a V8 pseudo-frame like (garbage collector)). */
function label(f: CallFrame): string {
  const name = f.functionName || '(anonymous)';
  if (!f.url) return name;
  const file = f.url.startsWith('file://') ? relative(ROOT, fileURLToPath(f.url)) : f.url;
  return `${name} ${file}:${f.lineNumber + 1}`;
}

function shortLabel(f: CallFrame): string {
  return f.functionName || '(anonymous)';
}

export interface HotSpot {
  readonly label: string;
  readonly selfMicros: number;
  /** The caller chain (nearest first) that accounts for the most of this function's self time. */
  readonly topChain: string;
}

/** Self time per function (a sample's time is the delta to the next sample, as DevTools counts), with its heaviest caller chain. */
export function hotSpots(p: CpuProfile): { spots: HotSpot[]; totalMicros: number; idleMicros: number } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const chains = new Map<string, Map<string, number>>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const node = byId.get(p.samples[i]);
    const us = p.timeDeltas[i + 1] ?? 0;
    total += us;
    if (node === undefined) continue;
    const key = label(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + us);
    const chain: string[] = [];
    for (let id = parent.get(node.id); id !== undefined && chain.length < CHAIN_DEPTH; id = parent.get(id)) {
      const caller = byId.get(id);
      if (caller) chain.push(shortLabel(caller.callFrame));
    }
    const perChain = chains.get(key) ?? new Map<string, number>();
    const chainKey = chain.join(' < ');
    perChain.set(chainKey, (perChain.get(chainKey) ?? 0) + us);
    chains.set(key, perChain);
  }
  const spots = [...self.entries()].map(([key, us]) => {
    const best = [...(chains.get(key) ?? new Map<string, number>()).entries()].sort((a, b) => b[1] - a[1])[0];
    return { label: key, selfMicros: us, topChain: best ? best[0] : '' };
  });
  return { spots, totalMicros: total, idleMicros: self.get('(idle)') ?? 0 };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const [file, count] = args;
  const n = count === undefined ? 10 : Number(count);
  if (file === undefined || args.length > 2 || !Number.isInteger(n) || n < 1) {
    throw new Error('usage: node --import tsx bench/cpuprofile-top.ts FILE.cpuprofile [N]');
  }
  const { spots, totalMicros, idleMicros } = hotSpots(parseProfile(await readFile(file, 'utf8')));
  const busy = totalMicros - idleMicros;
  process.stdout.write(`${file}: ${(totalMicros / 1e6).toFixed(2)} s sampled, ${(busy / 1e6).toFixed(2)} s not idle\n`);
  process.stdout.write(`${'self ms'.padStart(9)} ${'%busy'.padStart(6)}  function  [heaviest callers]\n`);
  const top = spots.filter((s) => s.label !== '(idle)').sort((a, b) => b.selfMicros - a.selfMicros).slice(0, n);
  for (const s of top) {
    const callers = s.topChain ? `  [< ${s.topChain}]` : '';
    process.stdout.write(`${(s.selfMicros / 1e3).toFixed(0).padStart(9)} ${((100 * s.selfMicros) / busy).toFixed(1).padStart(6)}  ${s.label}${callers}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
