import { constants } from 'node:os';
import { describe, expect, it } from 'vitest';
import { FsError } from '../../../src/errors.js';
import { NFS4_STATUS, nfsRetryClass, nfsStatus, nfsStatusError, nfsStatusName } from '../../../src/nfs4/status.js';

describe('nfsstat4 table', () => {
  it('has unique codes and names, in code order, each with a real errno', () => {
    const codes = NFS4_STATUS.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(NFS4_STATUS.map((r) => r.name)).size).toBe(codes.length);
    expect([...codes].sort((a, b) => a - b)).toEqual(codes);
    for (const row of NFS4_STATUS) {
      expect(row.name, `${row.code}`).toMatch(row.code === 0 ? /^NFS4_OK$/ : /^NFS4ERR_[A-Z0-9_]+$/);
      expect(constants.errno[row.errno], `${row.name} -> ${row.errno}`).toBeGreaterThan(0);
      expect(['delay', 'grace', 'none']).toContain(row.retry);
    }
  });

  it('covers every nfsstat4 of RFC 8881, RFC 7862 and RFC 8276 (10073 is unused)', () => {
    const errs = NFS4_STATUS.filter((r) => r.code >= 10000).map((r) => r.code);
    const expected: number[] = [];
    for (let c = 10001; c <= 10096; c++) if (c !== 10002 && c !== 10073) expected.push(c);
    expect(errs).toEqual(expected);
    expect(NFS4_STATUS.filter((r) => r.code < 10000).map((r) => r.code)).toEqual([0, 1, 2, 5, 6, 13, 17, 18, 20, 21, 22, 27, 28, 30, 31, 63, 66, 69, 70]);
  });

  it('retries exactly DELAY (backoff) and GRACE (grace period), and neither surfaces as EIO', () => {
    const retried = NFS4_STATUS.filter((r) => r.retry !== 'none').map((r) => [r.name, r.retry]);
    expect(retried).toEqual([
      ['NFS4ERR_DELAY', 'delay'],
      ['NFS4ERR_GRACE', 'grace'],
    ]);
    expect(nfsStatus(10008)?.errno).not.toBe('EIO');
    expect(nfsStatus(10013)?.errno).not.toBe('EIO');
    expect(nfsRetryClass(10008)).toBe('delay');
    expect(nfsRetryClass(10013)).toBe('grace');
    expect(nfsRetryClass(2)).toBe('none');
    expect(nfsRetryClass(99999)).toBe('none');
  });

  it.each([
    [1, 'EPERM'],
    [2, 'ENOENT'],
    [13, 'EACCES'],
    [17, 'EEXIST'],
    [18, 'EXDEV'],
    [20, 'ENOTDIR'],
    [21, 'EISDIR'],
    [22, 'EINVAL'],
    [27, 'EFBIG'],
    [28, 'ENOSPC'],
    [30, 'EROFS'],
    [31, 'EMLINK'],
    [63, 'ENAMETOOLONG'],
    [66, 'ENOTEMPTY'],
    [69, 'EDQUOT'],
    [70, 'ESTALE'],
    [10001, 'ESTALE'],
    [10014, 'ESTALE'],
    [10004, 'EOPNOTSUPP'],
    [10032, 'EOPNOTSUPP'],
    [10010, 'EAGAIN'],
    [10012, 'EAGAIN'],
    [10029, 'ELOOP'],
    [10045, 'EDEADLK'],
    [10095, 'ENODATA'],
  ])('status %i maps to %s', (code, errno) => {
    expect(nfsStatus(code)?.errno).toBe(errno);
  });

  it('names codes, and unknown codes by number', () => {
    expect(nfsStatusName(70)).toBe('NFS4ERR_STALE');
    expect(nfsStatusName(0)).toBe('NFS4_OK');
    expect(nfsStatusName(10073)).toBe('NFS4ERR_10073');
    expect(nfsStatus(10073)).toBeUndefined();
  });

  it('nfsStatusError builds an FsError carrying the status', () => {
    const e = nfsStatusError(2, { syscall: 'stat', path: '/a/b' });
    expect(e).toBeInstanceOf(FsError);
    expect(e.code).toBe('ENOENT');
    expect(e.errno).toBe(-constants.errno.ENOENT);
    expect(e.protocol).toBe('nfs4');
    expect(e.status).toBe('NFS4ERR_NOENT');
    expect(e.statusCode).toBe(2);
    expect(e.path).toBe('/a/b');
    expect(e.message).toContain('NFS4ERR_NOENT');
    const unknown = nfsStatusError(12345);
    expect(unknown.code).toBe('EIO');
    expect(unknown.status).toBe('NFS4ERR_12345');
    expect(() => nfsStatusError(0)).toThrow(RangeError);
  });
});
