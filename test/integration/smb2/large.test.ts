// Large transfers and large directories, once, on SMB 3.1.1 and the plain share: a 256 MiB
// file streamed up and down with bounded memory, and a 5,000-entry readdir.
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'vitest';
import { Smb2FileSystem } from '../../../src/smb2/client.js';
import { samba } from '../../servers/env.js';
import { asClient } from '../../support/clients.js';
import { describeLargeTransfers, ENTRIES, expectListing, manyEntries, seconds } from '../shared-large.js';
import { connectTo } from './targets.js';

describeLargeTransfers(
  'SMB 3.1.1',
  {
    connect: async () => asClient(await connectTo({ query: 'vers=3.1.1' }), Smb2FileSystem),
    // What the server stored is read from the share's host directory.
    hostRoot: () => samba().shares.plain.path,
  },
  ({ fs, dir, hostDir }) => {
    it('readdir of 5,000 entries made on the host: every name once, sizes right', { timeout: 120_000 }, async () => {
      const s = samba();
      const host = join(hostDir(), 'many');
      await fsp.mkdir(host);
      await fsp.chown(host, s.uid, s.gid);
      const sizes = manyEntries();
      const t0 = performance.now();
      const all = [...sizes];
      for (let i = 0; i < all.length; i += 200) {
        await Promise.all(
          all.slice(i, i + 200).map(async ([name, size]) => {
            const p = join(host, name);
            await fsp.writeFile(p, Buffer.alloc(size, 0x61));
            await fsp.chown(p, s.uid, s.gid);
          }),
        );
      }
      const tMade = performance.now();

      const listed = await expectListing(fs(), `${dir}/many`, sizes);
      console.log(`large: created ${ENTRIES} files on the host in ${seconds(tMade - t0)}; readdir ${seconds(listed.ms)} in ${listed.messages} messages`);
    });
  },
);
