import { constants } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  isError,
  isSuccess,
  isWarning,
  lookupStatus,
  NTSTATUS_TABLE,
  ntStatusError,
  STATUS,
  statusCode,
  statusErrno,
  statusName,
  statusSeverity,
} from '../../../src/smb-common/ntstatus.js';
import { FsError } from '../../../src/vfs/errors.js';

describe('NTSTATUS table', () => {
  it('has the statuses a client meets', () => {
    expect(NTSTATUS_TABLE.length).toBeGreaterThanOrEqual(200);
    expect(NTSTATUS_TABLE.filter((r) => r.errno !== null && r.errno !== 'EIO').length).toBeGreaterThanOrEqual(140);
  });

  it('every entry is well formed, unique, consistent and round-trips', () => {
    const codes = new Set<number>();
    const names = new Set<string>();
    for (const row of NTSTATUS_TABLE) {
      expect(row.name, row.name).toMatch(/^STATUS_[A-Z0-9_]+$/);
      expect(codes.has(row.code), row.name).toBe(false);
      expect(names.has(row.name), row.name).toBe(false);
      codes.add(row.code);
      names.add(row.name);
      expect(Number.isInteger(row.code) && row.code >= 0 && row.code <= 0xffffffff, row.name).toBe(true);
      // Customer (C) and reserved (N) bits are clear for Microsoft-defined statuses (MS-ERREF 2.3).
      expect(row.code & 0x30000000, row.name).toBe(0);
      // Exactly one severity class.
      expect([isSuccess(row.code), isWarning(row.code), isError(row.code)].filter(Boolean), row.name).toHaveLength(1);
      // Only STATUS_SUCCESS is "not a failure"; every error-severity row maps to a real errno.
      if (row.errno === null) expect(row.code, row.name).toBe(0);
      else expect(Object.keys(constants.errno), row.name).toContain(row.errno);
      expect(statusName(row.code)).toBe(row.name);
      expect(statusCode(row.name)).toBe(row.code);
      expect(lookupStatus(row.code)).toBe(row);
      expect(STATUS[row.name.slice(7) as keyof typeof STATUS]).toBe(row.code);
      expect(statusErrno(row.code)).toBe(row.errno ?? 'EIO');
    }
    expect(Object.keys(STATUS)).toHaveLength(NTSTATUS_TABLE.length);
  });

  it('spot checks: codes (MS-ERREF) and errnos (Linux smb2maperror.c)', () => {
    expect(STATUS.SUCCESS).toBe(0x00000000);
    expect(STATUS.PENDING).toBe(0x00000103);
    expect(STATUS.NOTIFY_ENUM_DIR).toBe(0x0000010c);
    expect(STATUS.BUFFER_OVERFLOW).toBe(0x80000005);
    expect(STATUS.NO_MORE_FILES).toBe(0x80000006);
    expect(STATUS.STOPPED_ON_SYMLINK).toBe(0x8000002d);
    expect(STATUS.MORE_PROCESSING_REQUIRED).toBe(0xc0000016);
    expect(STATUS.OBJECT_NAME_NOT_FOUND).toBe(0xc0000034);
    expect(STATUS.LOGON_FAILURE).toBe(0xc000006d);
    expect(STATUS.NETWORK_SESSION_EXPIRED).toBe(0xc000035c);
    expect(statusErrno(STATUS.OBJECT_NAME_NOT_FOUND)).toBe('ENOENT');
    expect(statusErrno(STATUS.OBJECT_PATH_NOT_FOUND)).toBe('ENOENT');
    expect(statusErrno(STATUS.BAD_NETWORK_NAME)).toBe('ENOENT');
    expect(statusErrno(STATUS.DELETE_PENDING)).toBe('ENOENT');
    expect(statusErrno(STATUS.OBJECT_NAME_INVALID)).toBe('ENOENT');
    expect(statusErrno(STATUS.OBJECT_NAME_COLLISION)).toBe('EEXIST');
    expect(statusErrno(STATUS.ACCESS_DENIED)).toBe('EACCES');
    expect(statusErrno(STATUS.LOGON_FAILURE)).toBe('EACCES');
    expect(statusErrno(STATUS.DIRECTORY_NOT_EMPTY)).toBe('ENOTEMPTY');
    expect(statusErrno(STATUS.NOT_A_DIRECTORY)).toBe('ENOTDIR');
    expect(statusErrno(STATUS.FILE_IS_A_DIRECTORY)).toBe('EISDIR');
    expect(statusErrno(STATUS.SHARING_VIOLATION)).toBe('EBUSY');
    expect(statusErrno(STATUS.LOCK_NOT_GRANTED)).toBe('EACCES');
    expect(statusErrno(STATUS.DISK_FULL)).toBe('ENOSPC');
    expect(statusErrno(STATUS.NOT_SUPPORTED)).toBe('EOPNOTSUPP');
    expect(statusErrno(STATUS.INVALID_HANDLE)).toBe('EBADF');
    expect(statusErrno(STATUS.FILE_CLOSED)).toBe('EBADF');
    expect(statusErrno(STATUS.NAME_TOO_LONG)).toBe('ENAMETOOLONG');
    expect(statusErrno(STATUS.NOT_SAME_DEVICE)).toBe('EXDEV');
    expect(statusErrno(STATUS.NO_EAS_ON_FILE)).toBe('ENODATA');
    expect(statusErrno(STATUS.QUOTA_EXCEEDED)).toBe('EDQUOT');
    expect(statusErrno(STATUS.TOO_MANY_OPENED_FILES)).toBe('EMFILE');
    expect(statusErrno(STATUS.IO_TIMEOUT)).toBe('EAGAIN');
    expect(statusErrno(STATUS.INSUFFICIENT_RESOURCES)).toBe('EAGAIN');
    expect(statusErrno(STATUS.CANCELLED)).toBe('EIO');
    expect(statusErrno(STATUS.PASSWORD_EXPIRED)).toBe('EACCES');
  });

  it('classifies severities by the top two bits', () => {
    expect(statusSeverity(STATUS.PENDING)).toBe(0);
    expect(isSuccess(STATUS.PENDING)).toBe(true);
    expect(statusSeverity(STATUS.OBJECT_NAME_EXISTS)).toBe(1);
    expect(isWarning(STATUS.NO_MORE_FILES)).toBe(true);
    expect(isError(STATUS.ACCESS_DENIED)).toBe(true);
    expect(isError(STATUS.BUFFER_OVERFLOW)).toBe(false);
  });

  it('unknown statuses: hex name, EIO', () => {
    expect(statusName(0xc0ffee01)).toBe('0xC0FFEE01');
    expect(statusErrno(0xc0ffee01)).toBe('EIO');
    expect(lookupStatus(0xc0ffee01)).toBeUndefined();
  });

  it('ntStatusError carries errno, status name, raw code and protocol', () => {
    const e = ntStatusError(STATUS.OBJECT_NAME_NOT_FOUND, { syscall: 'stat', path: '/a', protocol: 'smb2' });
    expect(e).toBeInstanceOf(FsError);
    expect(e.code).toBe('ENOENT');
    expect(e.errno).toBe(-constants.errno.ENOENT);
    expect(e.status).toBe('STATUS_OBJECT_NAME_NOT_FOUND');
    expect(e.statusCode).toBe(0xc0000034);
    expect(e.protocol).toBe('smb2');
    expect(e.path).toBe('/a');
    expect(e.message).toContain('STATUS_OBJECT_NAME_NOT_FOUND');
    expect(ntStatusError(-1073741790).statusCode).toBe(0xc0000022);
  });
});
