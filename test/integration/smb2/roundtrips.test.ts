// DESIGN.md, "Round trips": a common VFS operation is one SMB2 compound, so one message
// on the wire and one round trip. Counted with Smb2FileSystem.messagesSent.
import { expect, it } from 'vitest';
import { Smb2FileSystem } from '../../../src/smb2/client.js';
import { asClient } from '../../support/clients.js';
import { describeRoundTrips } from '../shared-roundtrips.js';
import { connectTo } from './targets.js';

for (const vers of ['3.1.1', '2.1']) {
  describeRoundTrips({
    label: `SMB ${vers}`,
    connect: async () => asClient(await connectTo({ query: `vers=${vers}` }), Smb2FileSystem),
    scratch: `roundtrips-${vers}`,
    writeTrips: 1,
    own: (fs) => {
      it(`${vers === '3.1.1' ? 'uses' : 'has no'} SMB3 POSIX extensions`, () => {
        expect(fs().posix).toBe(vers === '3.1.1');
      });
    },
  });
}
