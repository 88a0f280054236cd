// The real servers are what later tests assume: checked with Samba's own smbclient and smbstatus
// (and one hand-built NEGOTIATE), never with netfs itself.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samba } from '../servers/env.js';
import type { SambaInfo, SambaShare } from '../servers/env.js';
import { requireExecutable, run } from '../servers/exec.js';
import type { SmbclientTarget } from '../servers/smbclient.js';
import { ntStatuses, openSmbclientSession, smbclient } from '../servers/smbclient.js';
import {
  SMB2_NEGOTIATE_SIGNING_REQUIRED,
  SMB2_POSIX_EXTENSIONS_AVAILABLE,
  probeNegotiate,
} from '../servers/smb2-negotiate-probe.js';
import type { StatusSession, StatusTcon } from '../servers/smbstatus.js';
import { smbstatus } from '../servers/smbstatus.js';

const info: SambaInfo = samba();

function as(share: SambaShare, port = info.port): SmbclientTarget {
  return { host: info.host, port, share: share.name, user: info.user, password: info.password, domain: info.domain };
}

interface SessionView {
  readonly session: StatusSession;
  readonly tcon: StatusTcon;
}

/**
 * What smbstatus says about an smbclient session to `target` while it is open: the session
 * that appeared after it started (not one of another test's) and its tree connect.
 */
async function viewDuring(target: SmbclientTarget, configFile: string): Promise<SessionView> {
  const before = new Set((await smbstatus(configFile)).sessions.map((s) => s.sessionId));
  const client = openSmbclientSession(target);
  let exited = false;
  void client.exited.then(() => {
    exited = true;
  });
  try {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const status = await smbstatus(configFile);
      const tcon = status.tcons.find((t) => t.service === target.share && !before.has(t.sessionId));
      const session = status.sessions.find((s) => s.sessionId === tcon?.sessionId);
      if (tcon && session) return { session, tcon };
      if (exited) throw new Error(`smbclient exited before connecting:\n${await client.exited}`);
      if (Date.now() > deadline) throw new Error(`no new tree connect to ${target.share} in smbstatus`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await client.close();
  }
}

describe('Samba fixtures: reachability', () => {
  const roles = ['plain', 'encrypted', 'guest'] as const;

  for (const role of roles) {
    it(`main instance: ${role} share accepts ${info.user}/${info.password}`, async () => {
      const r = await smbclient(as(info.shares[role]), 'ls');
      expect(r.output).not.toMatch(/NT_STATUS_/);
      expect(r.code).toBe(0);
    });
    it(`signing-mandatory instance: ${role} share accepts ${info.user}/${info.password}`, async () => {
      const r = await smbclient(as(info.signedShares[role], info.signedPort), 'ls');
      expect(r.output).not.toMatch(/NT_STATUS_/);
      expect(r.code).toBe(0);
    });
  }

  it('the two instances are distinct servers on distinct ports with their own directories', () => {
    expect(info.signedPort).not.toBe(info.port);
    expect(info.signedShares.plain.path).not.toBe(info.shares.plain.path);
    expect(info.instances.main.signing).toBe('auto');
    expect(info.instances.signed.signing).toBe('mandatory');
  });

  it('rejects a wrong password and anonymous access to the plain share', async () => {
    const wrong = await smbclient({ ...as(info.shares.plain), password: 'not-the-password' }, 'ls');
    expect(wrong.code).not.toBe(0);
    expect(ntStatuses(wrong.output)).toContain('NT_STATUS_LOGON_FAILURE');
    const anon = await smbclient({ host: info.host, port: info.port, share: info.shares.plain.name, anonymous: true }, 'ls');
    expect(anon.code).not.toBe(0);
    expect(ntStatuses(anon.output)).toContain('NT_STATUS_ACCESS_DENIED');
  });

  it('the guest share admits a null session and an unknown user (map to guest = Bad User)', async () => {
    const anon = await smbclient({ host: info.host, port: info.port, share: info.shares.guest.name, anonymous: true }, 'ls');
    expect(anon.output).not.toMatch(/NT_STATUS_/);
    expect(anon.code).toBe(0);
    const unknown = await smbclient({ ...as(info.shares.guest), user: 'nobody-here', password: 'x' }, 'ls');
    expect(unknown.code).toBe(0);
  });
});

describe('Samba fixtures: files on disk', () => {
  let local: string;
  beforeAll(async () => {
    local = await mkdtemp(join(tmpdir(), 'netfs-servers-test-'));
  });
  afterAll(async () => {
    await rm(local, { recursive: true, force: true });
  });

  it('a file put over SMB lands in the share directory, owned by the test user, DOS attributes in an xattr', async () => {
    const name = `fixture-${process.pid}-${Date.now()}.txt`;
    const content = `netfs fixture check ${Math.random()}\n`;
    await writeFile(join(local, name), content);
    const put = await smbclient(as(info.shares.plain), `lcd ${local}; put ${name}`);
    expect(put.code).toBe(0);
    const onDisk = join(info.shares.plain.path, name);
    try {
      expect(await readFile(onDisk, 'utf8')).toBe(content);
      const st = await stat(onDisk);
      expect(st.uid).toBe(info.uid);
      const getfattr = requireExecutable('getfattr', 'apt-get install attr (test/servers/install.sh)');
      const xattr = await run(getfattr, ['--only-values', '-n', 'user.DOSATTRIB', onDisk]);
      expect(xattr.code).toBe(0);
      expect(xattr.stdout.length).toBeGreaterThan(0);
    } finally {
      await rm(onDisk, { force: true });
    }
  });
});

describe('Samba fixtures: encryption', () => {
  it('enc refuses a dialect without encryption (SMB 2.1, protection off); share accepts it', async () => {
    const enc = await smbclient({ ...as(info.shares.encrypted), maxProtocol: 'SMB2_10', protection: 'off' }, 'ls');
    expect(enc.code).not.toBe(0);
    expect(ntStatuses(enc.output)).toContain('NT_STATUS_ACCESS_DENIED');
    const plain = await smbclient({ ...as(info.shares.plain), maxProtocol: 'SMB2_10', protection: 'off' }, 'ls');
    expect(plain.code).toBe(0);
  });

  it('enc refuses an unencrypted SMB1 session; share accepts it', async () => {
    const enc = await smbclient({ ...as(info.shares.encrypted), maxProtocol: 'NT1', protection: 'off' }, 'ls');
    expect(enc.code).not.toBe(0);
    expect(ntStatuses(enc.output)).toContain('NT_STATUS_ACCESS_DENIED');
    const plain = await smbclient({ ...as(info.shares.plain), maxProtocol: 'NT1', protection: 'off' }, 'ls');
    expect(plain.code).toBe(0);
  });

  it('the server encrypts an SMB3 tree connect to enc even when the client does not ask (smbstatus)', async () => {
    const enc = await viewDuring({ ...as(info.shares.encrypted), protection: 'off' }, info.instances.main.configFile);
    expect(enc.tcon.encryption.degree).toBe('full');
    expect(enc.tcon.encryption.cipher).toMatch(/^AES-/);
    const plain = await viewDuring({ ...as(info.shares.plain), protection: 'off' }, info.instances.main.configFile);
    expect(plain.tcon.encryption.degree).toBe('none');
    expect(plain.session.encryption.degree).toBe('none');
  });
});

describe('Samba fixtures: signing', () => {
  it('only the signed instance says SIGNING_REQUIRED in its NEGOTIATE response', async () => {
    const signed = await probeNegotiate(info.host, info.signedPort, { posix: false });
    const main = await probeNegotiate(info.host, info.port, { posix: false });
    expect(signed.status).toBe(0);
    expect(main.status).toBe(0);
    expect(signed.securityMode & SMB2_NEGOTIATE_SIGNING_REQUIRED).toBe(SMB2_NEGOTIATE_SIGNING_REQUIRED);
    expect(main.securityMode & SMB2_NEGOTIATE_SIGNING_REQUIRED).toBe(0);
  });

  it('the signed instance signs a whole SMB3 session that asked for no signing; the main one does not', async () => {
    const signed = await viewDuring({ ...as(info.signedShares.plain, info.signedPort), protection: 'off' }, info.instances.signed.configFile);
    expect(signed.session.signing.degree).toBe('full');
    expect(signed.session.signing.cipher).toMatch(/^(AES|HMAC)-/);
    const main = await viewDuring({ ...as(info.shares.plain), protection: 'off' }, info.instances.main.configFile);
    expect(main.session.signing.degree).not.toBe('full');
  });

  it('an SMB1 client that will not sign is refused by the signed instance, accepted by the main one', async () => {
    const signed = await smbclient({ ...as(info.signedShares.plain, info.signedPort), maxProtocol: 'NT1', protection: 'off' }, 'ls');
    expect(signed.code).not.toBe(0);
    expect(signed.output).toMatch(/signing is required/i);
    const main = await smbclient({ ...as(info.shares.plain), maxProtocol: 'NT1', protection: 'off' }, 'ls');
    expect(main.code).toBe(0);
  });
});

describe('Samba fixtures: Unix extensions', () => {
  it('SMB1 offers the CIFS Unix extensions', async () => {
    const r = await smbclient({ ...as(info.shares.plain), maxProtocol: 'NT1' }, 'posix');
    expect(r.code).toBe(0);
    expect(r.output).toMatch(/Server supports CIFS extensions 1\.0/);
    expect(r.output).toMatch(/posix_path_operations/);
  });

  it('SMB 3.1.1 answers the POSIX negotiate context on both instances', async () => {
    for (const port of [info.port, info.signedPort]) {
      const r = await probeNegotiate(info.host, port, { posix: true });
      expect(r.dialect).toBe(0x0311);
      expect(r.contextTypes).toContain(SMB2_POSIX_EXTENSIONS_AVAILABLE);
    }
  });

  it('without the POSIX context in the request, none comes back (the check above can fail)', async () => {
    const r = await probeNegotiate(info.host, info.port, { posix: false });
    expect(r.dialect).toBe(0x0311);
    expect(r.contextTypes).not.toContain(SMB2_POSIX_EXTENSIONS_AVAILABLE);
  });
});
