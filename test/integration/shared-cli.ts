// The `netfs` CLI commands that behave the same whatever the URL's protocol, checked the same
// way: through the server's host directory (`onHost` paths), not only through the CLI itself.
import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdtemp, readdir, readFile as readLocal, stat as statLocal, writeFile as writeLocal } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { describeRun, expectOneLineFailure, expectSuccess, runCli, type CliResult } from '../support/cli.js';

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Whether anything (a dangling symlink too) is at the local path p. */
export async function exists(p: string): Promise<boolean> {
  return lstat(p).then(
    () => true,
    () => false,
  );
}

/** `ls -l` of a directory holding a directory sub and a file up.bin of fileSize bytes: one row each, in that order. */
export function expectLongListing(long: CliResult, fileSize: number): void {
  expectSuccess(long);
  const lines = long.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  const row = /^([-d])[-rwx]{9}\s+\d+\s+\d+\s+\d+\s+(\d+) \d{4}-\d\d-\d\d \d\d:\d\d:\d\d (\S+)$/;
  const parsed = lines.map((l) => row.exec(l));
  expect(parsed.every((m) => m !== null), long.stdout).toBe(true);
  const [subRow, fileRow] = parsed.map((m) => m ?? []);
  expect([subRow[1], subRow[3]]).toEqual(['d', 'sub/']);
  expect([fileRow[1], Number(fileRow[2]), fileRow[3]]).toEqual(['-', fileSize, 'up.bin']);
}

/**
 * `stat` of a file of 7 bytes made on the host at hostFile (reached as fileUrl), then of a
 * directory (dirUrl): type, size and the host's permission bits. Resolves to both runs and the
 * host's stat of the file, for the protocol's own checks.
 */
export async function expectStatShows(fileUrl: string, dirUrl: string, hostFile: string): Promise<{ file: CliResult; dir: CliResult; host: Stats }> {
  await writeLocal(hostFile, 'seven b');
  const host = await statLocal(hostFile);
  const file = await runCli(['stat', fileUrl]);
  expectSuccess(file);
  expect(file.stdout).toMatch(/^ {2}Type: file$/m);
  expect(file.stdout).toMatch(/^ {2}Size: 7\t/m);
  expect(file.stdout).toMatch(new RegExp(`^  Mode: 0${(host.mode & 0o777).toString(8)} \\(-[-rwx]{9}\\)$`, 'm'));

  const dir = await runCli(['stat', dirUrl]);
  expectSuccess(dir);
  expect(dir.stdout).toMatch(/^ {2}Type: directory$/m);
  return { file, dir, host };
}

/** `cat` of 300,000 random bytes made on the host at hostFile (reached as url) prints them byte for byte. */
export async function expectCatPrints(url: string, hostFile: string): Promise<void> {
  const content = randomBytes(300_000);
  await writeLocal(hostFile, content);
  const r = await runCli(['cat', url]);
  expect(r.code, describeRun(r)).toBe(0);
  expect(r.stderr).toBe('');
  expect(r.stdoutBytes.length).toBe(content.length);
  expect(sha256(r.stdoutBytes)).toBe(sha256(content));
}

/**
 * `get URL LOCAL` of 3 MiB made on the host at hostFile (reached as url, named get.bin) writes
 * an identical file; `get URL` writes it as get.bin in its cwd. Local files go under local.
 */
export async function expectGetCopies(url: string, hostFile: string, local: string): Promise<void> {
  const content = randomBytes(3 * 1024 * 1024 + 17);
  await writeLocal(hostFile, content);
  const target = join(local, 'got.bin');
  expectSuccess(await runCli(['get', url, target]));
  expect(sha256(await readLocal(target))).toBe(sha256(content));

  const cwd = await mkdtemp(join(local, 'cwd-'));
  expectSuccess(await runCli(['get', url], { cwd }));
  expect(await readdir(cwd)).toEqual(['get.bin']);
  expect(sha256(await readLocal(join(cwd, 'get.bin')))).toBe(sha256(content));
}

/** ls, stat, cat and rm of a missing file (url, `path` inside the server) each fail with ENOENT naming path. */
export async function expectMissingEverywhere(url: string, path: string): Promise<void> {
  const runs = await Promise.all(['ls', 'stat', 'cat', 'rm'].map((cmd) => runCli([cmd, url])));
  for (const r of runs) {
    expectOneLineFailure(r, /ENOENT/);
    expect(r.stderr).toContain(path);
  }
}
