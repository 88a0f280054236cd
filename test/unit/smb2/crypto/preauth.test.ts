import { describe, expect, it } from 'vitest';
import { preauthInitial, preauthUpdate } from '../../../../src/smb2/crypto/preauth.js';
import { hex } from './hex.js';
import { PREAUTH_BLOG } from './vectors.js';

describe('SMB 3.1.1 preauth integrity hash (MS-SMB2 3.2.5.2)', () => {
  it('starts at 64 zero bytes', () => {
    expect(preauthInitial().equals(Buffer.alloc(64))).toBe(true);
  });

  it('chains NEGOTIATE and SESSION_SETUP messages as in Microsoft\'s published example', () => {
    let h = preauthInitial();
    for (const step of PREAUTH_BLOG.steps) {
      h = preauthUpdate(h, hex(step.message));
      expect(h.toString('hex'), step.name).toBe(hex(step.hashAfter).toString('hex'));
    }
  });

  it('rejects a previous value that is not 64 bytes', () => {
    expect(() => preauthUpdate(Buffer.alloc(32), Buffer.alloc(1))).toThrow(RangeError);
  });
});
