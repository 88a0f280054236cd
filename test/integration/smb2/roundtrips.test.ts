// DESIGN.md, "Round trips": a common VFS operation is one SMB2 compound, so one message
// on the wire and one round trip. Counted with Smb2FileSystem.messagesSent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Smb2FileSystem } from '../../../src/smb2/client.js';
import { readFile, rmrf, writeFile } from '../../../src/vfs/index.js';
import { connectTo, scratchDir } from './targets.js';

const SMALL = 4096;

/** A 4 KiB payload that differs from byte to byte, so a short or shifted read shows. */
function payload(seed: number): Buffer {
  const b = Buffer.alloc(SMALL);
  for (let i = 0; i < SMALL; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

for (const vers of ['3.1.1', '2.1']) {
  describe(`round trips per operation on SMB ${vers}`, () => {
    let fs: Smb2FileSystem;
    let dir: string;
    const names = Array.from({ length: 10 }, (_, i) => `entry-${i}`);

    /** Messages sent while op ran: each is one round trip. */
    async function trips<T>(op: () => Promise<T>): Promise<{ value: T; messages: number }> {
      const before = fs.messagesSent;
      const value = await op();
      return { value, messages: fs.messagesSent - before };
    }

    beforeAll(async () => {
      fs = (await connectTo({ query: `vers=${vers}` })) as Smb2FileSystem;
      dir = await scratchDir(fs, `roundtrips-${vers}`);
      await writeFile(fs, `${dir}/small`, payload(1));
      await fs.mkdir(`${dir}/ten`);
      for (const [i, n] of names.entries()) await writeFile(fs, `${dir}/ten/${n}`, 'x'.repeat(i));
    });

    afterAll(async () => {
      await rmrf(fs, dir);
      await fs.close();
    });

    it(`${vers === '3.1.1' ? 'uses' : 'has no'} SMB3 POSIX extensions`, () => {
      expect(fs.posix).toBe(vers === '3.1.1');
    });

    it('stat of a file: 1 round trip', async () => {
      const { value, messages } = await trips(() => fs.stat(`${dir}/small`));
      expect(value.type).toBe('file');
      expect(value.size).toBe(SMALL);
      expect(messages).toBe(1);
    });

    it('readFile of a 4 KiB file: 1 round trip', async () => {
      const { value, messages } = await trips(() => readFile(fs, `${dir}/small`));
      expect(value.equals(payload(1))).toBe(true);
      expect(messages).toBe(1);
    });

    it('writeFile of a 4 KiB file: 1 round trip', async () => {
      const { messages } = await trips(() => writeFile(fs, `${dir}/written`, payload(2)));
      expect(messages).toBe(1);
      expect((await readFile(fs, `${dir}/written`)).equals(payload(2))).toBe(true);
    });

    it('writeFile replacing an existing file: 1 round trip', async () => {
      await writeFile(fs, `${dir}/replaced`, payload(3));
      const { messages } = await trips(() => writeFile(fs, `${dir}/replaced`, 'short'));
      expect(messages).toBe(1);
      expect((await readFile(fs, `${dir}/replaced`)).toString()).toBe('short');
    });

    it('mkdir: 1 round trip', async () => {
      const { messages } = await trips(() => fs.mkdir(`${dir}/made`));
      expect(messages).toBe(1);
      expect((await fs.stat(`${dir}/made`)).type).toBe('directory');
    });

    it('readdir of a 10-entry directory: 1 round trip, with sizes', async () => {
      const { value, messages } = await trips(() => fs.readdir(`${dir}/ten`));
      expect(messages).toBe(1);
      expect(value.map((e) => e.name).sort()).toEqual(names);
      for (const e of value) expect(e.stat.size).toBe(names.indexOf(e.name));
    });
  });
}
