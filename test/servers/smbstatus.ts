// The server's own view of its connections: `smbstatus --json` (Samba >= 4.16).
import { requireExecutable, runChecked } from './exec.js';

/** How a session or tree connect is protected, as smbstatus reports it. */
export interface Protection {
  /** e.g. "AES-128-GMAC", "AES-128-GCM", or "-" for none. */
  readonly cipher: string;
  /** "none", "partial" (e.g. only the session setup signed), "full", or "anonymous". */
  readonly degree: string;
}

export interface StatusSession {
  readonly sessionId: string;
  readonly username: string;
  readonly dialect: string;
  readonly signing: Protection;
  readonly encryption: Protection;
}

export interface StatusTcon {
  readonly sessionId: string;
  readonly service: string;
  readonly signing: Protection;
  readonly encryption: Protection;
}

export interface SmbStatus {
  readonly sessions: StatusSession[];
  readonly tcons: StatusTcon[];
}

type Json = Record<string, unknown>;

function object(v: unknown, what: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`smbstatus --json: ${what} is not an object`);
  return v as Json;
}

function text(o: Json, key: string, what: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new Error(`smbstatus --json: ${what}.${key} is not a string`);
  return v;
}

function protection(o: Json, key: string, what: string): Protection {
  const p = object(o[key], `${what}.${key}`);
  return { cipher: text(p, 'cipher', key), degree: text(p, 'degree', key) };
}

/** Parses smbstatus --json output (only the fields the tests read). */
export function parseSmbStatus(json: string): SmbStatus {
  const root = object(JSON.parse(json) as unknown, 'the document');
  const sessions = Object.values(object(root.sessions ?? {}, 'sessions')).map((v) => {
    const s = object(v, 'session');
    return {
      sessionId: text(s, 'session_id', 'session'),
      username: text(s, 'username', 'session'),
      dialect: text(s, 'session_dialect', 'session'),
      signing: protection(s, 'signing', 'session'),
      encryption: protection(s, 'encryption', 'session'),
    };
  });
  const tcons = Object.values(object(root.tcons ?? {}, 'tcons')).map((v) => {
    const t = object(v, 'tcon');
    return {
      sessionId: text(t, 'session_id', 'tcon'),
      service: text(t, 'service', 'tcon'),
      signing: protection(t, 'signing', 'tcon'),
      encryption: protection(t, 'encryption', 'tcon'),
    };
  });
  return { sessions, tcons };
}

/** Sessions and tree connects of the smbd that uses configFile. */
export async function smbstatus(configFile: string): Promise<SmbStatus> {
  const bin = requireExecutable('smbstatus', 'run test/servers/install.sh');
  const r = await runChecked(bin, ['-s', configFile, '--json'], { timeoutMs: 30_000 });
  return parseSmbStatus(r.stdout);
}
