// DESIGN.md, "Round trips": a common VFS operation is one message on the wire, so one round
// trip, whatever the protocol. The same checks for every client that counts its messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, rmrf, writeFile } from '../../src/vfs/index.js';
import type { FileSystem } from '../../src/vfs/types.js';
import { countMessages, type CountsMessages } from '../support/round-trips.js';
import { scratchDir } from './smb2/targets.js';

const SMALL = 4096;

/** A 4 KiB payload that differs from byte to byte, so a short or shifted read shows. */
function payload(seed: number): Buffer {
  const b = Buffer.alloc(SMALL);
  for (let i = 0; i < SMALL; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

export interface RoundTripSuite<F> {
  /** The protocol and version, as the describe block and the log name them. */
  label: string;
  /** A new connection, closed after the suite. */
  connect: () => Promise<F>;
  /** Names the scratch directory. */
  scratch: string;
  /** Round trips a writeFile of 4 KiB must take; undefined: measured and logged, not asserted. */
  writeTrips: number | undefined;
  /** The protocol's own tests, run first, on the suite's connection. */
  own?: (fs: () => F) => void;
}

/** stat, readFile, writeFile (new and replacing), mkdir and readdir, each counted in round trips. */
export function describeRoundTrips<F extends FileSystem & CountsMessages>(suite: RoundTripSuite<F>): void {
  describe(`round trips per operation on ${suite.label}`, () => {
    let fs: F;
    let dir: string;
    const names = Array.from({ length: 10 }, (_, i) => `entry-${i}`);
    const trips = <T>(op: () => Promise<T>) => countMessages(fs, op);
    const writeTrips = suite.writeTrips ?? 'measured';

    beforeAll(async () => {
      fs = await suite.connect();
      dir = await scratchDir(fs, suite.scratch);
      await writeFile(fs, `${dir}/small`, payload(1));
      await fs.mkdir(`${dir}/ten`);
      for (const [i, n] of names.entries()) await writeFile(fs, `${dir}/ten/${n}`, 'x'.repeat(i));
    });

    afterAll(async () => {
      await rmrf(fs, dir);
      await fs.close();
    });

    suite.own?.(() => fs);

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

    it(`writeFile of a 4 KiB file: ${writeTrips} round trip(s)`, async () => {
      const { messages } = await trips(() => writeFile(fs, `${dir}/written`, payload(2)));
      console.log(`roundtrips ${suite.label}: writeFile of 4 KiB (new file) took ${messages} round trip(s)`);
      if (suite.writeTrips !== undefined) expect(messages).toBe(suite.writeTrips);
      expect((await readFile(fs, `${dir}/written`)).equals(payload(2))).toBe(true);
    });

    it(`writeFile replacing an existing file: ${writeTrips} round trip(s)`, async () => {
      await writeFile(fs, `${dir}/replaced`, payload(3));
      const { messages } = await trips(() => writeFile(fs, `${dir}/replaced`, 'short'));
      console.log(`roundtrips ${suite.label}: writeFile replacing a file took ${messages} round trip(s)`);
      if (suite.writeTrips !== undefined) expect(messages).toBe(suite.writeTrips);
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
