import { afterAll, beforeAll, describe } from 'vitest';
import { attributeTests } from './attributes.js';
import { bulkTests } from './bulk.js';
import { SuiteContext, type ConformanceFeatures, type ConformanceSetup } from './context.js';
import { fileIoTests } from './file-io.js';
import { linkTests } from './links.js';
import { lockTests } from './locks.js';
import { metadataTests } from './metadata.js';
import { namespaceTests } from './namespace.js';
import { robustnessTests } from './robustness.js';

/**
 * Registers the VFS conformance suite (DESIGN.md): the same tests for every protocol
 * client and for every FUSE mount. setup runs once; every test works in a fresh
 * directory below the root it returns; features that are not declared are skipped.
 */
export function defineConformanceSuite(name: string, setup: ConformanceSetup, features: ConformanceFeatures = {}): void {
  describe(`VFS conformance: ${name}`, () => {
    const t = new SuiteContext(features);
    beforeAll(async () => {
      t.attach(await setup());
    });
    afterAll(async () => {
      await t.detach()?.teardown();
    });
    metadataTests(t);
    fileIoTests(t);
    namespaceTests(t);
    attributeTests(t);
    linkTests(t);
    lockTests(t);
    robustnessTests(t);
    bulkTests(t);
  });
}
