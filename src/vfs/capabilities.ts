import type { FileHandle, FileSystem } from './types.js';

type With<K extends keyof FileSystem> = FileSystem & Required<Pick<FileSystem, K>>;

export type SymlinkCapable = With<'symlink' | 'readlink'>;
export type UnixAttrCapable = With<'chmod' | 'chown'>;
export type XattrCapable = With<'getxattr' | 'setxattr' | 'listxattr' | 'removexattr'>;
export type LinkCapable = With<'link'>;

export function hasSymlinks(fs: FileSystem): fs is SymlinkCapable {
  return typeof fs.symlink === 'function' && typeof fs.readlink === 'function';
}
export function hasUnixAttrs(fs: FileSystem): fs is UnixAttrCapable {
  return typeof fs.chmod === 'function' && typeof fs.chown === 'function';
}
export function hasXattrs(fs: FileSystem): fs is XattrCapable {
  return ['getxattr', 'setxattr', 'listxattr', 'removexattr'].every((k) => typeof fs[k as keyof FileSystem] === 'function');
}
export function hasLinks(fs: FileSystem): fs is LinkCapable {
  return typeof fs.link === 'function';
}

export type ServerCopyCapable = With<'copyFile'>;
export type SparseCapable = FileHandle & Required<Pick<FileHandle, 'allocate' | 'punchHole' | 'seek'>>;

export function hasServerCopy(fs: FileSystem): fs is ServerCopyCapable {
  return typeof fs.copyFile === 'function';
}
/** A handle that can reserve, free and find holes (NFSv4.2 ALLOCATE, DEALLOCATE, SEEK). */
export function hasSparse(h: FileHandle): h is SparseCapable {
  return typeof h.allocate === 'function' && typeof h.punchHole === 'function' && typeof h.seek === 'function';
}
