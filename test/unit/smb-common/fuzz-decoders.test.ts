import { describe, expect, it } from 'vitest';
import * as fscc from '../../../src/smb-common/fscc/index.js';
import * as ntlm from '../../../src/smb-common/ntlmssp/index.js';
import { DecodeError } from '../../../src/wire/index.js';
import { CAPTURE_AUTHENTICATE, CAPTURE_CHALLENGE, CAPTURE_NEGOTIATE, SPEC_AUTHENTICATE, SPEC_CHALLENGE } from './ntlmssp/fixtures.js';

// Mutated real inputs: a decoder returns or throws DecodeError, never anything else.
// One FileIdBothDirectoryInformation entry from smbd (reference capture frame 103).
const LISTING = Buffer.from(
  '0000000000000000ef3d627db47add010acb627db47add01806d627db47add01806d627db47add01060000000000000000100000000000002000000' +
    '00a0000000000000000000000000000000000000000000000000000000000000000000000980621000000000074002e00740078007400',
  'hex',
);

const CASES: [string, Buffer, (b: Buffer) => unknown][] = [
  ['NEGOTIATE', CAPTURE_NEGOTIATE, ntlm.decodeNegotiateMessage],
  ['CHALLENGE', CAPTURE_CHALLENGE, ntlm.decodeChallengeMessage],
  ['CHALLENGE (spec)', SPEC_CHALLENGE, ntlm.decodeChallengeMessage],
  ['AUTHENTICATE', CAPTURE_AUTHENTICATE, ntlm.decodeAuthenticateMessage],
  ['AUTHENTICATE (spec)', SPEC_AUTHENTICATE, ntlm.decodeAuthenticateMessage],
  ['FileIdBothDirectoryInformation', LISTING, fscc.decodeFileIdBothDirectoryInformation],
  ['FileFullDirectoryInformation', LISTING, fscc.decodeFileFullDirectoryInformation],
  ['SMB2_FIND_POSIX_INFORMATION', LISTING, fscc.decodeFilePosixDirectoryInformation],
  ['FileFullEaInformation', LISTING, fscc.decodeFileFullEaInformation],
  ['FileAllInformation', LISTING, fscc.decodeFileAllInformation],
  ['reparse (symlink)', fscc.encodeSymlinkReparse({ substituteName: 'a\\b' }), fscc.decodeReparseData],
  ['reparse (NFS)', fscc.encodeNfsReparse({ type: 'symlink', target: 'x/y' }), fscc.decodeReparseData],
];

describe('decoders under mutation', () => {
  it('the listing seed is valid', () => {
    expect(fscc.decodeFileIdBothDirectoryInformation(LISTING)[0].fileName).toBe('t.txt');
  });

  for (const [name, src, decode] of CASES) {
    it(`${name}: only DecodeError`, () => {
      let seed = src.length;
      const rand = (n: number): number => {
        seed = (seed * 1103515245 + 12345) >>> 0;
        return seed % n;
      };
      for (let i = 0; i < 500; i++) {
        const b = Buffer.from(src);
        for (let k = 1 + rand(3); k > 0; k--) b[rand(b.length)] = rand(256);
        const input = rand(4) === 0 ? b.subarray(0, rand(b.length)) : b;
        try {
          decode(input);
        } catch (e) {
          expect(e).toBeInstanceOf(DecodeError);
        }
      }
    });
  }
});
