// Which SMB session each mount holds, in the server's words (smbstatus): the mounts compared
// must run the same dialect with the same protection.
import { smbstatus } from '../test/servers/smbstatus.js';
import type { SessionProtection } from './smb-protection.js';

/**
 * The one session with a tree connect to shareName whose id is not in known: the session of
 * the mount that connected last (each mount has listed the share before this is asked).
 */
export async function newSessionOn(configFile: string, shareName: string, known: ReadonlySet<string>): Promise<SessionProtection> {
  const status = await smbstatus(configFile);
  const ids = new Set(status.tcons.filter((t) => t.service === shareName && !known.has(t.sessionId)).map((t) => t.sessionId));
  if (ids.size !== 1) throw new Error(`smbstatus: expected one new session on '${shareName}', found ${ids.size} (known: ${[...known].join(', ') || 'none'})`);
  const [id] = ids;
  const session = status.sessions.find((s) => s.sessionId === id);
  const tcon = status.tcons.find((t) => t.sessionId === id && t.service === shareName);
  if (session === undefined || tcon === undefined) throw new Error(`smbstatus: session ${id} on '${shareName}' has no session entry`);
  return {
    sessionId: id,
    dialect: session.dialect,
    signing: tcon.signing.degree === 'none' ? session.signing : tcon.signing,
    encryption: tcon.encryption.degree === 'none' ? session.encryption : tcon.encryption,
  };
}
