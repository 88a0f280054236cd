// What the fuse benchmark measures in each leg (a FUSE mount, or the local disk): every file
// operation is a child process (dd, tar, sha256sum, diff), timed from spawn to exit; what it
// wrote is then checked on this host's disk (the share's backing directory), never through
// the mount, and what it read is checked against the source.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { dropCaches, settle, warmFile } from './lib/caches.js';
import { verifySha256, VerificationError } from './lib/files.js';
import { timedRunChecked, type TimedResult } from './lib/proc.js';
import type { BuiltTree } from './lib/tree.js';

export type FuseOp = 'write' | 'read' | 'read-warm' | 'untar' | 'tar';
export const FUSE_OPS: readonly FuseOp[] = ['write', 'read', 'read-warm', 'untar', 'tar'];
/** The ops on the tree of small files (the others move the one large file). */
export const TREE_OPS: ReadonlySet<FuseOp> = new Set(['untar', 'tar']);

/** The timed command of each op, as the report states it. */
export const OP_DESCRIPTION: Record<FuseOp, string> = {
  write: 'dd if=SOURCE of=DIR/FILE bs=1M conv=fsync (source in the page cache; after sync)',
  read: 'dd if=DIR/FILE of=/dev/null bs=1M (after sync and drop_caches: no page cache on the client or the server)',
  'read-warm': 'the same read, but the server has the file in its page cache (read on its disk after drop_caches): only the client side is cold',
  untar: 'tar -x --no-same-owner --no-same-permissions -f ARCHIVE -C DIR/NEW (archive in the page cache; after sync)',
  tar: 'tar -c -f LOCAL.tar -C DIR/NEW TOP (after sync and drop_caches)',
};

export interface Leg {
  /** 'netfs', 'smbnetfs', 'smbnetfs+bw', 'local'. */
  readonly name: string;
  /** Where the leg's files go, as the tools see them: through the mount, or a local directory. */
  readonly dir: string;
  /** The same directory on this host's disk, for checking what was written (the share's backing directory). */
  readonly hostDir: string;
  /** The ops this leg is measured on. */
  readonly ops: ReadonlySet<FuseOp>;
}

export interface Workload {
  readonly source: string;
  readonly sourceSha: string;
  readonly bytes: number;
  readonly tree: BuiltTree;
  /** Local scratch space for the archives `tar -c` makes and their unpacking. */
  readonly scratch: string;
  readonly signal: AbortSignal;
}

/** Long enough for smbnetfs writing 256 MiB at 1 MB/s, short enough that a stalled run ends. */
function timeoutMs(bytes: number): number {
  return 300_000 + Math.ceil(bytes / 1e6) * 1000;
}

function child(w: Workload, command: string, args: readonly string[]): Promise<TimedResult> {
  return timedRunChecked(command, args, { signal: w.signal, timeoutMs: timeoutMs(Math.max(w.bytes, w.tree.dataBytes)) });
}

const fileName = (round: string): string => `w-${round}.bin`;
const treeDir = (round: string): string => `t-${round}`;

/** Creates the leg's directory through the mount (a child mkdir: the files must be created by whoever the server maps this client to). */
export async function prepareLeg(w: Workload, leg: Leg): Promise<void> {
  await child(w, 'mkdir', ['-p', leg.dir]);
}

/** The sha256 sum of a file as `sha256sum` prints it, read through the leg (a child process). */
async function sha256Through(w: Workload, path: string): Promise<string> {
  const r = await child(w, 'sha256sum', ['-b', path]);
  const m = /^([0-9a-f]{64}) /.exec(r.output);
  if (!m) throw new Error(`sha256sum ${path}: unexpected output: ${r.output.trim()}`);
  return m[1];
}

/** diff -r between the source tree and a copy; a difference fails the benchmark. */
async function sameTree(w: Workload, copy: string, what: string): Promise<void> {
  try {
    await child(w, 'diff', ['-r', '-q', w.tree.root, copy]);
  } catch (e) {
    throw new VerificationError(`${what}: the tree differs from the source's (${copy}): ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** One timed op of one leg in one round (a name unique to the round: 'warm', 'r1', ...); resolves to its seconds. */
export async function measure(w: Workload, leg: Leg, op: FuseOp, round: string): Promise<number> {
  switch (op) {
    case 'write': {
      const name = fileName(round);
      await settle(w.signal);
      await warmFile(w.source, w.signal);
      const r = await child(w, 'dd', [`if=${w.source}`, `of=${join(leg.dir, name)}`, 'bs=1M', 'conv=fsync', 'status=none']);
      await verifySha256(join(leg.hostDir, name), w.sourceSha, `${leg.name} write`, w.signal);
      return r.seconds;
    }
    case 'read':
    case 'read-warm': {
      const path = join(leg.dir, fileName(round));
      await dropCaches(w.signal);
      if (op === 'read-warm') await warmFile(join(leg.hostDir, fileName(round)), w.signal);
      const r = await child(w, 'dd', [`if=${path}`, 'of=/dev/null', 'bs=1M', 'status=none']);
      const got = await sha256Through(w, path);
      if (got !== w.sourceSha) throw new VerificationError(`${leg.name} ${op}: sha256 ${got} differs from the source's ${w.sourceSha} (${path})`);
      return r.seconds;
    }
    case 'untar': {
      const dest = join(leg.dir, treeDir(round));
      await child(w, 'mkdir', [dest]);
      await settle(w.signal);
      await warmFile(w.tree.archive, w.signal);
      const r = await child(w, 'tar', ['-x', '--no-same-owner', '--no-same-permissions', '-f', w.tree.archive, '-C', dest]);
      await sameTree(w, join(leg.hostDir, treeDir(round), w.tree.top), `${leg.name} untar`);
      return r.seconds;
    }
    case 'tar': {
      const archive = join(w.scratch, `back-${leg.name}-${round}.tar`);
      const unpacked = join(w.scratch, `back-${leg.name}-${round}`);
      await dropCaches(w.signal);
      const r = await child(w, 'tar', ['-c', '-f', archive, '-C', join(leg.dir, treeDir(round)), w.tree.top]);
      try {
        await mkdir(unpacked);
        await child(w, 'tar', ['-x', '-f', archive, '-C', unpacked]);
        await sameTree(w, join(unpacked, w.tree.top), `${leg.name} tar`);
      } finally {
        await rm(unpacked, { recursive: true, force: true });
        await rm(archive, { force: true });
      }
      return r.seconds;
    }
  }
}
