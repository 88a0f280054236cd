import { readFile } from 'node:fs/promises';

/** One line of /proc/self/mountinfo (proc(5)). */
export interface MountEntry {
  id: number;
  mountpoint: string;
  fstype: string;
  source: string;
  options: string;
}

/** mountinfo escapes space, tab, newline and backslash as \ooo. */
function unescape(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

export function parseMountinfo(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const f = line.split(' ');
    const dash = f.indexOf('-', 6);
    if (dash < 0 || f.length < dash + 3) continue;
    out.push({ id: Number(f[0]), mountpoint: unescape(f[4]), options: f[5], fstype: f[dash + 1], source: unescape(f[dash + 2]) });
  }
  return out;
}

export async function readMounts(file = '/proc/self/mountinfo'): Promise<MountEntry[]> {
  return parseMountinfo(await readFile(file, 'utf8'));
}

/** The mount at exactly this (absolute, resolved) path: the last one listed, which is the one on top. */
export async function mountAt(path: string): Promise<MountEntry | undefined> {
  const all = (await readMounts()).filter((m) => m.mountpoint === path);
  return all[all.length - 1];
}
