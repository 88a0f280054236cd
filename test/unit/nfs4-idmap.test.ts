// owner/owner_group <-> uid/gid (RFC 8881 5.9): decimal strings, name@domain through passwd and
// group contents, the domain check, nobody, the fallbacks, and what is sent.
import { describe, expect, it } from 'vitest';
import { DEFAULT_NFS4_DOMAIN, IdMap, NOBODY_ID } from '../../src/nfs4/idmap.js';
import { thrown } from './rpc/golden.js';

const PASSWD = [
  '# comment line',
  'root:x:0:0:root:/root:/bin/bash',
  'alice:x:1000:1000::/home/alice:/bin/sh',
  '',
  'broken line without fields',
  'badid:x:notanumber:1::/:/bin/false',
  'alice:x:2000:2000:a second alice loses:/:/bin/sh',
  'alias:x:1000:1000:a second name for 1000:/:/bin/sh',
  'big:x:4294967295:1::/:/bin/false',
].join('\n');
const GROUP = 'root:x:0:\nstaff:x:50:alice\nwheel:x:10:root,alice\n';

function map(extra: Partial<ConstructorParameters<typeof IdMap>[0]> = {}): IdMap {
  return new IdMap({ defaultUid: 4000, defaultGid: 4001, passwd: PASSWD, group: GROUP, ...extra });
}

describe('IdMap.uid / gid: what the server sent', () => {
  it('a decimal string is that number (AUTH_SYS numeric owners)', () => {
    const m = map();
    expect(['0', '1000', '4242', '4294967295', '0065534'].map((s) => m.uid(s))).toEqual([0, 1000, 4242, 4294967295, 65534]);
    expect(m.gid('1000')).toBe(1000);
  });

  it('not a uint32: neither a number nor a known name, so the default', () => {
    const m = map();
    expect(['4294967296', '-1', '1e3', ' 1', '12345678901', ''].map((s) => m.uid(s))).toEqual([4000, 4000, 4000, 4000, 4000, 4000]);
  });

  it('name@domain with no domain configured: the name looked up, whatever the domain', () => {
    const m = map();
    expect(['root@localdomain', 'alice@example.org', 'alice@', 'big@x'].map((s) => m.uid(s))).toEqual([0, 1000, 1000, 4294967295]);
    expect(['staff@localdomain', 'wheel@example.org', 'root@x'].map((s) => m.gid(s))).toEqual([50, 10, 0]);
  });

  it('a bare name is looked up too', () => {
    expect(map().uid('alice')).toBe(1000);
    expect(map().gid('staff')).toBe(50);
  });

  it('the first line of a name wins, and malformed lines are skipped', () => {
    const m = map();
    expect([m.uid('alice@d'), m.uid('alias@d'), m.uid('badid@d'), m.uid('broken line without fields')]).toEqual([1000, 1000, 4000, 4000]);
  });

  it('with a domain configured: only names in it (case-insensitively) are looked up', () => {
    const m = map({ domain: 'Example.ORG' });
    expect(['alice@example.org', 'alice@EXAMPLE.org', 'alice@localdomain', 'root@other.example.org', 'alice'].map((s) => m.uid(s))).toEqual([1000, 1000, 4000, 4000, 1000]);
    expect(m.gid('staff@localdomain')).toBe(4001);
    expect(m.gid('staff@example.org')).toBe(50);
  });

  it('the name is case-sensitive, as Unix names are', () => {
    expect(map().uid('Alice@localdomain')).toBe(4000);
  });

  it('unknown names are the defaults; nobody/nogroup without an entry are 65534', () => {
    const m = map();
    expect([m.uid('mallory@localdomain'), m.gid('mallory@localdomain')]).toEqual([4000, 4001]);
    expect([m.uid('nobody@localdomain'), m.uid('nobody'), m.gid('nogroup@localdomain'), m.gid('nobody@localdomain')]).toEqual([NOBODY_ID, NOBODY_ID, NOBODY_ID, NOBODY_ID]);
    // With an entry, the entry.
    const withNobody = map({ passwd: 'nobody:x:99:99::/:/bin/false\n', group: 'nogroup:x:98:\n' });
    expect([withNobody.uid('nobody@localdomain'), withNobody.gid('nogroup@localdomain')]).toEqual([99, 98]);
  });

  it('what is no owner at all (an ACL who, an empty name) is the default', () => {
    const m = map();
    expect(['OWNER@', 'EVERYONE@', '@localdomain', '@'].map((s) => m.uid(s))).toEqual([4000, 4000, 4000, 4000]);
  });

  it('answers stay right past the cache limit', () => {
    const m = map();
    for (let i = 0; i < 10_000; i++) expect(m.uid(`user${i}@localdomain`)).toBe(4000);
    expect([m.uid('alice@x'), m.uid('12'), m.gid('staff@x')]).toEqual([1000, 12, 50]);
  });

  it('without passwd/group strings, /etc/passwd and /etc/group are read', () => {
    const m = new IdMap({ defaultUid: 4000, defaultGid: 4001 });
    // Every Linux system has root as 0 in both.
    expect([m.uid('root@localdomain'), m.gid('root@localdomain')]).toEqual([0, 0]);
    expect(m.uid('no-such-user-here@localdomain')).toBe(4000);
  });
});

describe('IdMap.owner / group: what is sent', () => {
  it('numeric by default: the decimal string', () => {
    const m = map();
    expect([m.owner(0), m.owner(1000), m.owner(4294967295), m.group(50)]).toEqual(['0', '1000', '4294967295', '50']);
  });

  it('numeric false: name@domain for a known id, localdomain without a configured domain', () => {
    expect(DEFAULT_NFS4_DOMAIN).toBe('localdomain');
    const m = map({ numeric: false });
    expect([m.owner(0), m.owner(1000), m.group(50), m.group(10)]).toEqual(['root@localdomain', 'alice@localdomain', 'staff@localdomain', 'wheel@localdomain']);
    const d = map({ numeric: false, domain: 'example.org' });
    expect([d.owner(1000), d.group(0)]).toEqual(['alice@example.org', 'root@example.org']);
  });

  it('numeric false: an id without a name is still its decimal string', () => {
    const m = map({ numeric: false });
    expect([m.owner(4242), m.group(1000)]).toEqual(['4242', '1000']);
  });

  it('round trip through uid/gid', () => {
    for (const m of [map(), map({ numeric: false }), map({ numeric: false, domain: 'example.org' })]) {
      expect([m.uid(m.owner(0)), m.uid(m.owner(1000)), m.uid(m.owner(4242)), m.gid(m.group(50))]).toEqual([0, 1000, 4242, 50]);
    }
  });

  it('not a uid: RangeError', () => {
    const m = map();
    for (const id of [-1, 1.5, 2 ** 32, Number.NaN]) expect(thrown(() => m.owner(id)), String(id)).toBeInstanceOf(RangeError);
    expect(thrown(() => m.group(-1))).toBeInstanceOf(RangeError);
  });
});
