import { describe, expect, it } from 'vitest';
import {
  dateToFiletime,
  FILETIME_SPECIAL,
  FILETIME_UNIX_EPOCH,
  filetimeToDate,
  filetimeToNs,
  isSpecialFiletime,
  nsToFiletime,
} from '../../../src/smb-common/filetime.js';

describe('FILETIME', () => {
  it('maps the Unix epoch and a known instant', () => {
    expect(filetimeToNs(FILETIME_UNIX_EPOCH)).toBe(0n);
    // 2026-11-22T19:05:50.720342Z, the MsvAvTimestamp of the reference capture (tshark prints this time).
    const ft = 0x01dd7ab47d61255cn;
    expect(filetimeToNs(ft)).toBe(BigInt(Date.UTC(2026, 10, 22, 19, 5, 50, 720)) * 1_000_000n + 342_000n);
    expect(filetimeToDate(ft)?.toISOString()).toBe('2026-11-22T19:05:50.720Z');
  });

  it('round-trips ns at 100 ns precision, rounding down (also before 1970)', () => {
    expect(filetimeToNs(nsToFiletime(1_700_000_000_123_456_789n))).toBe(1_700_000_000_123_456_700n);
    expect(nsToFiletime(-1n)).toBe(FILETIME_UNIX_EPOCH - 1n);
    expect(dateToFiletime(new Date('1601-01-01T00:00:00Z'))).toBe(0n);
  });

  it('treats 0, -1 and -2 as markers, not times', () => {
    for (const v of Object.values(FILETIME_SPECIAL)) {
      expect(isSpecialFiletime(v)).toBe(true);
      expect(filetimeToNs(v)).toBeUndefined();
      expect(filetimeToDate(v)).toBeUndefined();
    }
    expect(FILETIME_SPECIAL.DISABLE_UPDATES).toBe(0xffffffffffffffffn);
    expect(isSpecialFiletime(1n)).toBe(false);
  });

  it('refuses times outside the FILETIME range', () => {
    expect(() => nsToFiletime(-FILETIME_UNIX_EPOCH * 100n - 100n)).toThrow(RangeError);
    expect(() => dateToFiletime(new Date(Number.NaN))).toThrow(RangeError);
  });
});
