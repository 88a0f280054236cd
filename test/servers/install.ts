// Runs install.sh when the server programs are missing (a fresh machine).
import { fileURLToPath } from 'node:url';
import { findExecutable, run } from './exec.js';

/** What the fixtures and the integration tests call; install.sh provides all of them. */
const REQUIRED = ['smbd', 'samba-dcerpcd', 'pdbedit', 'smbclient', 'smbstatus', 'getfattr', 'fusermount3', 'ganesha.nfsd', 'rpcbind', 'nfs-ls'];

export function missingPrograms(): string[] {
  return REQUIRED.filter((name) => findExecutable(name) === undefined);
}

/** Installs the Debian packages when something is missing; throws with install.sh's output if that fails. */
export async function ensureServersInstalled(log: (message: string) => void): Promise<void> {
  const missing = missingPrograms();
  if (missing.length === 0) return;
  log(`netfs: ${missing.join(', ')} missing: running test/servers/install.sh`);
  const script = fileURLToPath(new URL('./install.sh', import.meta.url));
  const r = await run('bash', [script], { timeoutMs: 15 * 60_000 });
  const still = missingPrograms();
  if (r.code !== 0 || still.length > 0) {
    throw new Error(`install.sh ${r.code === 0 ? `left ${still.join(', ')} missing` : `failed (${r.code})`}:\n${r.output.trim()}`);
  }
}
