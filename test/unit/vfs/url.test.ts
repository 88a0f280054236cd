import { describe, expect, it } from 'vitest';
import { flagParam, parseUrl, redact } from '../../../src/vfs/url.js';
import { FsError } from '../../../src/vfs/errors.js';

describe('parseUrl', () => {
  it('reads every part of an SMB URL', () => {
    const u = parseUrl('smb://WORKGROUP;tester:s%40cret@127.0.0.1:4450/share/dir/a%20b.txt?vers=3.1.1&seal&sign=no');
    expect(u.scheme).toBe('smb');
    expect(u.domain).toBe('WORKGROUP');
    expect(u.user).toBe('tester');
    expect(u.password).toBe('s@cret');
    expect(u.host).toBe('127.0.0.1');
    expect(u.port).toBe(4450);
    expect(u.path).toBe('/share/dir/a b.txt');
    expect(u.params.get('vers')).toBe('3.1.1');
    expect(flagParam(u.params, 'seal')).toBe(true);
    expect(flagParam(u.params, 'sign')).toBe(false);
    expect(flagParam(u.params, 'absent')).toBeUndefined();
  });

  it('accepts a URL without user, port or path', () => {
    const u = parseUrl('nfs://server');
    expect(u).toMatchObject({ scheme: 'nfs', host: 'server', port: undefined, user: undefined, path: '/' });
  });

  it('reads IPv6 literals', () => {
    expect(parseUrl('smb://[::1]:445/s').host).toBe('::1');
  });

  it('rejects what is not a URL with EINVAL', () => {
    for (const bad of ['share/path', 'smb://', 'smb://host:99999/s', 'smb://host/%zz']) {
      expect(() => parseUrl(bad)).toThrow(FsError);
      try {
        parseUrl(bad);
      } catch (e) {
        expect((e as FsError).code).toBe('EINVAL');
      }
    }
  });

  it('never shows a password in its messages', () => {
    expect(redact('smb://u:pw@h/s')).toBe('smb://u:***@h/s');
    try {
      parseUrl('smb://u:pw@h:0/s');
    } catch (e) {
      expect((e as Error).message).not.toContain('pw');
    }
  });
});
