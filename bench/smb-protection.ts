// What each client's session really negotiated, in the server's own words (smbstatus):
// the two sides of a ratio must run the same dialect and, on `enc`, encrypt.
import { openSmbclientSession, type SmbclientTarget } from '../test/servers/smbclient.js';
import { smbstatus, type Protection as StatusProtection } from '../test/servers/smbstatus.js';

export interface SessionProtection {
  readonly sessionId: string;
  readonly dialect: string;
  readonly signing: StatusProtection;
  /** On `enc`: the tree connect's (smb encrypt = required), e.g. AES-128-GCM, full. */
  readonly encryption: StatusProtection;
}

/** "AES-128-GCM (full)", "- (none)". */
export const describeProtection = (p: StatusProtection): string => `${p.cipher} (${p.degree})`;

/** The sessions holding a tree connect to shareName, by id. */
async function sessionsOnShare(configFile: string, shareName: string): Promise<Map<string, SessionProtection>> {
  const status = await smbstatus(configFile);
  const found = new Map<string, SessionProtection>();
  for (const tcon of status.tcons) {
    if (tcon.service !== shareName) continue;
    const session = status.sessions.find((s) => s.sessionId === tcon.sessionId);
    if (session === undefined) continue;
    found.set(session.sessionId, {
      sessionId: session.sessionId,
      dialect: session.dialect,
      signing: tcon.signing.degree === 'none' ? session.signing : tcon.signing,
      // The share's encryption (smb encrypt = required) shows on the tree connect.
      encryption: tcon.encryption.degree === 'none' ? session.encryption : tcon.encryption,
    });
  }
  return found;
}

/** The one session on shareName (netfs's, while it alone is connected). */
export async function onlySessionOn(configFile: string, shareName: string): Promise<SessionProtection> {
  const sessions = [...(await sessionsOnShare(configFile, shareName)).values()];
  if (sessions.length !== 1) throw new Error(`smbstatus: expected one session on '${shareName}', found ${sessions.length}`);
  return sessions[0];
}

/** Polls smbstatus until one session on the share is not in exclude; undefined when none shows before the deadline or stop(). */
async function newSession(configFile: string, share: string, exclude: ReadonlySet<string>, stop: () => boolean, signal: AbortSignal): Promise<SessionProtection | undefined> {
  for (const deadline = Date.now() + 15_000; !stop() && Date.now() < deadline; ) {
    signal.throwIfAborted();
    const fresh = [...(await sessionsOnShare(configFile, share)).values()].filter((s) => !exclude.has(s.sessionId));
    if (fresh.length === 1) return fresh[0];
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

/** Connects smbclient with the benchmark's arguments and reads its session from smbstatus while it stays connected. */
export async function smbclientProtection(configFile: string, target: SmbclientTarget, exclude: ReadonlySet<string>, signal: AbortSignal): Promise<SessionProtection> {
  const session = openSmbclientSession({ ...target, timeoutMs: 30_000 });
  let exited = false;
  void session.exited.then(() => {
    exited = true;
  });
  let found: SessionProtection | undefined;
  let output: string;
  try {
    session.send('ls');
    found = await newSession(configFile, target.share, exclude, () => exited, signal);
  } finally {
    output = await session.close();
  }
  if (found === undefined) throw new Error(`smbclient's session on '${target.share}' never showed in smbstatus:\n${output.trim()}`);
  return found;
}
