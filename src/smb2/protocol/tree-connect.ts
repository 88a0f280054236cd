import type { Reader, Writer } from '../../wire/index.js';
import { expectStructureSize, padToStructureSize, u16Field, utf16At } from './body.js';
import { SMB2_HEADER_SIZE } from './header.js';

export const TREE_CONNECT_REQUEST_STRUCTURE_SIZE = 9;
export const TREE_CONNECT_RESPONSE_STRUCTURE_SIZE = 16;

/** MS-SMB2 2.2.9 Flags (SMB 3.1.1). */
export const TreeConnectFlags = {
  SMB2_TREE_CONNECT_FLAG_CLUSTER_RECONNECT: 0x0001,
  SMB2_TREE_CONNECT_FLAG_REDIRECT_TO_OWNER: 0x0002,
  SMB2_TREE_CONNECT_FLAG_EXTENSION_PRESENT: 0x0004,
} as const;

/** MS-SMB2 2.2.9.2 ContextType. */
export const TreeConnectContextType = {
  SMB2_RESERVED_TREE_CONNECT_CONTEXT_ID: 0x0000,
  SMB2_REMOTED_IDENTITY_TREE_CONNECT_CONTEXT_ID: 0x0001,
} as const;

/** MS-SMB2 2.2.9.2 SMB2_TREE_CONNECT_CONTEXT, data kept raw. */
export interface TreeConnectContext {
  contextType: number;
  data: Buffer;
}

// MS-SMB2 2.2.9 SMB2 TREE_CONNECT Request (and 2.2.9.1 Request Extension when the flag is set).
export interface TreeConnectRequest {
  flags: number;
  /** \\server\share */
  path: string;
  /** Only with SMB2_TREE_CONNECT_FLAG_EXTENSION_PRESENT. */
  treeConnectContexts?: TreeConnectContext[];
}

// MS-SMB2 2.2.10 SMB2 TREE_CONNECT Response.
export interface TreeConnectResponse {
  shareType: number;
  shareFlags: number;
  capabilities: number;
  maximalAccess: number;
}

function hasExtension(flags: number): boolean {
  return (flags & TreeConnectFlags.SMB2_TREE_CONNECT_FLAG_EXTENSION_PRESENT) !== 0;
}

export function encodeTreeConnectRequest(w: Writer, req: TreeConnectRequest): void {
  const start = w.length;
  const path = Buffer.from(req.path, 'utf16le');
  w.u16le(TREE_CONNECT_REQUEST_STRUCTURE_SIZE).u16le(req.flags);
  const pathOffsetAt = w.reserveU16le();
  w.u16le(u16Field(path.length, 'PathLength'));
  if (hasExtension(req.flags)) {
    const contexts = req.treeConnectContexts ?? [];
    const contextOffsetAt = w.reserveU32le();
    w.u16le(u16Field(contexts.length, 'TreeConnectContextCount')).zeros(10);
    w.patchU16le(pathOffsetAt, w.length);
    w.bytes(path);
    if (contexts.length > 0) {
      w.align(8);
      // 2.2.9.1: the offset counts from the start of the TREE_CONNECT request (after the header).
      w.patchU32le(contextOffsetAt, w.length - start);
      contexts.forEach((c, i) => {
        if (i > 0) w.align(8);
        w.u16le(c.contextType).u16le(u16Field(c.data.length, 'tree connect context DataLength')).u32le(0).bytes(c.data);
      });
    }
  } else {
    w.patchU16le(pathOffsetAt, w.length);
    w.bytes(path);
  }
  padToStructureSize(w, start, TREE_CONNECT_REQUEST_STRUCTURE_SIZE);
}

function readTreeConnectContexts(r: Reader, offset: number, count: number): TreeConnectContext[] {
  const contexts: TreeConnectContext[] = [];
  let pos = offset;
  for (let i = 0; i < count; i++) {
    pos += (8 - (pos % 8)) % 8;
    const head = r.at(pos, 8);
    const contextType = head.u16le();
    const dataLength = head.u16le();
    contexts.push({ contextType, data: r.slice(pos + 8, dataLength) });
    pos += 8 + dataLength;
  }
  return contexts;
}

export function decodeTreeConnectRequest(r: Reader): TreeConnectRequest {
  expectStructureSize(r, TREE_CONNECT_REQUEST_STRUCTURE_SIZE, 'TREE_CONNECT request');
  const flags = r.u16le();
  const pathOffset = r.u16le();
  const pathLength = r.u16le();
  const path = utf16At(r, pathOffset, pathLength, 'TREE_CONNECT Path');
  if (!hasExtension(flags)) return { flags, path };
  const treeConnectContextOffset = r.u32le();
  const treeConnectContextCount = r.u16le();
  r.skip(10);
  const treeConnectContexts = treeConnectContextCount === 0 ? [] : readTreeConnectContexts(r, SMB2_HEADER_SIZE + treeConnectContextOffset, treeConnectContextCount);
  return { flags, path, treeConnectContexts };
}

export function encodeTreeConnectResponse(w: Writer, res: TreeConnectResponse): void {
  w.u16le(TREE_CONNECT_RESPONSE_STRUCTURE_SIZE).u8(res.shareType).u8(0).u32le(res.shareFlags).u32le(res.capabilities).u32le(res.maximalAccess);
}

export function decodeTreeConnectResponse(r: Reader): TreeConnectResponse {
  expectStructureSize(r, TREE_CONNECT_RESPONSE_STRUCTURE_SIZE, 'TREE_CONNECT response');
  const shareType = r.u8();
  r.skip(1);
  const shareFlags = r.u32le();
  const capabilities = r.u32le();
  const maximalAccess = r.u32le();
  return { shareType, shareFlags, capabilities, maximalAccess };
}
