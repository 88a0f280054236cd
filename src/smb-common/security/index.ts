export * from './sid.js';
export * from './descriptor.js';
