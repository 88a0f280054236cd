// smb:// URLs for the test servers (no vitest import: start.ts uses it too).
import type { SambaInfo } from './samba-types.js';

/** smb://user:password@host:port/share, the form connect() and the CLI take. */
export function shareUrl(info: SambaInfo, share: string, port = info.port): string {
  const auth = `${encodeURIComponent(info.user)}:${encodeURIComponent(info.password)}`;
  return `smb://${auth}@${info.host}:${port}/${share}`;
}
