import type { Reader, Writer } from '../../wire/index.js';
import { Smb2HeaderFlags } from './constants.js';

// MS-SMB2 2.2.1.1 (ASYNC) and 2.2.1.2 (SYNC) SMB2 Packet Header.
export const SMB2_HEADER_SIZE = 64;
/** ProtocolId 0xFE 'S' 'M' 'B', read as a little-endian u32. */
export const SMB2_PROTOCOL_ID = 0x424d53fe;
export const SMB2_SIGNATURE_OFFSET = 48;
export const SMB2_SIGNATURE_SIZE = 16;
/** Byte offset of NextCommand inside the header. */
export const SMB2_NEXT_COMMAND_OFFSET = 20;
/** Byte offset of Flags inside the header. */
export const SMB2_FLAGS_OFFSET = 16;

export interface Smb2Header {
  creditCharge: number;
  /** Status in responses; in requests the raw ChannelSequence/Reserved field. */
  status: number;
  command: number;
  /** CreditRequest in requests, CreditResponse in responses. */
  credits: number;
  flags: number;
  nextCommand: number;
  messageId: bigint;
  /** AsyncId, when SMB2_FLAGS_ASYNC_COMMAND is set. */
  asyncId: bigint | undefined;
  /** TreeId, when the header is SYNC. */
  treeId: number | undefined;
  /** Reserved (historically ProcessId), when the header is SYNC. */
  processId: number | undefined;
  sessionId: bigint;
  /** A view of the 16 signature bytes. */
  signature: Buffer;
  /** Requests only (SMB 3.x): the low 16 bits of the Status field. */
  channelSequence?: number;
}

/** What an encoder needs: command and message id; everything else defaults to zero. */
export type Smb2HeaderInit = Partial<Smb2Header> & { command: number; messageId: bigint };

export function isResponse(h: Pick<Smb2Header, 'flags'>): boolean {
  return (h.flags & Smb2HeaderFlags.SERVER_TO_REDIR) !== 0;
}

export function isAsync(h: Pick<Smb2Header, 'flags'>): boolean {
  return (h.flags & Smb2HeaderFlags.ASYNC_COMMAND) !== 0;
}

/**
 * Reads a 64-byte header; checks ProtocolId and StructureSize. A describer that must
 * report even a damaged header passes checkStructureSize = false (the layout is fixed
 * whatever the field says).
 */
export function readHeader(r: Reader, checkStructureSize = true): Smb2Header {
  const protocolId = r.u32le();
  if (protocolId !== SMB2_PROTOCOL_ID) r.fail(`not an SMB2 header: ProtocolId 0x${protocolId.toString(16).padStart(8, '0')}`);
  const structureSize = r.u16le();
  if (checkStructureSize && structureSize !== SMB2_HEADER_SIZE) r.fail(`SMB2 header StructureSize ${structureSize}, expected 64`);
  const creditCharge = r.u16le();
  const status = r.u32le();
  const command = r.u16le();
  const credits = r.u16le();
  const flags = r.u32le();
  const nextCommand = r.u32le();
  const messageId = r.u64le();
  let asyncId: bigint | undefined;
  let processId: number | undefined;
  let treeId: number | undefined;
  if (flags & Smb2HeaderFlags.ASYNC_COMMAND) {
    asyncId = r.u64le();
  } else {
    processId = r.u32le();
    treeId = r.u32le();
  }
  const sessionId = r.u64le();
  const signature = r.bytes(SMB2_SIGNATURE_SIZE);
  const h: Smb2Header = { creditCharge, status, command, credits, flags, nextCommand, messageId, asyncId, treeId, processId, sessionId, signature };
  if (!(flags & Smb2HeaderFlags.SERVER_TO_REDIR)) h.channelSequence = status & 0xffff;
  return h;
}

/** Writes a 64-byte header. ASYNC_COMMAND in flags selects the AsyncId form. */
export function writeHeader(w: Writer, h: Smb2HeaderInit): void {
  const flags = h.flags ?? 0;
  w.u32le(SMB2_PROTOCOL_ID).u16le(SMB2_HEADER_SIZE).u16le(h.creditCharge ?? 0);
  if (!(flags & Smb2HeaderFlags.SERVER_TO_REDIR) && h.channelSequence !== undefined) {
    w.u16le(h.channelSequence).u16le((h.status ?? 0) >>> 16);
  } else {
    w.u32le(h.status ?? 0);
  }
  w.u16le(h.command).u16le(h.credits ?? 0).u32le(flags).u32le(h.nextCommand ?? 0).u64le(h.messageId);
  if (flags & Smb2HeaderFlags.ASYNC_COMMAND) {
    w.u64le(h.asyncId ?? 0n);
  } else {
    w.u32le(h.processId ?? 0).u32le(h.treeId ?? 0);
  }
  w.u64le(h.sessionId ?? 0n);
  if (h.signature) {
    if (h.signature.length !== SMB2_SIGNATURE_SIZE) throw new RangeError(`SMB2 signature must be 16 bytes, got ${h.signature.length}`);
    w.bytes(h.signature);
  } else {
    w.zeros(SMB2_SIGNATURE_SIZE);
  }
}
