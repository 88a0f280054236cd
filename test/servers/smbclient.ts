// Samba's smbclient as an independent client: checks the fixtures and anchors later tests.
import { spawn } from 'node:child_process';
import type { RunResult } from './exec.js';
import { requireExecutable, run } from './exec.js';

/** smbclient's --max-protocol names. */
export type SmbProtocol = 'NT1' | 'SMB2_02' | 'SMB2_10' | 'SMB3_00' | 'SMB3_02' | 'SMB3_11';

export interface SmbclientTarget {
  readonly host: string;
  readonly port: number;
  readonly share: string;
  /** Omitted with `anonymous`. */
  readonly user?: string;
  readonly password?: string;
  readonly domain?: string;
  /** A null session (`-N`, no user). */
  readonly anonymous?: boolean;
  /** Caps the dialect; NT1 also lowers smbclient's own minimum (SMB2_02 by default). */
  readonly maxProtocol?: SmbProtocol;
  /** --client-protection: `off` asks for neither signing nor encryption. */
  readonly protection?: 'sign' | 'encrypt' | 'off';
  readonly timeoutMs?: number;
}

/** The arguments, without commands. `-s /dev/null` keeps the host's smb.conf out of it. */
export function smbclientArgs(t: SmbclientTarget): string[] {
  const args = [`//${t.host}/${t.share}`, '-p', String(t.port), '-s', '/dev/null'];
  if (t.anonymous) args.push('-N');
  else args.push('-U', `${t.user ?? ''}%${t.password ?? ''}`);
  if (t.domain !== undefined) args.push('-W', t.domain);
  if (t.maxProtocol !== undefined) {
    args.push('-m', t.maxProtocol);
    if (t.maxProtocol === 'NT1') args.push('--option=client min protocol=NT1');
  }
  if (t.protection !== undefined) args.push(`--client-protection=${t.protection}`);
  return args;
}

function binary(): string {
  return requireExecutable('smbclient', 'run test/servers/install.sh');
}

/** Runs `smbclient ... -c commands` to completion (never throws on a failed login: read code/output). */
export function smbclient(t: SmbclientTarget, commands: string): Promise<RunResult> {
  return run(binary(), [...smbclientArgs(t), '-c', commands], { timeoutMs: t.timeoutMs ?? 30_000 });
}

/** NT_STATUS_* names in smbclient's output, in order. */
export function ntStatuses(output: string): string[] {
  return output.match(/NT_STATUS_[A-Z0-9_]+/g) ?? [];
}

/** An interactive smbclient that stays connected until close(). */
export interface SmbclientSession {
  /** Sends one command line. */
  send(command: string): void;
  /** Quits and waits for the process; returns everything it printed. */
  close(): Promise<string>;
  /** Settles (with the output) if the process exits on its own, e.g. after a failed login. */
  readonly exited: Promise<string>;
}

/** Starts smbclient reading commands from stdin, so its connection stays up for inspection (smbstatus). */
export function openSmbclientSession(t: SmbclientTarget): SmbclientSession {
  const child = spawn(binary(), smbclientArgs(t), { stdio: ['pipe', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => chunks.push(b));
  child.stderr.on('data', (b: Buffer) => chunks.push(b));
  child.stdin.on('error', () => {
    // exited before reading: `exited` reports it
  });
  const exited = new Promise<string>((resolve) => {
    child.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    child.on('error', (e) => resolve(`cannot run smbclient: ${e.message}`));
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), t.timeoutMs ?? 60_000);
  void exited.then(() => clearTimeout(killer));
  return {
    send(command) {
      child.stdin.write(`${command}\n`);
    },
    async close() {
      child.stdin.end('quit\n');
      return exited;
    },
    exited,
  };
}
