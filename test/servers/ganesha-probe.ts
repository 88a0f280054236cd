// One hand-built NFSv4 COMPOUND with no operations: which minor versions a server accepts,
// independent of the client under test (libnfs 4.0 speaks NFSv4.0 only).
import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';

// RFC 5531 (ONC RPC v2): CALL and REPLY, AUTH_NONE.
const RPC_VERSION = 2;
const MSG_CALL = 0;
const MSG_REPLY = 1;
const MSG_ACCEPTED = 0;
const ACCEPT_SUCCESS = 0;
const AUTH_NONE = 0;
/** RFC 5531 11: the last fragment's bit in the record-marking header. */
const LAST_FRAGMENT = 0x8000_0000;

// RFC 7530 16 / RFC 8881 16: program NFS, version 4, procedure COMPOUND.
const NFS_PROGRAM = 100003;
const NFS_V4 = 4;
const NFSPROC4_COMPOUND = 1;

/** nfsstat4 values a minor-version probe can see (RFC 8881 15.1). */
export const NFS4_OK = 0;
export const NFS4ERR_MINOR_VERS_MISMATCH = 10021;

export interface CompoundProbeResult {
  /** COMPOUND4res.status. */
  readonly status: number;
  /** COMPOUND4res.tag: the server echoes the request's tag. */
  readonly tag: string;
  /** Number of results: 0 for an empty COMPOUND. */
  readonly resultCount: number;
}

function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value >>> 0);
  return b;
}

/** XDR opaque<> / string<>: length, bytes, zero padding to 4. */
function opaque(data: Buffer): Buffer {
  return Buffer.concat([u32(data.length), data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
}

/** The CALL, record-marked as one last fragment. */
export function encodeEmptyCompound(xid: number, minorVersion: number, tag: string): Buffer {
  const body = Buffer.concat([
    u32(xid),
    u32(MSG_CALL),
    u32(RPC_VERSION),
    u32(NFS_PROGRAM),
    u32(NFS_V4),
    u32(NFSPROC4_COMPOUND),
    u32(AUTH_NONE), // cred: flavor, empty body
    u32(0),
    u32(AUTH_NONE), // verf
    u32(0),
    // COMPOUND4args: tag, minorversion, argarray<> (empty).
    opaque(Buffer.from(tag, 'utf8')),
    u32(minorVersion),
    u32(0),
  ]);
  return Buffer.concat([u32(LAST_FRAGMENT | body.length), body]);
}

/** Decodes the REPLY record body (after record marking); throws on anything but an accepted, successful call. */
export function decodeCompoundReply(record: Buffer, xid: number): CompoundProbeResult {
  let at = 0;
  const next = (): number => {
    if (at + 4 > record.length) throw new Error(`RPC reply truncated at byte ${at} of ${record.length}`);
    const v = record.readUInt32BE(at);
    at += 4;
    return v;
  };
  const skipOpaque = (): Buffer => {
    const length = next();
    const data = record.subarray(at, at + length);
    if (data.length !== length) throw new Error('RPC reply truncated inside an opaque');
    at += length + ((4 - (length % 4)) % 4);
    return data;
  };
  if (next() !== xid) throw new Error('RPC reply for another xid');
  if (next() !== MSG_REPLY) throw new Error('RPC message is not a REPLY');
  const replyStat = next();
  if (replyStat !== MSG_ACCEPTED) throw new Error(`RPC call denied (reply_stat ${replyStat})`);
  next(); // verifier flavor
  skipOpaque(); // verifier body
  const acceptStat = next();
  if (acceptStat !== ACCEPT_SUCCESS) throw new Error(`RPC call not accepted (accept_stat ${acceptStat})`);
  const status = next();
  const tag = skipOpaque().toString('utf8');
  const resultCount = next();
  return { status, tag, resultCount };
}

/** Sends one empty COMPOUND with `minorVersion` over a fresh TCP connection. */
export function probeCompound(host: string, port: number, minorVersion: number, timeoutMs = 10_000): Promise<CompoundProbeResult> {
  const xid = randomBytes(4).readUInt32BE(0);
  const tag = `netfs-probe-4.${minorVersion}`;
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host, port });
    const chunks: Buffer[] = [];
    const fail = (e: Error): void => {
      socket.destroy();
      reject(e);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`no COMPOUND reply from ${host}:${port} within ${timeoutMs} ms`)));
    socket.once('error', fail);
    socket.once('connect', () => socket.write(encodeEmptyCompound(xid, minorVersion, tag)));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const all = Buffer.concat(chunks);
      if (all.length < 4) return;
      const mark = all.readUInt32BE(0);
      const length = mark & 0x7fff_ffff;
      if ((mark & LAST_FRAGMENT) === 0) {
        fail(new Error('multi-fragment RPC reply: not expected for an empty COMPOUND'));
        return;
      }
      if (all.length < 4 + length) return;
      socket.destroy();
      try {
        resolve(decodeCompoundReply(all.subarray(4, 4 + length), xid));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}
