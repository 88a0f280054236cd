import { FsError } from './errors.js';

/**
 * A parsed netfs URL, protocol-neutral:
 *   smb://[domain;]user[:password]@host[:port]/share[/path][?vers=3.1.1&seal&sign]
 *   nfs://host[:port]/export/path[?version=4.1&uid=&gid=]
 * Percent-escapes are decoded in every part. A query key without '=' is a flag ('' value).
 */
export interface NetfsUrl {
  scheme: string;
  host: string;
  port: number | undefined;
  domain: string | undefined;
  user: string | undefined;
  password: string | undefined;
  /** The path after the host, POSIX, always starting with '/'. */
  path: string;
  params: Map<string, string>;
}

const URL_RE = /^([a-z][a-z0-9+.-]*):\/\/(?:([^@/]*)@)?(\[[^\]]+\]|[^/:?#]*)(?::(\d*))?(\/[^?#]*)?(?:\?([^#]*))?$/i;

function decode(part: string, what: string, url: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new FsError('EINVAL', `bad percent-escape in the ${what} of '${redact(url)}'`);
  }
}

/** The URL with any password replaced by '***', for messages and logs. */
export function redact(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}

export function parseUrl(url: string): NetfsUrl {
  const m = URL_RE.exec(url.trim());
  if (!m) throw new FsError('EINVAL', `not a URL: '${redact(url)}' (expected e.g. smb://user@host/share/path)`);
  const [, scheme, userinfo, rawHost, rawPort, rawPath, rawQuery] = m;
  if (!rawHost) throw new FsError('EINVAL', `no host in '${redact(url)}'`);
  let domain: string | undefined;
  let user: string | undefined;
  let password: string | undefined;
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    let who = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
    if (colon >= 0) password = decode(userinfo.slice(colon + 1), 'password', url);
    who = decode(who, 'user', url);
    const semi = who.indexOf(';');
    if (semi >= 0) {
      domain = who.slice(0, semi);
      who = who.slice(semi + 1);
    }
    user = who;
  }
  let port: number | undefined;
  if (rawPort !== undefined && rawPort !== '') {
    port = Number(rawPort);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new FsError('EINVAL', `bad port '${rawPort}' in '${redact(url)}'`);
  }
  const params = new Map<string, string>();
  for (const kv of (rawQuery ?? '').split('&')) {
    if (!kv) continue;
    const eq = kv.indexOf('=');
    const k = decode(eq >= 0 ? kv.slice(0, eq) : kv, 'query', url).toLowerCase();
    params.set(k, eq >= 0 ? decode(kv.slice(eq + 1).replace(/\+/g, ' '), 'query', url) : '');
  }
  return {
    scheme: scheme.toLowerCase(),
    host: rawHost.startsWith('[') ? rawHost.slice(1, -1) : decode(rawHost, 'host', url),
    port,
    domain,
    user,
    password,
    path: decode(rawPath ?? '/', 'path', url),
    params,
  };
}

/** Reads a boolean query flag: present without value, or 1/yes/true/on. */
export function flagParam(params: Map<string, string>, name: string): boolean | undefined {
  const v = params.get(name);
  if (v === undefined) return undefined;
  if (v === '' || /^(1|yes|true|on)$/i.test(v)) return true;
  if (/^(0|no|false|off)$/i.test(v)) return false;
  throw new FsError('EINVAL', `bad value '${v}' for URL option '${name}' (expected yes/no)`);
}
