// The VFS conformance suite run THROUGH a FUSE mount: a FileSystem over the local directory
// where `netfs mount` put the share (test/support/local-fs.ts), so every call goes
// kernel -> FUSE -> netfs -> Samba. The mount runs in its own process.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { defineConformanceSuite } from '../../src/vfs/conformance/index.js';
import { smbUrl } from '../integration/smb2/targets.js';
import { XattrLocalFileSystem } from './xattr-local-fs.js';
import { describeRun } from '../support/cli.js';
import { freshDir, mountedAt, removeDir, startMount } from './mounts.js';

defineConformanceSuite(
  'FUSE mount of SMB 3.1.1 + POSIX',
  async () => {
    const base = await freshDir('conformance');
    const mp = join(base, 'mnt');
    const m = await startMount(smbUrl({ query: 'vers=3.1.1' }), mp);
    const scratch = `conformance-${process.pid}-${Date.now()}`;
    await mkdir(join(mp, scratch));
    const fs = new XattrLocalFileSystem(mp);
    return {
      fs,
      root: `/${scratch}`,
      teardown: async () => {
        await rm(join(mp, scratch), { recursive: true, force: true });
        const r = await m.stop('SIGTERM');
        expect(r.code, describeRun(r)).toBe(0);
        expect(await mountedAt(mp)).toBeUndefined();
        await removeDir(base);
      },
    };
  },
  {
    symlinks: true,
    unixMode: true,
    // unixOwner is not declared, as for the SMB client itself (test/integration/smb2/conformance.test.ts):
    // Samba reports the test user by its domain SID, which netfs does not map to a uid yet.
    hardlinks: true,
    xattrs: true,
    // Locks: fuse-native passes no lock requests, so the kernel keeps POSIX locks locally;
    // LocalFileSystem keeps its own in-process table either way.
    locks: true,
    // fuse-native carries times in whole milliseconds.
    timesResolutionNs: 1_000_000n,
    caseSensitive: true,
  },
);
