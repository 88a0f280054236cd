import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DecodeError } from '../wire/errors.js';
import { Reader } from '../wire/reader.js';
import { isPcapMagic, readPcap } from './pcap.js';
import { readPcapng } from './pcapng.js';
import { PCAPNG_BLOCK } from './pcapng-format.js';
import type { CapturedPacket } from './types.js';

/** RFC 1952 2.3.1: ID1 ID2. */
const GZIP_MAGIC = 0x8b1f;
/** A gzip member that inflates past this is refused rather than exhausting memory. */
const MAX_INFLATED = 1 << 30;

/**
 * Reads a classic pcap or pcapng file, gzip-compressed or not (detected by magic). Packets
 * are views of `bytes` (or of the inflated copy). Malformed input only ever throws DecodeError.
 */
export function readCapture(bytes: Buffer): CapturedPacket[] {
  const head = new Reader(bytes);
  if (head.length >= 2 && head.u16le() === GZIP_MAGIC) return readUncompressed(gunzip(bytes));
  return readUncompressed(bytes);
}

/** Reads a capture file from disk (see readCapture). */
export function loadCapture(path: string): CapturedPacket[] {
  return readCapture(readFileSync(path));
}

function readUncompressed(bytes: Buffer): CapturedPacket[] {
  const r = new Reader(bytes);
  const magic = r.at(0, 4).u32le();
  if (magic === PCAPNG_BLOCK.SECTION_HEADER) return readPcapng(r);
  if (isPcapMagic(magic)) return readPcap(r);
  throw new DecodeError(`not a pcap or pcapng file (magic 0x${magic.toString(16).padStart(8, '0')})`, 0);
}

function gunzip(bytes: Buffer): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_INFLATED });
  } catch (err) {
    throw new DecodeError(`gzip-compressed capture does not inflate: ${(err as Error).message}`, 0);
  }
}
