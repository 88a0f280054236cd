import { describe, expect, it } from 'vitest';
import type { Smb2FileSystem } from '../../../src/smb2/client.js';
import { rmrf, writeFile } from '../../../src/vfs/index.js';
import { connectTo, scratchDir } from './targets.js';

describe('SMB2 ECHO and CANCEL', () => {
  it('ECHO is answered', async () => {
    const fs = (await connectTo({ query: 'vers=3.1.1' })) as Smb2FileSystem;
    try {
      await fs.tree.conn.echo();
    } finally {
      await fs.close();
    }
  });

  it('aborting a waiting lock cancels it on the server: the range is free once its holder lets go', async () => {
    const fs = (await connectTo({ query: 'vers=3.1.1&sign' })) as Smb2FileSystem;
    const dir = await scratchDir(fs, 'cancel');
    try {
      const file = `${dir}/locked`;
      await writeFile(fs, file, 'x'.repeat(100));
      const [a, b, c] = await Promise.all([0, 1, 2].map(() => fs.open(file, { read: true, write: true })));
      const range = { offset: 0, length: 10 };
      await a.lock?.({ ...range, exclusive: true });
      const ac = new AbortController();
      const waiting = b.lock?.({ ...range, exclusive: true, wait: true }, { signal: ac.signal });
      setTimeout(() => ac.abort(), 200);
      await expect(waiting).rejects.toMatchObject({ code: 'ECANCELED' });
      await a.unlock?.(range);
      // Had the server kept b's request, it would now hold the range and c would fail with EAGAIN.
      await new Promise((r) => setTimeout(r, 100));
      await c.lock?.({ ...range, exclusive: true });
      await c.unlock?.(range);
      expect((await fs.stat(file)).size).toBe(100);
      await Promise.all([a.close(), b.close(), c.close()]);
    } finally {
      await rmrf(fs, dir);
      await fs.close();
    }
  });
});
