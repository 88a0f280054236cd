// See demo.sh. Starts Samba on 127.0.0.1, puts a few files in its share, and runs
// `netfs ls -l` and `netfs cat` on it the way a user would.
import { spawn } from 'node:child_process';
import { chown, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSamba } from '../test/servers/samba.js';
import { shareUrl } from '../test/servers/urls.js';

function netfs(args: string[]): Promise<number> {
  console.log(`\n$ netfs ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const samba = await startSamba({ log: (m) => console.error(m) });
let code = 0;
try {
  const { info } = samba;
  const dir = info.shares.plain.path;
  await mkdir(join(dir, 'docs'), { recursive: true });
  await writeFile(join(dir, 'hello.txt'), 'Hello from Samba, read by netfs.\n');
  await writeFile(join(dir, 'docs', 'notes.md'), '# notes\n');
  for (const p of ['hello.txt', 'docs', 'docs/notes.md']) await chown(join(dir, p), info.uid, info.gid);
  const url = shareUrl(info, info.shares.plain.name, info.port);
  code ||= await netfs(['ls', '-l', url]);
  code ||= await netfs(['cat', `${url}/hello.txt`]);
  code ||= await netfs(['df', url]);
  console.log(`\nThe share is ${url}`);
  if (process.argv.includes('--keep')) {
    console.log('Servers left running; Ctrl-C stops them.');
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  }
} finally {
  await samba.stop();
}
process.exit(code);
