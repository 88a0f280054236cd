import type { Reader } from '../wire/reader.js';

/**
 * Byte-order-parameterised reads over a Reader: pcap and pcapng files are written in the
 * byte order of the capturing host, announced by a magic number at the start.
 */
export interface Endian {
  readonly little: boolean;
  u16(r: Reader): number;
  u32(r: Reader): number;
  i64(r: Reader): bigint;
}

export const littleEndian: Endian = {
  little: true,
  u16: (r) => r.u16le(),
  u32: (r) => r.u32le(),
  i64: (r) => r.i64le(),
};

export const bigEndian: Endian = {
  little: false,
  u16: (r) => r.u16be(),
  u32: (r) => r.u32be(),
  i64: (r) => r.i64be(),
};
