// vitest globalSetup: the real servers for every test run, handed to tests via provide/inject (env.ts).
import type { TestProject } from 'vitest/node';
import { ensureServersInstalled } from './install.js';
import { startSamba } from './samba.js';

const log = (message: string): void => console.log(message);

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // An explicit opt-out for quick unit-only runs; a missing server is otherwise a setup error.
  if (process.env.NETFS_SERVERS === '0') {
    log('netfs: NETFS_SERVERS=0: not starting the test servers');
    return async () => {};
  }
  await ensureServersInstalled(log);
  const samba = await startSamba({ log });
  project.provide('samba', samba.info);
  return async () => {
    await samba.stop();
  };
}
