// Starts the test servers in the foreground for a human; Ctrl-C stops them.
// Run: test/servers/start.sh   (or: node --import tsx test/servers/start.ts)
import { shareUrl } from './urls.js';
import { ensureServersInstalled } from './install.js';
import { startSamba } from './samba.js';
import { startGanesha } from './ganesha.js';
import { describeGanesha } from './ganesha-urls.js';
import type { SambaInfo } from './samba-types.js';

function describe(info: SambaInfo): string {
  const lines = [`Samba: ${info.version}`, `  user ${info.user}, password ${info.password}, domain ${info.domain}`];
  const instances = [
    ['signing auto', info.port, info.shares],
    ['signing mandatory', info.signedPort, info.signedShares],
  ] as const;
  for (const [what, port, shares] of instances) {
    lines.push(`  ${what} (port ${port}):`);
    for (const share of [shares.plain, shares.encrypted, shares.guest]) {
      lines.push(`    ${shareUrl(info, share.name, port).padEnd(52)} ${share.path}`);
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const log = (message: string): void => console.error(message);
  await ensureServersInstalled(log);
  const [samba, ganesha] = await Promise.all([startSamba({ log }), startGanesha({ log })]);
  console.log(describe(samba.info));
  console.log(`  logs: ${samba.info.instances.main.logFile}, ${samba.info.instances.signed.logFile}`);
  console.log(describeGanesha(ganesha.info));
  console.log('Ctrl-C stops the servers.');
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.error('netfs: stopping the servers');
    Promise.all([samba.stop(), ganesha.stop()]).then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  // The daemons are unref'd; this keeps the process (and so the servers) alive until a signal.
  setInterval(() => {}, 1 << 30);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
