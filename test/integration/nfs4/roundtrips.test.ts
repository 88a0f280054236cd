// DESIGN.md, "Round trips": a common VFS operation is one NFSv4 COMPOUND, so one RPC record
// on the wire and one round trip. Counted with Nfs4FileSystem.messagesSent.
import { expect, it } from 'vitest';
import { Nfs4FileSystem } from '../../../src/nfs4/client.js';
import { asClient } from '../../support/clients.js';
import { describeRoundTrips } from '../shared-roundtrips.js';
import { connectNfs } from './targets.js';

/**
 * Round trips a small writeFile is expected to take. NFSv4.1 chains OPEN, WRITE and CLOSE
 * through the current stateid; NFSv4.0 has none: a small read goes with the anonymous stateid
 * (one COMPOUND), a small write is OPEN, then WRITE FILE_SYNC4 + CLOSE with the stateid OPEN
 * returned (an idle, already confirmed open-owner needs no OPEN_CONFIRM).
 */
const WRITE_TRIPS: Record<string, number> = {
  '4.1': 1,
  '4.0': 2,
};

for (const version of ['4.1', '4.0']) {
  describeRoundTrips({
    label: `NFSv${version}`,
    connect: async () => asClient(await connectNfs({ version }), Nfs4FileSystem),
    scratch: `roundtrips-${version}`,
    writeTrips: WRITE_TRIPS[version],
    own: (fs) => {
      it(`speaks minor version ${version.slice(2)}`, () => {
        expect(fs().minorVersion).toBe(Number(version.slice(2)));
      });
    },
  });
}
