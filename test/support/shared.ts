import { fileURLToPath } from 'node:url';

/** ../shared beside the checkout (DESIGN.md, captures): where CI puts it too. */
export const SHARED_DIR = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const CAPTURES_DIR = `${SHARED_DIR}captures/`;
