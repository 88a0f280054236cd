import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConformanceSuite } from '../../../src/vfs/conformance/index.js';
import { LocalFileSystem, type LocalFsOptions } from '../../support/local-fs.js';

/** A fresh host directory with the suite's root one level down, as on a share. */
function localTarget(opts: LocalFsOptions) {
  return async () => {
    const host = await mkdtemp(join(tmpdir(), 'netfs-vfs-'));
    await mkdir(join(host, 'suite root'));
    const fs = new LocalFileSystem(host, opts);
    return {
      fs,
      root: '/suite root',
      teardown: async () => {
        await fs.close();
        await rm(host, { recursive: true, force: true });
      },
    };
  };
}

const everything = {
  symlinks: true,
  unixMode: true,
  unixOwner: true,
  hardlinks: true,
  locks: true,
  // utimes goes through a double of seconds: microseconds survive.
  timesResolutionNs: 1000n,
  caseSensitive: true,
};

defineConformanceSuite('local fs, small-file ops, 1 MiB requests', localTarget({}), everything);
// Small requests and no one-round-trip shortcuts: every helper takes its pipelined path.
defineConformanceSuite('local fs, 64 KiB requests', localTarget({ ioSize: 64 * 1024, smallFileOps: false }), everything);
