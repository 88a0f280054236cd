// See demo.sh. Starts Samba on 127.0.0.1, puts a few files in its share, runs
// `netfs ls -l` and `netfs cat` on it the way a user would, then mounts the share with
// `netfs mount` and lists it through the mount with ls -l, cat and df; Ctrl-C (or the end
// of the demo without --keep) unmounts it.
import { spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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

/** Runs a shell tool as a user would, output to this terminal. */
function tool(cmd: string, args: string[]): Promise<number> {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** Starts `netfs mount URL MP` in the foreground of a child process; resolves once it is mounted. */
function mountShare(url: string, mp: string): Promise<{ child: ChildProcess; ended: Promise<number> }> {
  console.log(`\n$ netfs mount ${url} ${mp} &`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'mount', url, mp], { stdio: ['ignore', 'inherit', 'pipe'] });
  const ended = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (b: Buffer) => {
      process.stderr.write(b);
      err += b.toString();
      if (/netfs: mounted /.test(err)) resolve({ child, ended });
    });
    ended.then((code) => reject(new Error(`netfs mount ended (exit ${code}) before mounting`)));
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

  const work = await mkdtemp(join(tmpdir(), 'netfs-demo-'));
  const mp = join(work, 'mnt');
  await mkdir(mp);
  const mounted = await mountShare(url, mp);
  try {
    code ||= await tool('ls', ['-l', mp]);
    code ||= await tool('cat', [join(mp, 'hello.txt')]);
    code ||= await tool('df', ['-h', mp]);
    console.log(`\nThe share is ${url}, mounted at ${mp}`);
    if (process.argv.includes('--keep')) {
      console.log('Mount and servers left running; Ctrl-C unmounts and stops them.');
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
  } finally {
    // The mount unmounts itself on SIGINT, as it does for a user's Ctrl-C.
    mounted.child.kill('SIGINT');
    code ||= await mounted.ended;
    await rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
} finally {
  await samba.stop();
}
process.exit(code);
