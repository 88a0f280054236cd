// One hand-built SMB2 NEGOTIATE round trip: what a test server advertises before any login
// (signing required? SMB3 POSIX extensions?), independent of the client under test.
import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import { NetbiosFramer, netbiosHeader } from '../../src/transport/netbios.js';
import { Reader, Writer } from '../../src/wire/index.js';

// MS-SMB2 2.2.1.2: the SMB2 sync header, 64 bytes.
const SMB2_PROTOCOL_ID = Buffer.from([0xfe, 0x53, 0x4d, 0x42]);
const SMB2_HEADER_SIZE = 64;
const SMB2_NEGOTIATE = 0x0000;

/** MS-SMB2 2.2.3 SecurityMode bits. */
export const SMB2_NEGOTIATE_SIGNING_ENABLED = 0x0001;
export const SMB2_NEGOTIATE_SIGNING_REQUIRED = 0x0002;

/** MS-SMB2 2.2.3 Capabilities: SMB2_GLOBAL_CAP_ENCRYPTION. */
const SMB2_GLOBAL_CAP_ENCRYPTION = 0x00000040;

/** MS-SMB2 2.2.3 Dialects, 2.0.2 to 3.1.1. */
export const SMB2_DIALECTS = [0x0202, 0x0210, 0x0300, 0x0302, 0x0311] as const;

/** MS-SMB2 2.2.3.1 ContextType values used here. */
export const SMB2_PREAUTH_INTEGRITY_CAPABILITIES = 0x0001;
export const SMB2_ENCRYPTION_CAPABILITIES = 0x0002;
/** SMB3 POSIX extensions (Samba / Linux): negotiate context 0x100 carrying the POSIX tag. */
export const SMB2_POSIX_EXTENSIONS_AVAILABLE = 0x0100;
/** SMB2_CREATE_TAG_POSIX, the 16-byte value of the POSIX negotiate context. */
const SMB2_POSIX_TAG = Buffer.from('93ad25509cb411e7b42383de968bcd7c', 'hex');

/** MS-SMB2 2.2.3.1.1 HashAlgorithms: SHA-512; 2.2.3.1.2 Ciphers: AES-128-GCM, AES-128-CCM. */
const SHA_512 = 0x0001;
const AES_128_GCM = 0x0002;
const AES_128_CCM = 0x0001;

export interface NegotiateProbeResult {
  readonly status: number;
  readonly securityMode: number;
  readonly dialect: number;
  readonly capabilities: number;
  /** ContextType of every negotiate context in the response (3.1.1 only). */
  readonly contextTypes: number[];
}

function context(w: Writer, type: number, data: Buffer): void {
  // MS-SMB2 2.2.3.1 SMB2 NEGOTIATE_CONTEXT, 8-byte aligned from the header.
  w.align(8);
  w.u16le(type); // ContextType
  w.u16le(data.length); // DataLength
  w.u32le(0); // Reserved
  w.bytes(data); // Data
}

/** The NEGOTIATE request (without its NetBIOS header), offering 2.0.2-3.1.1 and, with posix, the POSIX context. */
export function encodeNegotiateProbe(posix: boolean): Buffer {
  const w = new Writer(256);
  // MS-SMB2 2.2.1.2 SMB2 Packet Header - SYNC
  w.bytes(SMB2_PROTOCOL_ID); // ProtocolId
  w.u16le(SMB2_HEADER_SIZE); // StructureSize
  w.u16le(0); // CreditCharge
  w.u32le(0); // Status (ChannelSequence/Reserved)
  w.u16le(SMB2_NEGOTIATE); // Command
  w.u16le(1); // CreditRequest
  w.u32le(0); // Flags
  w.u32le(0); // NextCommand
  w.u64le(0n); // MessageId
  w.u32le(0); // Reserved (ProcessId)
  w.u32le(0); // TreeId
  w.u64le(0n); // SessionId
  w.zeros(16); // Signature
  // MS-SMB2 2.2.3 SMB2 NEGOTIATE Request
  w.u16le(36); // StructureSize
  w.u16le(SMB2_DIALECTS.length); // DialectCount
  w.u16le(SMB2_NEGOTIATE_SIGNING_ENABLED); // SecurityMode
  w.u16le(0); // Reserved
  w.u32le(SMB2_GLOBAL_CAP_ENCRYPTION); // Capabilities
  w.bytes(randomBytes(16)); // ClientGuid
  const contextOffset = w.reserveU32le(); // NegotiateContextOffset
  const contexts: Array<[number, Buffer]> = [
    [SMB2_PREAUTH_INTEGRITY_CAPABILITIES, preauthData()],
    [SMB2_ENCRYPTION_CAPABILITIES, encryptionData()],
  ];
  if (posix) contexts.push([SMB2_POSIX_EXTENSIONS_AVAILABLE, SMB2_POSIX_TAG]);
  w.u16le(contexts.length); // NegotiateContextCount
  w.u16le(0); // Reserved2
  for (const d of SMB2_DIALECTS) w.u16le(d); // Dialects
  w.align(8);
  w.patchU32le(contextOffset, w.length);
  for (const [type, data] of contexts) context(w, type, data);
  return Buffer.from(w.finish());
}

function preauthData(): Buffer {
  // MS-SMB2 2.2.3.1.1 SMB2_PREAUTH_INTEGRITY_CAPABILITIES
  const w = new Writer(48);
  w.u16le(1); // HashAlgorithmCount
  w.u16le(32); // SaltLength
  w.u16le(SHA_512); // HashAlgorithms
  w.bytes(randomBytes(32)); // Salt
  return Buffer.from(w.finish());
}

function encryptionData(): Buffer {
  // MS-SMB2 2.2.3.1.2 SMB2_ENCRYPTION_CAPABILITIES
  const w = new Writer(8);
  w.u16le(2); // CipherCount
  w.u16le(AES_128_GCM); // Ciphers
  w.u16le(AES_128_CCM);
  return Buffer.from(w.finish());
}

/** Decodes the fields of an SMB2 NEGOTIATE response (MS-SMB2 2.2.4) that the probe reports. */
export function decodeNegotiateProbeResponse(message: Buffer): NegotiateProbeResult {
  const r = new Reader(message);
  // MS-SMB2 2.2.1.2 header
  if (!r.bytes(4).equals(SMB2_PROTOCOL_ID)) r.fail('not an SMB2 message');
  r.skip(4); // StructureSize, CreditCharge
  const status = r.u32le(); // Status
  if (r.u16le() !== SMB2_NEGOTIATE) r.fail('not a NEGOTIATE response');
  r.seek(SMB2_HEADER_SIZE);
  if (status !== 0) return { status, securityMode: 0, dialect: 0, capabilities: 0, contextTypes: [] };
  // MS-SMB2 2.2.4 SMB2 NEGOTIATE Response
  r.skip(2); // StructureSize
  const securityMode = r.u16le(); // SecurityMode
  const dialect = r.u16le(); // DialectRevision
  const contextCount = r.u16le(); // NegotiateContextCount
  r.skip(16); // ServerGuid
  const capabilities = r.u32le(); // Capabilities
  r.skip(12 + 16 + 4); // MaxTransactSize, MaxReadSize, MaxWriteSize, SystemTime, ServerStartTime, SecurityBuffer{Offset,Length}
  const contextOffset = r.u32le(); // NegotiateContextOffset
  const contextTypes: number[] = [];
  if (dialect === 0x0311) {
    r.seek(contextOffset);
    for (let i = 0; i < contextCount; i++) {
      r.align(8);
      contextTypes.push(r.u16le()); // ContextType
      const length = r.u16le(); // DataLength
      r.skip(4 + length); // Reserved, Data
    }
  }
  return { status, securityMode, dialect, capabilities, contextTypes };
}

/** Sends one NEGOTIATE to host:port and decodes the reply. */
export function probeNegotiate(host: string, port: number, options: { posix: boolean; timeoutMs?: number }): Promise<NegotiateProbeResult> {
  const request = encodeNegotiateProbe(options.posix);
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host, port });
    const done = (fn: () => void): void => {
      socket.destroy();
      fn();
    };
    const framer = new NetbiosFramer((message) => {
      try {
        const result = decodeNegotiateProbeResponse(message);
        done(() => resolve(result));
      } catch (e) {
        done(() => reject(e));
      }
    });
    socket.setTimeout(options.timeoutMs ?? 10_000, () => done(() => reject(new Error(`no NEGOTIATE reply from ${host}:${port}`))));
    socket.on('error', (e) => done(() => reject(e)));
    socket.on('data', (chunk: Buffer) => {
      try {
        framer.push(chunk);
      } catch (e) {
        done(() => reject(e));
      }
    });
    socket.on('connect', () => socket.write(Buffer.concat([netbiosHeader(request.length), request])));
  });
}
