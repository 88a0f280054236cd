import { defineConformanceSuite } from '../../../src/vfs/conformance/index.js';
import { connectTo, scratchTarget } from './targets.js';

/** The VFS conformance suite over the SMB2 dialects and protections the issue names. */
const variants = [
  { name: 'SMB 2.1', query: 'vers=2.1', posix: false },
  { name: 'SMB 3.0.2', query: 'vers=3.0.2', posix: false },
  { name: 'SMB 3.1.1 + POSIX', query: 'vers=3.1.1', posix: true },
  { name: 'SMB 3.1.1 signed (server requires signing)', query: 'vers=3.1.1', signed: true, posix: true },
  { name: 'SMB 3.1.1 encrypted share', query: 'vers=3.1.1', share: 'encrypted' as const, posix: true },
];

for (const v of variants) {
  defineConformanceSuite(
    v.name,
    async () => scratchTarget(await connectTo({ query: v.query, signed: v.signed, share: v.share }), 'conformance'),
    {
      symlinks: v.posix,
      unixMode: v.posix,
      hardlinks: v.posix,
      xattrs: true,
      locks: true,
      timesResolutionNs: 100n,
      caseSensitive: v.posix ? true : false,
    },
  );
}
