// The Unix account behind the Samba test user: smbd becomes this user after login.
import { findExecutable, run, runChecked } from './exec.js';

export interface UnixUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/** useradd's exit status when the login already exists (another run created it first). */
const USERADD_EXISTS = 9;

async function lookup(name: string): Promise<UnixUser | undefined> {
  const uid = await run('id', ['-u', name]);
  if (uid.code !== 0) return undefined;
  const gid = await runChecked('id', ['-g', name]);
  return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Returns the account, creating it (no home, no login shell, own group) when missing. Needs root to create. */
export async function ensureUnixUser(name: string): Promise<UnixUser> {
  const existing = await lookup(name);
  if (existing) return existing;
  if (process.getuid?.() !== 0) {
    throw new Error(`Unix user ${name} does not exist and only root can create it (useradd)`);
  }
  const add = await run(findExecutable('useradd') ?? 'useradd', ['--no-create-home', '--user-group', '--shell', '/usr/sbin/nologin', name]);
  if (add.code !== 0 && add.code !== USERADD_EXISTS) {
    throw new Error(`useradd ${name} failed (${add.code}): ${add.output.trim()}`);
  }
  const created = await lookup(name);
  if (!created) throw new Error(`useradd ${name} succeeded but id ${name} still fails`);
  return created;
}
