import { describe, expect, it } from 'vitest';
import { NetbiosFramer, netbiosHeader } from '../../../src/transport/netbios.js';
import { DecodeError } from '../../../src/wire/errors.js';

function stream(): Buffer {
  const msgs = [Buffer.from('hello'), Buffer.alloc(0), Buffer.from('a longer second message')];
  const parts: Buffer[] = [];
  for (const m of msgs) parts.push(netbiosHeader(m.length), m);
  parts.splice(2, 0, Buffer.from([0x85, 0, 0, 0])); // a keepalive between messages
  return Buffer.concat(parts);
}

describe('NetbiosFramer', () => {
  it('yields the same messages whatever the split point (pg-protocol style)', () => {
    const all = stream();
    for (let cut = 0; cut <= all.length; cut++) {
      const got: string[] = [];
      const f = new NetbiosFramer((m) => got.push(m.toString()));
      f.push(all.subarray(0, cut));
      f.push(all.subarray(cut));
      expect(got).toEqual(['hello', '', 'a longer second message']);
      expect(f.idle).toBe(true);
    }
  });

  it('yields the same messages fed one byte at a time', () => {
    const all = stream();
    const got: string[] = [];
    const f = new NetbiosFramer((m) => got.push(m.toString()));
    for (const b of all) f.push(Buffer.from([b]));
    expect(got).toEqual(['hello', '', 'a longer second message']);
  });

  it('rejects a packet that is not a session message', () => {
    const f = new NetbiosFramer(() => undefined);
    expect(() => f.push(Buffer.from([0x90, 0, 0, 0]))).toThrow(DecodeError);
  });
});
