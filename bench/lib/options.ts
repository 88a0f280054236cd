// Command-line options shared by the benchmarks.
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Size of the test file, MiB. */
  readonly sizeMiB: number;
  /** Measurements per client and operation; the median is reported. */
  readonly runs: number;
  /** JSON on stdout (the table then goes to stderr). */
  readonly json: boolean;
  readonly help: boolean;
}

export const OPTIONS_USAGE = `options:
  --size MiB   size of the test file (default 256)
  --runs N     measurements per client and operation, median reported (default 3)
  --json       print the results as JSON on stdout (the table goes to stderr)
  -h, --help   this text`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function positiveInteger(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} wants a positive integer, not '${raw}'`);
  return n;
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: false,
      options: {
        size: { type: 'string' },
        runs: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  return {
    sizeMiB: positiveInteger(v.size, 'size', 256),
    runs: positiveInteger(v.runs, 'runs', 3),
    json: v.json ?? false,
    help: v.help ?? false,
  };
}

/** The options in argv; or, for -h/--help, undefined once `usage` is printed on stdout (the benchmark then runs nothing). */
export function optionsUnlessHelp(argv: readonly string[], usage: string): BenchOptions | undefined {
  const opts = parseBenchOptions(argv);
  if (!opts.help) return opts;
  process.stdout.write(usage + '\n');
  return undefined;
}
