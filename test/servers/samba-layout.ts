// Where one smbd instance keeps everything: all under its own directory, nothing in /etc, /var or /run.
import { chmod, chown, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { UnixUser } from './unix-user.js';

/** The share names every instance exports (what SambaShares calls plain/encrypted/guest). */
export const SHARE_NAMES = {
  plain: 'share',
  encrypted: 'enc',
  guest: 'guest',
} as const;

export type ShareRole = keyof typeof SHARE_NAMES;

export interface SambaLayout {
  readonly root: string;
  readonly configFile: string;
  readonly privateDir: string;
  readonly lockDir: string;
  readonly stateDir: string;
  readonly cacheDir: string;
  readonly pidDir: string;
  /** `ncalrpc dir`: smbd exits at once when it cannot create its pipe directory. */
  readonly ncalrpcDir: string;
  readonly logDir: string;
  /** stdout+stderr of smbd (started with --debug-stdout). */
  readonly smbdLog: string;
  /** stdout+stderr of samba-dcerpcd. */
  readonly dcerpcdLog: string;
  /** `log file`: processes without --debug-stdout (the rpcd_* workers). */
  readonly sambaLog: string;
  readonly shares: Readonly<Record<ShareRole, string>>;
  /** Backs the instance's hidden probe share (see samba-config.ts). */
  readonly probeDir: string;
}

export function sambaLayout(root: string): SambaLayout {
  const logDir = join(root, 'log');
  const shareRoot = join(root, 'shares');
  return {
    root,
    configFile: join(root, 'smb.conf'),
    privateDir: join(root, 'private'),
    lockDir: join(root, 'lock'),
    stateDir: join(root, 'state'),
    cacheDir: join(root, 'cache'),
    pidDir: join(root, 'pid'),
    ncalrpcDir: join(root, 'ncalrpc'),
    logDir,
    smbdLog: join(logDir, 'smbd.log'),
    dcerpcdLog: join(logDir, 'samba-dcerpcd.log'),
    sambaLog: join(logDir, 'samba.log'),
    shares: {
      plain: join(shareRoot, SHARE_NAMES.plain),
      encrypted: join(shareRoot, SHARE_NAMES.encrypted),
      guest: join(shareRoot, SHARE_NAMES.guest),
    },
    probeDir: join(root, 'probe'),
  };
}

/**
 * Creates the directories. The server's own are root-only; the share directories belong
 * to the test user, and the guest share is writable by everyone (guest maps to nobody).
 */
export async function createLayout(layout: SambaLayout, owner: UnixUser): Promise<void> {
  const serverDirs = [layout.lockDir, layout.stateDir, layout.cacheDir, layout.pidDir, layout.ncalrpcDir, layout.logDir];
  await mkdir(layout.root, { recursive: true, mode: 0o755 });
  await chmod(layout.root, 0o755);
  await mkdir(layout.privateDir, { mode: 0o700 });
  for (const dir of serverDirs) await mkdir(dir, { mode: 0o755 });
  await mkdir(layout.probeDir, { mode: 0o755 });
  for (const dir of [layout.shares.plain, layout.shares.encrypted, layout.shares.guest]) {
    await mkdir(dir, { recursive: true, mode: 0o755 });
    await chown(dir, owner.uid, owner.gid);
  }
  await chmod(layout.shares.guest, 0o777);
}
