import { Reader } from '../wire/reader.js';
import { bigEndian, littleEndian, type Endian } from './endian.js';
import type { CapturedPacket } from './types.js';

/** Classic pcap magic numbers as written by the capturing host (draft-ietf-opsawg-pcap 4). */
export const PCAP_MAGIC_MICROSECONDS = 0xa1b2c3d4;
export const PCAP_MAGIC_NANOSECONDS = 0xa1b23c4d;

interface PcapVariant {
  endian: Endian;
  /** Nanoseconds per unit of the fractional timestamp field. */
  fractionNs: bigint;
}

/** The first four bytes read little-endian -> the file's byte order and timestamp precision. */
const variants = new Map<number, PcapVariant>([
  [PCAP_MAGIC_MICROSECONDS, { endian: littleEndian, fractionNs: 1000n }],
  [PCAP_MAGIC_NANOSECONDS, { endian: littleEndian, fractionNs: 1n }],
  [0xd4c3b2a1, { endian: bigEndian, fractionNs: 1000n }],
  [0x4d3cb2a1, { endian: bigEndian, fractionNs: 1n }],
]);

const FILE_HEADER_LENGTH = 24;
/** LinkType field: the link type is the low 16 bits; the upper bits carry FCS information (draft-ietf-opsawg-pcap 4). */
const LINKTYPE_MASK = 0xffff;

/** True when a file's first four bytes, read little-endian, are a classic pcap magic. */
export function isPcapMagic(leMagic: number): boolean {
  return variants.has(leMagic);
}

/** Reads a classic pcap file (draft-ietf-opsawg-pcap 4 file header, 5 packet record). */
export function readPcap(r: Reader): CapturedPacket[] {
  const header = r.sub(FILE_HEADER_LENGTH);
  const variant = variants.get(header.u32le());
  if (!variant) return header.seek(0).fail('not a pcap file (bad magic)');
  const e = variant.endian;
  const major = e.u16(header);
  e.u16(header); // minor version
  if (major !== 2) header.seek(4).fail(`unsupported pcap version ${major}`);
  header.skip(4 + 4 + 4); // thiszone, sigfigs, snaplen
  const linkType = e.u32(header) & LINKTYPE_MASK;

  const packets: CapturedPacket[] = [];
  while (r.remaining > 0) {
    const seconds = e.u32(r);
    const fraction = e.u32(r);
    const capturedLength = e.u32(r);
    const origLength = e.u32(r);
    const data = r.bytes(capturedLength);
    packets.push({
      frame: packets.length + 1,
      timestampNs: BigInt(seconds) * 1_000_000_000n + BigInt(fraction) * variant.fractionNs,
      linkType,
      data,
      origLength,
    });
  }
  return packets;
}
