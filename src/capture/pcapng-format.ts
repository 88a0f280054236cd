/** pcapng block types (draft-ietf-opsawg-pcapng 4.1, 10.1). */
export const PCAPNG_BLOCK = {
  SECTION_HEADER: 0x0a0d0d0a,
  INTERFACE_DESCRIPTION: 0x00000001,
  /** Obsolete Packet Block (draft-ietf-opsawg-pcapng Appendix A). */
  PACKET: 0x00000002,
  SIMPLE_PACKET: 0x00000003,
  NAME_RESOLUTION: 0x00000004,
  INTERFACE_STATISTICS: 0x00000005,
  ENHANCED_PACKET: 0x00000006,
} as const;

/** Byte-Order Magic of the Section Header Block (draft-ietf-opsawg-pcapng 4.1). */
export const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** The same magic written by a host of the other byte order, as read little-endian. */
export const PCAPNG_BYTE_ORDER_MAGIC_SWAPPED = 0x4d3c2b1a;

/** Option codes used here (draft-ietf-opsawg-pcapng 3.5, 4.1, 4.2). */
export const PCAPNG_OPTION = {
  END_OF_OPT: 0,
  COMMENT: 1,
  SHB_USERAPPL: 4,
  IF_TSRESOL: 9,
  IF_TSOFFSET: 14,
} as const;

/** Block Type + Block Total Length before the body, Block Total Length after it. */
export const PCAPNG_BLOCK_OVERHEAD = 12;
/** if_tsresol absent: microseconds (draft-ietf-opsawg-pcapng 4.2). */
export const PCAPNG_DEFAULT_TSRESOL = 6;
/** if_tsresol with this bit set is a negative power of 2, else of 10. */
export const PCAPNG_TSRESOL_BASE2 = 0x80;
