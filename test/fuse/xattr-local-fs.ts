// LocalFileSystem plus extended attributes, through the attr package's getfattr/setfattr
// (Node has no xattr calls): so the conformance suite also drives a mount's
// getxattr/setxattr/listxattr/removexattr the way any program does, with real syscalls.
import { spawn } from 'node:child_process';
import { FsError, type ErrnoCode } from '../../src/vfs/errors.js';
import { LocalFileSystem } from '../support/local-fs.js';

interface Run {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

function run(cmd: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: err }));
  });
}

/** The errno a getfattr/setfattr message names (strerror text). */
function codeOf(stderr: string): ErrnoCode {
  if (/No such attribute|No data available/i.test(stderr)) return 'ENODATA';
  if (/No such file or directory/i.test(stderr)) return 'ENOENT';
  if (/Operation not supported/i.test(stderr)) return 'EOPNOTSUPP';
  if (/Numerical result out of range/i.test(stderr)) return 'ERANGE';
  if (/Permission denied/i.test(stderr)) return 'EACCES';
  if (/File exists/i.test(stderr)) return 'EEXIST';
  return 'EIO';
}

export class XattrLocalFileSystem extends LocalFileSystem {
  private async attr(syscall: string, path: string, cmd: string, args: string[]): Promise<Buffer> {
    const r = await run(cmd, [...args, '--', this.hostPath(path)]);
    if (r.code !== 0) throw new FsError(codeOf(r.stderr), r.stderr.trim(), { syscall, path, protocol: 'local' });
    return r.stdout;
  }

  async getxattr(path: string, name: string): Promise<Buffer> {
    return this.attr('getxattr', path, 'getfattr', ['--absolute-names', '--only-values', '-n', name]);
  }

  async setxattr(path: string, name: string, value: Buffer): Promise<void> {
    await this.attr('setxattr', path, 'setfattr', ['-n', name, '-v', '0x' + value.toString('hex')]);
  }

  async listxattr(path: string): Promise<string[]> {
    const out = (await this.attr('listxattr', path, 'getfattr', ['--absolute-names', '-m', '^user\\.'])).toString();
    return out.split('\n').filter((l) => l !== '' && !l.startsWith('# file:'));
  }

  async removexattr(path: string, name: string): Promise<void> {
    await this.attr('removexattr', path, 'setfattr', ['-x', name]);
  }
}
