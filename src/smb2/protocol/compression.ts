import type { Reader } from '../../wire/index.js';
import { CompressionAlgorithm } from './negotiate-contexts.js';

// MS-SMB2 2.2.42 SMB2 COMPRESSION_TRANSFORM_HEADER (header only; no decompression here).
/** ProtocolId 0xFC 'S' 'M' 'B', read as a little-endian u32. */
export const COMPRESSION_PROTOCOL_ID = 0x424d53fc;

/** MS-SMB2 2.2.42 Flags. */
export const CompressionTransformFlags = {
  SMB2_COMPRESSION_FLAG_NONE: 0x0000,
  SMB2_COMPRESSION_FLAG_CHAINED: 0x0001,
} as const;

/** MS-SMB2 2.2.42.1 unchained: Offset is where the compressed data starts, after the header. */
export interface UnchainedCompressionHeader {
  chained: false;
  originalCompressedSegmentSize: number;
  compressionAlgorithm: number;
  flags: number;
  offset: number;
}

/** MS-SMB2 2.2.42.2 chained: the first SMB2_COMPRESSION_CHAINED_PAYLOAD_HEADER (2.2.42.2.1). */
export interface ChainedCompressionHeader {
  chained: true;
  originalCompressedSegmentSize: number;
  compressionAlgorithm: number;
  flags: number;
  length: number;
  /** Present for the compressing algorithms (LZNT1, LZ77, LZ77+Huffman, LZ4), not for NONE or Pattern_V1. */
  originalPayloadSize?: number;
}

export type CompressionTransformHeader = UnchainedCompressionHeader | ChainedCompressionHeader;

/** Algorithms whose chained payload header carries OriginalPayloadSize: LZNT1, LZ77, LZ77+Huffman, LZ4. */
const WITH_ORIGINAL_SIZE: ReadonlySet<number> = new Set([
  CompressionAlgorithm.LZNT1,
  CompressionAlgorithm.LZ77,
  CompressionAlgorithm.LZ77_HUFFMAN,
  CompressionAlgorithm.LZ4,
]);

export function readCompressionTransformHeader(r: Reader): CompressionTransformHeader {
  const protocolId = r.u32le();
  if (protocolId !== COMPRESSION_PROTOCOL_ID) r.fail(`not an SMB2 COMPRESSION_TRANSFORM_HEADER: ProtocolId 0x${protocolId.toString(16).padStart(8, '0')}`);
  const originalCompressedSegmentSize = r.u32le();
  const compressionAlgorithm = r.u16le();
  const flags = r.u16le();
  if (!(flags & CompressionTransformFlags.SMB2_COMPRESSION_FLAG_CHAINED)) {
    return { chained: false, originalCompressedSegmentSize, compressionAlgorithm, flags, offset: r.u32le() };
  }
  const length = r.u32le();
  const h: ChainedCompressionHeader = { chained: true, originalCompressedSegmentSize, compressionAlgorithm, flags, length };
  if (WITH_ORIGINAL_SIZE.has(compressionAlgorithm)) h.originalPayloadSize = r.u32le();
  return h;
}
