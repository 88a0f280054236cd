import { Writer } from '../wire/writer.js';
import { LINKTYPE } from './link-types.js';
import { PCAPNG_BLOCK, PCAPNG_BLOCK_OVERHEAD, PCAPNG_BYTE_ORDER_MAGIC, PCAPNG_OPTION } from './pcapng-format.js';

export type TimestampResolution = 'ns' | 'us';

export interface PcapngWriterOptions {
  /** LINKTYPE of the one interface (default Ethernet). */
  linkType?: number;
  /** Timestamp unit of the interface (default nanoseconds, written as if_tsresol = 9). */
  resolution?: TimestampResolution;
  /** Interface snap length; 0 (the default) means no limit. */
  snapLength?: number;
  /** shb_userappl of the section (default 'netfs'). */
  userApplication?: string;
}

/** if_tsresol values (draft-ietf-opsawg-pcapng 4.2): 10^-n seconds. */
const TSRESOL: Record<TimestampResolution, number> = { ns: 9, us: 6 };
const NS_PER_UNIT: Record<TimestampResolution, bigint> = { ns: 1n, us: 1000n };
/** Section Length -1: not given (draft-ietf-opsawg-pcapng 4.1). */
const SECTION_LENGTH_UNSPECIFIED = -1n;
/** Fixed fields before options (SHB, IDB) or packet data (EPB). */
const SHB_FIXED = 16;
const IDB_FIXED = 8;
const EPB_FIXED = 20;

/**
 * Writes a little-endian pcapng file with one section and one interface: header() once,
 * then one packet() per frame. Each call returns a whole block, ready to append.
 */
export class PcapngWriter {
  private readonly linkType: number;
  private readonly resolution: TimestampResolution;
  private readonly snapLength: number;
  private readonly userApplication: string;

  constructor(options: PcapngWriterOptions = {}) {
    this.linkType = options.linkType ?? LINKTYPE.ETHERNET;
    this.resolution = options.resolution ?? 'ns';
    this.snapLength = options.snapLength ?? 0;
    this.userApplication = options.userApplication ?? 'netfs';
  }

  /** Section Header Block and Interface Description Block. */
  header(): Buffer {
    const application = Buffer.from(this.userApplication, 'utf8');
    if (application.length > 0xffff) throw new RangeError('shb_userappl longer than an option can hold');
    // Sized exactly up front: the encoder knows its size before it writes.
    const shb = PCAPNG_BLOCK_OVERHEAD + SHB_FIXED + optionSize(application.length) + optionSize(0);
    const idb = PCAPNG_BLOCK_OVERHEAD + IDB_FIXED + optionSize(1) + optionSize(0);
    const w = new Writer(shb + idb);
    this.sectionHeader(w, application);
    this.interfaceDescription(w);
    return w.finish();
  }

  /** Section Header Block (draft-ietf-opsawg-pcapng 4.1). */
  private sectionHeader(w: Writer, application: Buffer): void {
    const start = w.length;
    const length = beginBlock(w, PCAPNG_BLOCK.SECTION_HEADER);
    w.u32le(PCAPNG_BYTE_ORDER_MAGIC);
    w.u16le(1); // major version
    w.u16le(0); // minor version
    w.i64le(SECTION_LENGTH_UNSPECIFIED);
    option(w, PCAPNG_OPTION.SHB_USERAPPL, application);
    option(w, PCAPNG_OPTION.END_OF_OPT, Buffer.alloc(0));
    endBlock(w, start, length);
  }

  /** Interface Description Block (draft-ietf-opsawg-pcapng 4.2). */
  private interfaceDescription(w: Writer): void {
    const start = w.length;
    const length = beginBlock(w, PCAPNG_BLOCK.INTERFACE_DESCRIPTION);
    w.u16le(this.linkType);
    w.u16le(0); // reserved
    w.u32le(this.snapLength);
    option(w, PCAPNG_OPTION.IF_TSRESOL, Buffer.from([TSRESOL[this.resolution]]));
    option(w, PCAPNG_OPTION.END_OF_OPT, Buffer.alloc(0));
    endBlock(w, start, length);
  }

  /**
   * Enhanced Packet Block (draft-ietf-opsawg-pcapng 4.3) for interface 0. The frame is
   * given in parts (headers, payload) and copied once, straight into the block.
   */
  packet(timestampNs: bigint, parts: readonly Uint8Array[], originalLength?: number): Buffer {
    let captured = 0;
    for (const p of parts) captured += p.length;
    const padded = (captured + 3) & ~3;
    const total = PCAPNG_BLOCK_OVERHEAD + EPB_FIXED + padded;
    const units = timestampNs / NS_PER_UNIT[this.resolution];
    const w = new Writer(total);
    w.u32le(PCAPNG_BLOCK.ENHANCED_PACKET);
    w.u32le(total);
    w.u32le(0); // interface id
    w.u32le(Number(units >> 32n));
    w.u32le(Number(units & 0xffffffffn));
    w.u32le(captured);
    w.u32le(originalLength ?? captured);
    for (const p of parts) w.bytes(p);
    w.zeros(padded - captured);
    w.u32le(total);
    return w.finish();
  }
}

/** A whole pcapng file holding the given frames. */
export function writePcapng(frames: readonly { timestampNs: bigint; data: Uint8Array; origLength?: number }[], options: PcapngWriterOptions = {}): Buffer {
  const writer = new PcapngWriter(options);
  return Buffer.concat([writer.header(), ...frames.map((f) => writer.packet(f.timestampNs, [f.data], f.origLength))]);
}

/** Block Type and a reserved Block Total Length (draft-ietf-opsawg-pcapng 3.1). */
function beginBlock(w: Writer, type: number): number {
  w.u32le(type);
  return w.reserveU32le();
}

/** Trailing Block Total Length, patched into the leading one too. */
function endBlock(w: Writer, start: number, lengthSlot: number): void {
  const total = w.length - start + 4;
  w.patchU32le(lengthSlot, total);
  w.u32le(total);
}

function optionSize(valueLength: number): number {
  return 4 + ((valueLength + 3) & ~3);
}

/** One option (draft-ietf-opsawg-pcapng 3.5): code, length, value padded to 32 bits. */
function option(w: Writer, code: number, value: Buffer): void {
  w.u16le(code);
  w.u16le(value.length);
  w.bytes(value);
  w.align(4);
}
