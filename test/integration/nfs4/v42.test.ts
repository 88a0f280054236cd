// NFSv4.2 (RFC 7862) behind the VFS's optional capabilities: ALLOCATE, DEALLOCATE, SEEK on
// handles, server-side COPY on the file system; absent on 4.0 and 4.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasServerCopy, hasSparse, readFile, rmrf, writeFile } from '../../../src/vfs/index.js';
import type { FileSystem } from '../../../src/vfs/types.js';
import { FsError } from '../../../src/vfs/errors.js';
import { connectNfs, scratchDir } from './targets.js';

describe('NFSv4.2 capabilities against Ganesha', () => {
  let fs: FileSystem;
  let dir: string;

  beforeAll(async () => {
    fs = await connectNfs({ version: '4.2' });
    dir = await scratchDir(fs, 'v42');
  });
  afterAll(async () => {
    await rmrf(fs, dir).catch(() => undefined);
    await fs.close();
  });

  it('allocate grows the file, punchHole zeroes a range and keeps the size, seek finds data and holes', async () => {
    const p = `${dir}/sparse`;
    const h = await fs.open(p, { read: true, write: true, create: true });
    try {
      expect(hasSparse(h)).toBe(true);
      if (!hasSparse(h)) return;
      await h.write(Buffer.alloc(256 * 1024, 0xab), 0);
      await h.sync();
      await h.allocate(256 * 1024, 64 * 1024);
      expect((await h.stat()).size).toBe(320 * 1024);
      await h.punchHole(64 * 1024, 64 * 1024);
      expect((await h.stat()).size).toBe(320 * 1024);
      const back = Buffer.alloc(256 * 1024);
      expect(await h.read(back, 0, back.length, 0)).toBe(back.length);
      expect(back.subarray(0, 64 * 1024).every((b) => b === 0xab)).toBe(true);
      expect(back.subarray(64 * 1024, 128 * 1024).every((b) => b === 0)).toBe(true);
      expect(back.subarray(128 * 1024).every((b) => b === 0xab)).toBe(true);
      expect(await h.seek(0, 'data')).toBe(0);
      expect(await h.seek(0, 'hole')).toBe(64 * 1024);
      expect(await h.seek(64 * 1024, 'data')).toBe(128 * 1024);
      expect(await h.seek(400 * 1024, 'data')).toBeNull();
    } finally {
      await h.close();
    }
  });

  it('copyFile copies on the server, or fails with EOPNOTSUPP where the server has no COPY (Ganesha 4.3)', async () => {
    expect(hasServerCopy(fs)).toBe(true);
    if (!hasServerCopy(fs)) return;
    await writeFile(fs, `${dir}/src`, Buffer.alloc(100_000, 7));
    const copied = await fs.copyFile(`${dir}/src`, `${dir}/dst`).then(
      () => true,
      (e: unknown) => {
        if (!(e instanceof FsError)) throw e;
        expect(e.code).toBe('EOPNOTSUPP');
        expect(e.status).toBe('NFS4ERR_NOTSUPP');
        return false;
      },
    );
    if (copied) expect(await readFile(fs, `${dir}/dst`)).toEqual(Buffer.alloc(100_000, 7));
  });

  for (const version of ['4.0', '4.1']) {
    it(`NFSv${version} offers none of them`, async () => {
      const old = await connectNfs({ version });
      try {
        expect(hasServerCopy(old)).toBe(false);
        const h = await old.open(`${dir}/src`, { read: true });
        expect(hasSparse(h)).toBe(false);
        await h.close();
      } finally {
        await old.close();
      }
    });
  }
});
