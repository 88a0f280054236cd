// vitest globalSetup: the real servers for every test run, handed to tests via provide/inject (env.ts).
import type { TestProject } from 'vitest/node';
import { ensureServersInstalled } from './install.js';
import { startSamba } from './samba.js';
import { startGanesha } from './ganesha.js';

const log = (message: string): void => console.log(message);

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // An explicit opt-out for quick unit-only runs; a missing server is otherwise a setup error.
  if (process.env.NETFS_SERVERS === '0') {
    log('netfs: NETFS_SERVERS=0: not starting the test servers');
    return async () => {};
  }
  await ensureServersInstalled(log);
  // In parallel; when one fails, the other is stopped before the error surfaces.
  const [sambaStart, ganeshaStart] = await Promise.allSettled([startSamba({ log }), startGanesha({ log })]);
  if (sambaStart.status === 'rejected' || ganeshaStart.status === 'rejected') {
    const results = [sambaStart, ganeshaStart];
    await Promise.all(results.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    throw results.find((s): s is PromiseRejectedResult => s.status === 'rejected')?.reason;
  }
  const samba = sambaStart.value;
  const ganesha = ganeshaStart.value;
  project.provide('samba', samba.info);
  project.provide('ganesha', ganesha.info);
  return async () => {
    await Promise.all([samba.stop(), ganesha.stop()]);
  };
}
