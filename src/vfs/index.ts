/** The public VFS API: the contract every protocol client implements, and helpers built on it. */
export * from './types.js';
export * from './errors.js';
export * from './capabilities.js';
export * from './path.js';
export * from './stat.js';
export * from './helpers/index.js';
export type { CommonConnectOptions } from './options.js';
