import type { Reader, Writer } from '../../wire/index.js';
import { expectStructureSize } from './body.js';

/**
 * The 4-byte bodies (StructureSize 4, Reserved 2) that LOGOFF, TREE_DISCONNECT, ECHO,
 * CANCEL, FLUSH (response) and LOCK (response) share.
 */
export const EMPTY_BODY_STRUCTURE_SIZE = 4;

/** An empty body: nothing but StructureSize and Reserved. */
export type EmptyBody = Record<string, never>;

export function encodeEmptyBody(w: Writer): void {
  w.u16le(EMPTY_BODY_STRUCTURE_SIZE).u16le(0);
}

export function decodeEmptyBody(r: Reader, what: string): EmptyBody {
  expectStructureSize(r, EMPTY_BODY_STRUCTURE_SIZE, what);
  r.skip(2);
  return {};
}
