// Large transfers and large directories, once, on NFSv4.1: a 256 MiB file streamed up and
// down with bounded memory, and a 5,000-entry readdir over many READDIR rounds.
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { Nfs4FileSystem } from '../../../src/nfs4/client.js';
import { writeFile } from '../../../src/vfs/index.js';
import { ganesha } from '../../servers/env.js';
import { asClient } from '../../support/clients.js';
import { countMessages } from '../../support/round-trips.js';
import { describeLargeTransfers, ENTRIES, expectListing, manyEntries, seconds } from '../shared-large.js';
import { connectNfs } from './targets.js';

/** writeFile calls in flight while the 5,000 files are made. */
const CREATE_WINDOW = 64;

/** Runs work over items with at most `window` of them in flight. */
async function inWindow<T>(items: readonly T[], window: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(window, items.length) }, worker));
}

describeLargeTransfers(
  'NFSv4.1',
  {
    connect: async () => asClient(await connectNfs({ version: '4.1' }), Nfs4FileSystem),
    // What the server stored is read from the export's host directory.
    hostRoot: () => ganesha().hostPath,
  },
  ({ fs: connection, dir, hostDir }) => {
    it('readdir of 5,000 entries made through netfs: every name once, sizes right', { timeout: 120_000 }, async () => {
      const fs = connection();
      await fs.mkdir(`${dir}/many`);
      const sizes = manyEntries();
      const t0 = performance.now();
      const made = await countMessages(fs, () =>
        inWindow([...sizes], CREATE_WINDOW, ([name, size]) => writeFile(fs, `${dir}/many/${name}`, Buffer.alloc(size, 0x61))),
      );
      const tMade = performance.now();

      const listed = await expectListing(fs, `${dir}/many`, sizes);
      // The host directory agrees.
      expect((await fsp.readdir(join(hostDir(), 'many'))).length).toBe(ENTRIES);
      expect(listed.messages).toBeGreaterThan(1);
      console.log(
        `large: created ${ENTRIES} files through netfs in ${seconds(tMade - t0)} (${made.messages} messages, window ${CREATE_WINDOW}); ` +
          `readdir ${seconds(listed.ms)} in ${listed.messages} messages`,
      );
    });
  },
);
