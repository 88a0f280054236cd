import { describe, expect, it } from 'vitest';
import { Reader } from '../../../../src/wire/index.js';
import { describeSmb2, readHeader, splitCompound, smb2CommandName, Smb2Command } from '../../../../src/smb2/protocol/index.js';
import { encodeSample, SAMPLES } from './samples.js';

describe('every command round-trips: encode -> decode', () => {
  it('covers every command in each direction it exists', () => {
    const requests = new Set(SAMPLES.filter((s) => !s.response).map((s) => s.command));
    const responses = new Set(SAMPLES.filter((s) => s.response && s.kind === 'response').map((s) => s.command));
    for (const code of Object.values(Smb2Command)) {
      if (code !== Smb2Command.SERVER_TO_CLIENT_NOTIFICATION) expect(requests.has(code), `${smb2CommandName(code)} request`).toBe(true);
      if (code !== Smb2Command.CANCEL) expect(responses.has(code), `${smb2CommandName(code)} response`).toBe(true);
    }
  });

  for (const s of SAMPLES) {
    it(s.name, () => {
      const message = encodeSample(s);
      const [element] = splitCompound(message);
      readHeader(element);
      expect(s.decode(element)).toEqual(s.value);
      expect(element.remaining).toBeGreaterThanOrEqual(0);
      const described = describeSmb2(new Reader(message));
      expect(described.kind).toBe(s.kind);
      expect(described.body).toEqual(s.value);
      expect(described.header.command).toBe(s.command);
    });
  }
});
