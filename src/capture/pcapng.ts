import { Reader } from '../wire/reader.js';
import { bigEndian, littleEndian, type Endian } from './endian.js';
import { PCAPNG_BLOCK, PCAPNG_BLOCK_OVERHEAD, PCAPNG_BYTE_ORDER_MAGIC, PCAPNG_BYTE_ORDER_MAGIC_SWAPPED, PCAPNG_DEFAULT_TSRESOL, PCAPNG_OPTION, PCAPNG_TSRESOL_BASE2 } from './pcapng-format.js';
import type { CapturedPacket } from './types.js';

/** An Interface Description Block, reduced to what packet records need (draft-ietf-opsawg-pcapng 4.2). */
interface Interface {
  linkType: number;
  snapLength: number;
  /** if_tsresol: the timestamp unit is 10^-n s, or 2^-n s when base2. */
  tsresol: number;
  /** if_tsoffset: seconds added to every timestamp. */
  tsoffsetSeconds: bigint;
}

/** Per-section state: byte order and the interfaces declared so far. */
interface Section {
  e: Endian;
  interfaces: Interface[];
}

/** Reads a pcapng file: any number of sections, each with its own byte order and interfaces. */
export function readPcapng(r: Reader): CapturedPacket[] {
  const packets: CapturedPacket[] = [];
  let section: Section | undefined;
  while (r.remaining > 0) {
    const leType = r.at(r.pos, 4).u32le();
    if (leType === PCAPNG_BLOCK.SECTION_HEADER) {
      section = readSectionHeader(r);
      continue;
    }
    if (!section) return r.fail('pcapng file does not start with a Section Header Block');
    const { type, body } = nextBlock(r, section.e);
    readBlock(type, body, section, packets);
  }
  return packets;
}

/** Splits off the next generic block (draft-ietf-opsawg-pcapng 3.1) and checks its trailing length. */
function nextBlock(r: Reader, e: Endian): { type: number; body: Reader } {
  const start = r.pos;
  const head = r.at(start, 8);
  const type = e.u32(head);
  const total = e.u32(head);
  if (total < PCAPNG_BLOCK_OVERHEAD || total % 4 !== 0) head.fail(`pcapng block total length ${total} is invalid`);
  const block = r.sub(total);
  block.skip(8);
  const body = block.sub(total - PCAPNG_BLOCK_OVERHEAD);
  if (e.u32(block) !== total) block.fail('pcapng block trailing length differs from its leading length');
  return { type, body };
}

/** Section Header Block (draft-ietf-opsawg-pcapng 4.1): its byte-order magic decides the section's byte order. */
function readSectionHeader(r: Reader): Section {
  const magic = r.at(r.pos + 8, 4).u32le();
  const e = magic === PCAPNG_BYTE_ORDER_MAGIC ? littleEndian : magic === PCAPNG_BYTE_ORDER_MAGIC_SWAPPED ? bigEndian : undefined;
  if (!e) return r.at(r.pos + 8, 0).fail('pcapng Section Header Block has a bad byte-order magic');
  const { body } = nextBlock(r, e);
  body.skip(4); // byte-order magic
  const major = e.u16(body);
  e.u16(body); // minor version
  if (major !== 1) body.fail(`unsupported pcapng version ${major}`);
  e.i64(body); // section length (may be -1)
  return { e, interfaces: [] };
}

function readBlock(type: number, body: Reader, section: Section, packets: CapturedPacket[]): void {
  switch (type) {
    case PCAPNG_BLOCK.INTERFACE_DESCRIPTION:
      section.interfaces.push(readInterface(body, section.e));
      return;
    case PCAPNG_BLOCK.ENHANCED_PACKET:
      packets.push(readEnhancedPacket(body, section, packets.length + 1));
      return;
    case PCAPNG_BLOCK.SIMPLE_PACKET:
      packets.push(readSimplePacket(body, section, packets.length + 1));
      return;
    case PCAPNG_BLOCK.PACKET:
      packets.push(readObsoletePacket(body, section, packets.length + 1));
      return;
    default:
      return; // name resolution, statistics, custom, decryption secrets...: nothing a packet needs
  }
}

/** Interface Description Block (draft-ietf-opsawg-pcapng 4.2). */
function readInterface(body: Reader, e: Endian): Interface {
  const linkType = e.u16(body);
  body.skip(2); // reserved
  const snapLength = e.u32(body);
  const iface: Interface = { linkType, snapLength, tsresol: PCAPNG_DEFAULT_TSRESOL, tsoffsetSeconds: 0n };
  forEachOption(body, e, (code, value) => {
    if (code === PCAPNG_OPTION.IF_TSRESOL) iface.tsresol = value.u8();
    else if (code === PCAPNG_OPTION.IF_TSOFFSET) iface.tsoffsetSeconds = e.i64(value);
  });
  return iface;
}

/** Options (draft-ietf-opsawg-pcapng 3.5): code, length, value padded to 32 bits, until opt_endofopt or the body's end. */
function forEachOption(body: Reader, e: Endian, visit: (code: number, value: Reader) => void): void {
  const options = body.sub(body.remaining);
  while (options.remaining >= 4) {
    const code = e.u16(options);
    const length = e.u16(options);
    if (code === PCAPNG_OPTION.END_OF_OPT) return;
    visit(code, options.sub(length));
    options.align(4);
  }
}

function interfaceOf(section: Section, id: number, r: Reader): Interface {
  const iface = section.interfaces[id];
  if (!iface) return r.fail(`packet refers to interface ${id}, but the section declares ${section.interfaces.length}`);
  return iface;
}

/** Enhanced Packet Block (draft-ietf-opsawg-pcapng 4.3). */
function readEnhancedPacket(body: Reader, section: Section, frame: number): CapturedPacket {
  const e = section.e;
  const iface = interfaceOf(section, e.u32(body), body);
  return timedPacket(body, section, iface, frame);
}

/** Simple Packet Block (draft-ietf-opsawg-pcapng 4.4): interface 0, no timestamp, length implied by the block. */
function readSimplePacket(body: Reader, section: Section, frame: number): CapturedPacket {
  const iface = interfaceOf(section, 0, body);
  const origLength = section.e.u32(body);
  const limit = iface.snapLength === 0 ? origLength : Math.min(origLength, iface.snapLength);
  const data = body.bytes(Math.min(limit, body.remaining));
  return { frame, timestampNs: 0n, linkType: iface.linkType, data, origLength };
}

/** Packet Block, obsolete (draft-ietf-opsawg-pcapng Appendix A): a 16-bit interface id and a drops count. */
function readObsoletePacket(body: Reader, section: Section, frame: number): CapturedPacket {
  const e = section.e;
  const iface = interfaceOf(section, e.u16(body), body);
  e.u16(body); // drops count
  return timedPacket(body, section, iface, frame);
}

/** The part EPB and the obsolete PB share: timestamp, captured and original lengths, data. */
function timedPacket(body: Reader, section: Section, iface: Interface, frame: number): CapturedPacket {
  const e = section.e;
  const high = e.u32(body);
  const low = e.u32(body);
  const capturedLength = e.u32(body);
  const origLength = e.u32(body);
  const data = body.bytes(capturedLength);
  return { frame, timestampNs: toNanoseconds(iface, high, low), linkType: iface.linkType, data, origLength };
}

/** A 64-bit timestamp in the interface's units -> nanoseconds since the epoch (if_tsresol, if_tsoffset). */
function toNanoseconds(iface: Interface, high: number, low: number): bigint {
  const units = (BigInt(high) << 32n) | BigInt(low);
  const exponent = BigInt(iface.tsresol & ~PCAPNG_TSRESOL_BASE2);
  let ns: bigint;
  if (iface.tsresol & PCAPNG_TSRESOL_BASE2) ns = (units * 1_000_000_000n) >> exponent;
  else if (exponent <= 9n) ns = units * 10n ** (9n - exponent);
  else ns = units / 10n ** (exponent - 9n);
  return ns + iface.tsoffsetSeconds * 1_000_000_000n;
}
