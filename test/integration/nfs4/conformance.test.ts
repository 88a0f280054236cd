import { defineConformanceSuite } from '../../../src/vfs/conformance/index.js';
import { connectNfs, scratchTarget } from './targets.js';

/** The VFS conformance suite over NFSv4.0 and NFSv4.1 against the real Ganesha. */
for (const version of ['4.0', '4.1']) {
  defineConformanceSuite(
    `NFSv${version}`,
    async () => scratchTarget(await connectNfs({ version }), `conformance-${version}`),
    { symlinks: true, unixMode: true, hardlinks: true, xattrs: false, locks: true, timesResolutionNs: 1n, caseSensitive: true },
  );
}
