// --trace (CLI) and { trace } (library) write a pcapng that tshark decodes as SMB2.
import { mkdtemp, rm, stat as statLocal } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/connect.js';
import { rmrf, writeFile } from '../../src/vfs/index.js';
import type { FileSystem } from '../../src/vfs/types.js';
import { requireExecutable, run } from '../servers/exec.js';
import { samba } from '../servers/env.js';
import { connectTo, scratchDir, smbUrl } from './smb2/targets.js';
import { describeRun, runCli } from '../support/cli.js';

/** MS-SMB2 2.2.1 command codes the session must show. */
const NEGOTIATE = 0;
const SESSION_SETUP = 1;
const TREE_CONNECT = 3;
const CREATE = 5;
const QUERY_DIRECTORY = 14;

const tshark = () => requireExecutable('tshark', 'apt-get install tshark');

/** tshark over `file` with SMB decoded on `port`; rejects when tshark itself fails. */
async function tsharkFields(file: string, port: number, filter: string, fields: string[]): Promise<string[][]> {
  const args = ['-r', file, '-d', `tcp.port==${port},nbss`, '-Y', filter, '-T', 'fields', '-E', 'separator=/t', ...fields.flatMap((f) => ['-e', f])];
  const r = await run(tshark(), args, { timeoutMs: 30_000 });
  if (r.code !== 0) throw new Error(`tshark ${args.join(' ')} exited with ${r.code}:\n${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t'));
}

/** Every SMB2 command code tshark finds (compounds list theirs comma-separated). */
async function smb2Commands(file: string, port: number): Promise<number[]> {
  const rows = await tsharkFields(file, port, 'smb2', ['smb2.cmd']);
  return rows.flatMap(([cmds]) => cmds.split(',').map(Number));
}

/**
 * The packets tshark calls malformed. Wireshark 4.0 reads the negHints ([3]) of Samba's
 * NegTokenInit2 in the NEGOTIATE response as RFC 4178's mechListMIC OCTET STRING and
 * flags it ("BER Error: OctetString expected"); a dumpcap capture of smbclient against
 * the same smbd shows the same. Those are the server's own bytes: anything else counts.
 */
async function malformed(file: string, port: number): Promise<string[][]> {
  const rows = await tsharkFields(file, port, '_ws.malformed', ['frame.number', 'tcp.srcport', 'smb2.cmd', 'smb2.flags.response', '_ws.expert.message']);
  const serverNegHints = (r: string[]) => Number(r[1]) === port && r[2] === String(NEGOTIATE) && r[3] === '1' && /^BER Error: OctetString expected/.test(r[4] ?? '');
  return rows.filter((r) => !serverNegHints(r));
}

async function expectDecodableSmb2(file: string, port: number): Promise<void> {
  expect((await statLocal(file)).size).toBeGreaterThan(0);
  const cmds = new Set(await smb2Commands(file, port));
  for (const c of [NEGOTIATE, SESSION_SETUP, TREE_CONNECT, CREATE, QUERY_DIRECTORY]) expect(cmds, `SMB2 command ${c} in ${[...cmds].join(',')}`).toContain(c);
  expect(await malformed(file, port)).toEqual([]);
}

describe('trace: a pcapng of the session that tshark decodes as SMB2', () => {
  let fs: FileSystem;
  let dir: string;
  let local: string;

  beforeAll(async () => {
    fs = await connectTo();
    dir = await scratchDir(fs, 'trace');
    await writeFile(fs, `${dir}/listed.txt`, 'listed');
    local = await mkdtemp(join(tmpdir(), 'netfs-trace-'));
  });

  afterAll(async () => {
    await rmrf(fs, dir).catch(() => undefined);
    await fs.close();
    await rm(local, { recursive: true, force: true });
  });

  it('netfs ls --trace FILE.pcapng URL', async () => {
    const file = join(local, 'cli.pcapng');
    const r = await runCli(['ls', '--trace', file, smbUrl({ path: dir })]);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('listed.txt\n');
    await expectDecodableSmb2(file, samba().port);
  });

  it('connect(url, { trace }) from the library, signed 3.1.1', async () => {
    const file = join(local, 'lib.pcapng');
    const traced = await connect(smbUrl({ path: dir, query: 'vers=3.1.1&sign' }), { trace: file });
    try {
      expect((await traced.readdir(dir)).map((e) => e.name)).toEqual(['listed.txt']);
    } finally {
      await traced.close();
    }
    await expectDecodableSmb2(file, samba().port);
    // Signed: every message after the session is set up carries the SIGNED flag.
    const rows = await tsharkFields(file, samba().port, 'smb2.cmd == 5', ['smb2.flags.signature']);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every(([signed]) => signed.split(',').every((s) => s === '1'))).toBe(true);
  });
});
