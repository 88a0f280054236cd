// Determinism (DESIGN.md): with a seeded Entropy and the same server replies, a session
// sends the same bytes. A short session is recorded against the real Samba (3.1.1, signing
// mandatory), then replayed from its own capture: the replay source checks every client
// byte against the capture and fails on the first difference.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCapture, ReplayDivergedError, replayConnector, tcpStreams, traceConnector } from '../../src/capture/index.js';
import { connect, type ConnectOptions } from '../../src/connect.js';
import type { Smb2FileSystem } from '../../src/smb2/client.js';
import { seededEntropy } from '../../src/transport/entropy.js';
import { readFile, rmrf, writeFile } from '../../src/vfs/index.js';
import type { DirEntry, Stat } from '../../src/vfs/types.js';
import { connectTo, smbUrl } from '../integration/smb2/targets.js';

const SEED = 'x';

interface SessionResults {
  dialect: number;
  signing: boolean;
  dirStat: Stat;
  content: string;
  entries: DirEntry[];
}

/** Both directions of the one TCP conversation of a capture, each as one buffer. */
function conversation(file: string): { client: Buffer; server: Buffer } {
  const streams = tcpStreams(loadCapture(file)).filter((s) => s.toServer.length > 0 || s.toClient.length > 0);
  expect(streams).toHaveLength(1);
  const [s] = streams;
  expect(s.toServer).toHaveLength(1);
  expect(s.toClient).toHaveLength(1);
  const bytes = (chunks: { data: Buffer }[]) => Buffer.concat(chunks.map((c) => c.data));
  return { client: bytes(s.toServer[0].chunks), server: bytes(s.toClient[0].chunks) };
}

describe('SMB2 session replay: a seeded session is byte-for-byte reproducible', () => {
  const dir = `/replay-${process.pid}-${Date.now()}`;
  const url = smbUrl({ signed: true, query: 'vers=3.1.1' });
  let local: string;
  let recording: string;
  let recorded: SessionResults;

  /** connect, mkdir, stat, a small writeFile, readFile, readdir, close. */
  async function session(options: ConnectOptions): Promise<SessionResults> {
    const fs = (await connect(url, options)) as Smb2FileSystem;
    try {
      await fs.mkdir(dir);
      const dirStat = await fs.stat(dir);
      await writeFile(fs, `${dir}/note.txt`, 'replayed bytes');
      const content = (await readFile(fs, `${dir}/note.txt`)).toString('utf8');
      const entries = await fs.readdir(dir);
      return { dialect: fs.negotiated.dialect, signing: fs.tree.session.signing, dirStat, content, entries };
    } finally {
      await fs.close();
    }
  }

  beforeAll(async () => {
    local = await mkdtemp(join(tmpdir(), 'netfs-replay-'));
    recording = join(local, 'session.pcapng');
    recorded = await session({ entropy: seededEntropy(SEED), trace: recording });
  });

  afterAll(async () => {
    const fs = await connectTo({ signed: true });
    try {
      await rmrf(fs, dir);
    } finally {
      await fs.close();
    }
    await rm(local, { recursive: true, force: true });
  });

  it('the recorded session is 3.1.1, signed, and did what it was asked', () => {
    expect(recorded.dialect).toBe(0x0311);
    expect(recorded.signing).toBe(true);
    expect(recorded.dirStat.type).toBe('directory');
    expect(recorded.content).toBe('replayed bytes');
    expect(recorded.entries.map((e) => e.name)).toEqual(['note.txt']);
  });

  it('replayed with the same seed: the same client bytes, all of them, and the same results', async () => {
    const rerecording = join(local, 'replayed.pcapng');
    const tap = traceConnector(replayConnector(recording), rerecording);
    let replayed: SessionResults;
    try {
      replayed = await session({ entropy: seededEntropy(SEED), connector: tap });
    } finally {
      await tap.close();
    }
    expect(replayed).toEqual(recorded);
    const live = conversation(recording);
    const again = conversation(rerecording);
    // The replay source checks each byte as it is written; this also proves none is missing.
    expect(again.client.length).toBe(live.client.length);
    expect(again.client.equals(live.client)).toBe(true);
    expect(again.server.equals(live.server)).toBe(true);
  });

  it('replayed with another seed: the replay source reports the divergence', async () => {
    const e = await session({ entropy: seededEntropy('y'), connector: replayConnector(recording) }).then(
      () => undefined,
      (err: unknown) => err,
    );
    const diverged = e instanceof ReplayDivergedError ? e : (e as { cause?: unknown } | undefined)?.cause;
    expect(diverged, String(e)).toBeInstanceOf(ReplayDivergedError);
    // The first random input is the NEGOTIATE request's ClientGuid (after NetBIOS 4 + SMB2 header 64 + 12 bytes of body).
    expect((diverged as ReplayDivergedError).clientOffset).toBe(4 + 64 + 12);
  });
});
