// See demo.sh. Starts Samba and nfs-ganesha on 127.0.0.1, puts a few files in the share
// and the export, runs `netfs ls -l` and `netfs cat` on each the way a user would, then
// mounts each with `netfs mount` and lists it through the mount with ls -l, cat and df;
// Ctrl-C (or the end of the demo without --keep) unmounts them.
import { spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSamba } from '../test/servers/samba.js';
import { startGanesha } from '../test/servers/ganesha.js';
import { nfsUrl } from '../test/servers/ganesha-urls.js';
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

/** Lists url with the CLI, mounts it at a fresh mount point and lists it through the mount; the mount stays until release(). */
async function showAndMount(url: string, file: string): Promise<{ code: number; mp: string; release: () => Promise<number> }> {
  let code = 0;
  code ||= await netfs(['ls', '-l', url]);
  code ||= await netfs(['cat', `${url}/${file}`]);
  code ||= await netfs(['df', url]);
  const work = await mkdtemp(join(tmpdir(), 'netfs-demo-'));
  const mp = join(work, 'mnt');
  await mkdir(mp);
  const mounted = await mountShare(url, mp);
  code ||= await tool('ls', ['-l', mp]);
  code ||= await tool('cat', [join(mp, file)]);
  code ||= await tool('df', ['-h', mp]);
  const release = async (): Promise<number> => {
    // The mount unmounts itself on SIGINT, as it does for a user's Ctrl-C.
    mounted.child.kill('SIGINT');
    const ended = await mounted.ended;
    await rm(work, { recursive: true, force: true }).catch(() => undefined);
    return ended;
  };
  return { code, mp, release };
}

const samba = await startSamba({ log: (m) => console.error(m) });
let code = 0;
const mounts: Array<() => Promise<number>> = [];
try {
  const ganesha = await startGanesha({ log: (m) => console.error(m) });
  try {
    const { info } = samba;
    const dir = info.shares.plain.path;
    await mkdir(join(dir, 'docs'), { recursive: true });
    await writeFile(join(dir, 'hello.txt'), 'Hello from Samba, read by netfs.\n');
    await writeFile(join(dir, 'docs', 'notes.md'), '# notes\n');
    for (const p of ['hello.txt', 'docs', 'docs/notes.md']) await chown(join(dir, p), info.uid, info.gid);
    const smb = await showAndMount(shareUrl(info, info.shares.plain.name, info.port), 'hello.txt');
    mounts.push(smb.release);
    code ||= smb.code;

    const g = ganesha.info;
    await writeFile(join(g.hostPath, 'hello-nfs.txt'), 'Hello from nfs-ganesha, read by netfs over NFSv4.1.\n');
    await mkdir(join(g.hostPath, 'data'), { recursive: true });
    const nfs = await showAndMount(nfsUrl(g), 'hello-nfs.txt');
    mounts.push(nfs.release);
    code ||= nfs.code;

    console.log(`\nSMB share mounted at ${smb.mp}, NFS export mounted at ${nfs.mp}`);
    if (process.argv.includes('--keep')) {
      console.log('Mounts and servers left running; Ctrl-C unmounts and stops them.');
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
  } finally {
    for (const release of mounts.reverse()) code ||= await release();
    await ganesha.stop();
  }
} finally {
  await samba.stop();
}
process.exit(code);
