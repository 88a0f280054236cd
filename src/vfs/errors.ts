// FsError lives at the floor of the layers (src/errors.ts) so that transport/ can fail with it too.
export * from '../errors.js';
