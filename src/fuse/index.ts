/** The FUSE front end: serves any FileSystem as a mount (DESIGN.md: fuse/). */
export { mount, checkMountpoint, FSTYPE, type Mount, type MountParams } from './mount.js';
export { parseMountOptions, libfuseOptions, DEFAULT_MAX_WRITE, type MountOptions } from './options.js';
export { FuseAdapter, UTIME_NOW_MS, type AdapterOptions } from './operations.js';
export { MountCache } from './cache.js';
export { ErrnoMapper } from './errno.js';
export { fusermount } from './binding.js';
export { mountAt, readMounts, parseMountinfo, type MountEntry } from './mountinfo.js';
