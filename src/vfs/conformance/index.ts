/** The VFS conformance suite, for test files only: it imports vitest. */
export { defineConformanceSuite } from './suite.js';
export { expectFsError, pattern, sha256, type ConformanceFeatures, type ConformanceSetup, type ConformanceTarget } from './context.js';
