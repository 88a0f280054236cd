import { FsError } from '../vfs/errors.js';
import type { DirEntry, OpOptions } from '../vfs/types.js';
import { STATUS } from '../smb-common/ntstatus.js';
import { FileInformationClass } from '../smb-common/fscc/info-classes.js';
import { decodeFileIdBothDirectoryInformation } from '../smb-common/fscc/directory.js';
import { decodeFilePosixDirectoryInformation } from '../smb-common/fscc/posix.js';
import { MAX_SYMLINK_HOPS, compoundError, type Smb2FileSystem } from './client.js';
import type { Smb2Response } from './connection.js';
import { Smb2AccessMask as A, Smb2CreateDisposition as D, Smb2CreateOptions as O } from './protocol/constants.js';
import { decodeCreateResponse } from './protocol/create.js';
import { RELATED_FILE_ID as RELATED, type FileId } from './protocol/fileid.js';
import { decodeQueryDirectoryResponse, QueryDirectoryFlags } from './protocol/query-directory.js';
import { closeRequest, createRequest, queryDirectoryRequest, related } from './requests.js';
import { statFromPosix, statFromWindows } from './attrs.js';
import { pathAfterSymlink } from './symlink-error.js';
import { statusError } from './status.js';

/**
 * readdir with attributes (MS-SMB2 3.2.4.17). The first round trip is CREATE + two
 * QUERY_DIRECTORY + CLOSE: a directory whose entries fit in one output buffer is listed in
 * one round trip (the second query answers STATUS_NO_MORE_FILES). A larger one is read again
 * from the start on a handle kept open until the server says there is no more.
 */
export async function readDirectory(fs: Smb2FileSystem, path: string, opts: OpOptions): Promise<DirEntry[]> {
  const cls = fs.posix ? FileInformationClass.FilePosixInformation : FileInformationClass.FileIdBothDirectoryInformation;
  const outLen = fs.maxTransact;
  let p = path;
  for (let hop = 0; hop < MAX_SYMLINK_HOPS; hop++) {
    const spec = fs.createSpec(p, 'readdir', { desiredAccess: A.FILE_LIST_DIRECTORY | A.FILE_READ_ATTRIBUTES, disposition: D.FILE_OPEN, options: O.FILE_DIRECTORY_FILE });
    const res = await fs.send(
      [createRequest(spec), related(queryDirectoryRequest(RELATED, cls, QueryDirectoryFlags.SMB2_RESTART_SCANS, outLen)), related(queryDirectoryRequest(RELATED, cls, 0, outLen)), related(closeRequest())],
      opts,
      'readdir',
      path,
    );
    if (res[0].header.status === STATUS.STOPPED_ON_SYMLINK) {
      const next = pathAfterSymlink(p, res[0]);
      if (next === null) throw new FsError('ENOENT', 'symbolic link points outside the share', { syscall: 'readdir', path });
      p = next;
      continue;
    }
    const err = compoundError(res, { syscall: 'readdir', path }, [STATUS.NO_MORE_FILES]);
    if (err) throw err;
    const entries: DirEntry[] = [];
    if (res[1].header.status === STATUS.NO_MORE_FILES) return entries;
    collect(fs, res[1], entries);
    if (res[2].header.status === STATUS.NO_MORE_FILES) return entries;
    return readAll(fs, p, path, cls, opts);
  }
  throw new FsError('ELOOP', 'too many levels of symbolic links', { syscall: 'readdir', path });
}

/** The slow path for a directory larger than two output buffers: query until NO_MORE_FILES on one handle. */
async function readAll(fs: Smb2FileSystem, p: string, path: string, cls: number, opts: OpOptions): Promise<DirEntry[]> {
  const created = await fs.sendOne(createRequest(fs.createSpec(p, 'readdir', { desiredAccess: A.FILE_LIST_DIRECTORY | A.FILE_READ_ATTRIBUTES, disposition: D.FILE_OPEN, options: O.FILE_DIRECTORY_FILE })), opts, 'readdir', path);
  if (created.header.status !== 0) throw statusError(created.header.status, { syscall: 'readdir', path });
  const fileId: FileId = decodeCreateResponse(created.reader.seek(64)).fileId;
  const entries: DirEntry[] = [];
  try {
    for (let flags: number = QueryDirectoryFlags.SMB2_RESTART_SCANS; ; flags = 0) {
      const res = await fs.sendOne(queryDirectoryRequest(fileId, cls, flags, fs.maxTransact), opts, 'readdir', path);
      if (res.header.status === STATUS.NO_MORE_FILES) return entries;
      if (res.header.status !== 0) throw statusError(res.header.status, { syscall: 'readdir', path });
      collect(fs, res, entries);
    }
  } finally {
    await fs.tree.send(closeRequest(fileId)).catch(() => undefined);
  }
}

function collect(fs: Smb2FileSystem, res: Smb2Response, into: DirEntry[]): void {
  const out = decodeQueryDirectoryResponse(res.reader.seek(64)).outputBuffer;
  if (fs.posix) {
    for (const e of decodeFilePosixDirectoryInformation(out)) {
      if (e.fileName !== '.' && e.fileName !== '..') into.push({ name: e.fileName, stat: statFromPosix(e, fs.defaults) });
    }
  } else {
    for (const e of decodeFileIdBothDirectoryInformation(out)) {
      if (e.fileName === '.' || e.fileName === '..') continue;
      into.push({ name: e.fileName, stat: statFromWindows({ ...e, ino: e.fileId, reparseTag: e.reparseTag }, fs.defaults) });
    }
  }
}
