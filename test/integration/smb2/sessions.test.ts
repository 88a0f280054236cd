import { describe, expect, it } from 'vitest';
import { connect } from '../../../src/connect.js';
import { readFile, rmrf, writeFile } from '../../../src/vfs/index.js';
import type { Smb2FileSystem } from '../../../src/smb2/client.js';
import { FsError } from '../../../src/errors.js';
import { samba } from '../../servers/env.js';
import { connectTo, scratchDir } from './targets.js';

async function roundTrip(fs: Smb2FileSystem): Promise<void> {
  const dir = await scratchDir(fs, 'session');
  try {
    await writeFile(fs, `${dir}/f`, 'payload');
    expect((await readFile(fs, `${dir}/f`)).toString()).toBe('payload');
    expect((await fs.readdir(dir)).map((e) => e.name)).toEqual(['f']);
  } finally {
    await rmrf(fs, dir);
  }
}

describe('SMB2 sessions: dialects, signing, encryption, guest', () => {
  for (const vers of ['2.0.2', '2.1', '3.0', '3.0.2', '3.1.1']) {
    it(`dialect ${vers} negotiates exactly that dialect and does file I/O`, async () => {
      const fs = (await connectTo({ query: `vers=${vers}` })) as Smb2FileSystem;
      try {
        const [maj, min, rev = '0'] = vers.split('.');
        expect(fs.negotiated.dialect).toBe((Number(maj) << 8) | (Number(min) << 4) | Number(rev));
        expect(fs.posix).toBe(vers === '3.1.1');
        await roundTrip(fs);
      } finally {
        await fs.close();
      }
    });
  }

  it('?sign signs every message of the session; ?seal encrypts it', async () => {
    const signed = (await connectTo({ query: 'vers=3.1.1&sign' })) as Smb2FileSystem;
    const sealed = (await connectTo({ query: 'vers=3.0.2&seal' })) as Smb2FileSystem;
    try {
      expect(signed.tree.session.signing).toBe(true);
      expect(signed.tree.session.encrypt).toBe(false);
      expect(sealed.tree.session.encrypt).toBe(true);
      await roundTrip(signed);
      await roundTrip(sealed);
    } finally {
      await signed.close();
      await sealed.close();
    }
  });

  it('a server that requires signing gets a signed session without being asked', async () => {
    const fs = (await connectTo({ signed: true, query: 'vers=2.1' })) as Smb2FileSystem;
    try {
      expect(fs.tree.session.signing).toBe(true);
      await roundTrip(fs);
    } finally {
      await fs.close();
    }
  });

  it('an encrypted share is encrypted on SMB 3 and refused with a clear error on SMB 2.1', async () => {
    const fs = (await connectTo({ share: 'encrypted', query: 'vers=3.1.1' })) as Smb2FileSystem;
    try {
      expect(fs.tree.encrypts).toBe(true);
    } finally {
      await fs.close();
    }
    const e = await connectTo({ share: 'encrypted', query: 'vers=2.1' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FsError);
    expect((e as FsError).code).toBe('EACCES');
  });

  it('seal on an SMB 2 dialect is refused before connecting', async () => {
    await expect(connectTo({ query: 'vers=2.1&seal' })).rejects.toMatchObject({ code: 'EINVAL' });
  });

  it('anonymous logon reaches the guest share, not the private one', async () => {
    const s = samba();
    const fs = await connect(`smb://${s.host}:${s.port}/${s.shares.guest.name}`);
    try {
      expect(Array.isArray(await fs.readdir('/'))).toBe(true);
    } finally {
      await fs.close();
    }
    await expect(connect(`smb://${s.host}:${s.port}/${s.shares.plain.name}`)).rejects.toMatchObject({ code: 'EACCES' });
  });

  it('an unknown dialect name is a usage error', async () => {
    await expect(connectTo({ query: 'vers=9.9' })).rejects.toMatchObject({ code: 'EINVAL' });
  });
});
