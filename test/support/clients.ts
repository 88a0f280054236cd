import type { FileSystem } from '../../src/vfs/types.js';

/** fs as an instance of the client class cls (what connect() made for the URL's protocol); throws naming what it is otherwise. */
export function asClient<T extends FileSystem>(fs: FileSystem, cls: abstract new (...args: never[]) => T): T {
  if (!(fs instanceof cls)) throw new Error(`expected a ${cls.name}, got a '${fs.protocol}' file system`);
  return fs;
}
