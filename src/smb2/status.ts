import { ntStatusError } from '../smb-common/ntstatus.js';
import type { FsError, FsErrorInit } from '../vfs/errors.js';

/** An FsError for an NTSTATUS an SMB2 reply carried. */
export function statusError(status: number, init: FsErrorInit = {}): FsError {
  return ntStatusError(status, { protocol: 'smb2', ...init });
}
