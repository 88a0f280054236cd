// `npm run bench -- NAME [options]`: side-by-side benchmarks of netfs against the C clients.
import { Interrupted, signalExitCode } from './lib/lifecycle.js';
import { OPTIONS_USAGE, UsageError } from './lib/options.js';

interface Benchmark {
  readonly summary: string;
  /** Absent: planned, not written yet. */
  readonly load?: () => Promise<{ main(argv: readonly string[]): Promise<void> }>;
}

const BENCHMARKS: Record<string, Benchmark> = {
  smb: { summary: 'netfs (library and CLI) vs smbclient: 256 MiB put/get on a plain and an encrypted Samba share', load: () => import('./smb.js') },
  fuse: { summary: 'a netfs FUSE mount vs smbnetfs and the local disk: 256 MiB dd write/read, tar x/c of 5,000 small files', load: () => import('./fuse.js') },
  nfs: { summary: 'netfs NFSv4.1 and 4.0 (library) vs libnfs nfs-cp: 256 MiB write/read on one Ganesha', load: () => import('./nfs.js') },
};

function usage(): string {
  const list = Object.entries(BENCHMARKS)
    .map(([name, b]) => `  ${name.padEnd(6)} ${b.summary}`)
    .join('\n');
  return `usage: npm run bench -- BENCHMARK [options]\n\nbenchmarks:\n${list}\n\n${OPTIONS_USAGE}`;
}

async function dispatch(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help') {
    process.stdout.write(usage() + '\n');
    return name === undefined ? 2 : 0;
  }
  const bench = Object.hasOwn(BENCHMARKS, name) ? BENCHMARKS[name] : undefined;
  if (bench === undefined) {
    process.stderr.write(`bench: unknown benchmark '${name}'; known: ${Object.keys(BENCHMARKS).join(', ')}\n\n${usage()}\n`);
    return 2;
  }
  if (bench.load === undefined) {
    process.stderr.write(`bench: '${name}' is planned but not written yet; runnable: ${runnable().join(', ')}\n`);
    return 2;
  }
  await (await bench.load()).main(rest);
  return 0;
}

function runnable(): string[] {
  return Object.entries(BENCHMARKS).flatMap(([name, b]) => (b.load ? [name] : []));
}

dispatch(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof Interrupted) {
      process.stderr.write(`bench: ${e.message}: servers stopped, temp files removed\n`);
      process.exitCode = signalExitCode(e.signal);
      return;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`bench: ${e.message}\n\n${usage()}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`bench: FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
