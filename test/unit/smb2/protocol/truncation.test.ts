import { describe, expect, it } from 'vitest';
import { DecodeError, Reader } from '../../../../src/wire/index.js';
import { describeSmb2, readHeader, SMB2_HEADER_SIZE } from '../../../../src/smb2/protocol/index.js';
import { encodeSample, SAMPLES } from './samples.js';

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('a message cut short anywhere only ever fails with DecodeError', () => {
  for (const s of SAMPLES) {
    it(s.name, () => {
      const message = encodeSample(s);
      for (let cut = 0; cut < message.length; cut++) {
        // A fresh copy of exactly `cut` bytes, so nothing past it is reachable.
        const copy = Buffer.from(message.subarray(0, cut));
        if (cut < SMB2_HEADER_SIZE) {
          expect(thrown(() => describeSmb2(new Reader(copy))), `describe at ${cut}`).toBeInstanceOf(DecodeError);
          continue;
        }
        const r = new Reader(copy);
        readHeader(r);
        expect(thrown(() => s.decode(r)), `${s.name} cut at ${cut} of ${message.length}`).toBeInstanceOf(DecodeError);
        const described = describeSmb2(new Reader(copy));
        expect(described.kind, `describe at ${cut}`).toBe('malformed');
        expect(described.error).toBeInstanceOf(DecodeError);
      }
    });
  }
});
