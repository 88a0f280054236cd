import { FsError, type ErrnoCode, type FsErrorInit } from '../vfs/errors.js';
import { NTSTATUS_TABLE, type NtStatusRow } from './ntstatus-table.js';

// MS-ERREF 2.3 NTSTATUS: Sev (2 bits) | C | N | Facility (12) | Code (16).

export type { NtStatusRow } from './ntstatus-table.js';
export { NTSTATUS_TABLE } from './ntstatus-table.js';

/** Every status name in the table ('STATUS_PENDING', ...). */
export type NtStatusName = (typeof NTSTATUS_TABLE)[number]['name'];
/** A status name without its STATUS_ prefix ('PENDING'), the keys of STATUS. */
export type NtStatusKey = NtStatusName extends infer N ? (N extends `STATUS_${infer K}` ? K : never) : never;

const byCode = new Map<number, NtStatusRow>(NTSTATUS_TABLE.map((row) => [row.code, row]));
const byName = new Map<string, NtStatusRow>(NTSTATUS_TABLE.map((row) => [row.name, row]));

/** Named constants derived from the table: STATUS.PENDING === 0x00000103. */
export const STATUS: Readonly<Record<NtStatusKey, number>> = Object.freeze(
  Object.fromEntries(NTSTATUS_TABLE.map((row) => [row.name.slice('STATUS_'.length), row.code])) as Record<NtStatusKey, number>,
);

/** MS-ERREF 2.3 Sev field values. */
export const NT_SEVERITY = {
  SUCCESS: 0,
  INFORMATIONAL: 1,
  WARNING: 2,
  ERROR: 3,
} as const;

/** The 2-bit severity of a status. */
export function statusSeverity(code: number): 0 | 1 | 2 | 3 {
  return ((code >>> 30) & 3) as 0 | 1 | 2 | 3;
}

/** NT_SUCCESS(): severity success or informational (STATUS_PENDING and STATUS_NOTIFY_ENUM_DIR are "successes"). */
export function isSuccess(code: number): boolean {
  return statusSeverity(code) <= NT_SEVERITY.INFORMATIONAL;
}

/** Severity warning (STATUS_BUFFER_OVERFLOW, STATUS_NO_MORE_FILES, STATUS_STOPPED_ON_SYMLINK...). */
export function isWarning(code: number): boolean {
  return statusSeverity(code) === NT_SEVERITY.WARNING;
}

/** Severity error. */
export function isError(code: number): boolean {
  return statusSeverity(code) === NT_SEVERITY.ERROR;
}

/** The table row for a status, if known. */
export function lookupStatus(code: number): NtStatusRow | undefined {
  return byCode.get(code >>> 0);
}

/** The code of a status name ('STATUS_ACCESS_DENIED' -> 0xc0000022), if known. */
export function statusCode(name: string): number | undefined {
  return byName.get(name)?.code;
}

/** 'STATUS_OBJECT_NAME_NOT_FOUND', or '0xC0001234' for a status not in the table. */
export function statusName(code: number): string {
  const row = byCode.get(code >>> 0);
  return row ? row.name : `0x${(code >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/**
 * The POSIX error for a status. Unknown statuses, and a success code wrongly treated as a
 * failure, give EIO (as Linux does).
 */
export function statusErrno(code: number): ErrnoCode {
  return byCode.get(code >>> 0)?.errno ?? 'EIO';
}

/** An FsError for a failed status, carrying the errno, the status name and its raw value. */
export function ntStatusError(code: number, init: FsErrorInit = {}): FsError {
  const status = code >>> 0;
  const name = statusName(status);
  return new FsError(statusErrno(status), `server returned ${name}`, {
    ...init,
    protocol: init.protocol ?? 'smb',
    status: name,
    statusCode: status,
  });
}
