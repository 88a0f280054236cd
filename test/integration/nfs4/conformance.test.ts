import { defineConformanceSuite } from '../../../src/vfs/conformance/index.js';
import { rmrf } from '../../../src/vfs/index.js';
import { connectNfs, scratchDir } from './targets.js';

/** The VFS conformance suite over NFSv4.0 and NFSv4.1 against the real Ganesha. */
for (const version of ['4.0', '4.1']) {
  defineConformanceSuite(
    `NFSv${version}`,
    async () => {
      const fs = await connectNfs({ version });
      const root = await scratchDir(fs, `conformance-${version}`);
      return {
        fs,
        root,
        teardown: async () => {
          await rmrf(fs, root).catch(() => undefined);
          await fs.close();
        },
      };
    },
    { symlinks: true, unixMode: true, hardlinks: true, xattrs: false, locks: true, timesResolutionNs: 1n, caseSensitive: true },
  );
}
