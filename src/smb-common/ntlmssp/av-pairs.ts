import { Reader, Writer } from '../../wire/index.js';
import { AvId } from './constants.js';

// MS-NLMP 2.2.2.1 AV_PAIR: AvId (2), AvLen (2), Value (AvLen). A list ends with MsvAvEOL.

export interface AvPair {
  id: number;
  value: Buffer;
}

/** The target information of a CHALLENGE_MESSAGE (or of an NTLMv2 response), by name. */
export interface TargetInfo {
  nbComputerName?: string;
  nbDomainName?: string;
  dnsComputerName?: string;
  dnsDomainName?: string;
  dnsTreeName?: string;
  /** MsvAvFlags (MsvAvFlags table). */
  flags?: number;
  /** MsvAvTimestamp, a FILETIME. */
  timestamp?: bigint;
  singleHost?: Buffer;
  /** MsvAvTargetName, the SPN. */
  targetName?: string;
  channelBindings?: Buffer;
}

/**
 * Decodes an AV_PAIR list up to MsvAvEOL. A list that simply ends without MsvAvEOL is
 * accepted (its pairs are all there); a pair running past the end throws DecodeError.
 */
export function decodeAvPairs(buf: Buffer): AvPair[] {
  const r = new Reader(buf);
  const pairs: AvPair[] = [];
  while (r.remaining > 0) {
    const id = r.u16le();
    const len = r.u16le();
    const value = r.bytes(len);
    if (id === AvId.MsvAvEOL) break;
    pairs.push({ id, value });
  }
  return pairs;
}

/** Encodes pairs followed by MsvAvEOL. */
export function encodeAvPairs(pairs: readonly AvPair[]): Buffer {
  const w = new Writer(64);
  for (const p of pairs) {
    if (p.id === AvId.MsvAvEOL) continue;
    if (p.value.length > 0xffff) throw new RangeError(`AV_PAIR of ${p.value.length} bytes`);
    w.u16le(p.id).u16le(p.value.length).bytes(p.value);
  }
  w.u16le(AvId.MsvAvEOL).u16le(0);
  return w.finish();
}

function fixed(value: Buffer, n: number, what: string): Reader {
  const r = new Reader(value);
  if (value.length !== n) r.fail(`${what}: AvLen ${value.length}, expected ${n}`);
  return r;
}

/** Names the pairs of a list; unknown AvIds are ignored. */
export function describeAvPairs(pairs: readonly AvPair[]): TargetInfo {
  const info: TargetInfo = {};
  for (const { id, value } of pairs) {
    switch (id) {
      case AvId.MsvAvNbComputerName:
        info.nbComputerName = new Reader(value).utf16le(value.length);
        break;
      case AvId.MsvAvNbDomainName:
        info.nbDomainName = new Reader(value).utf16le(value.length);
        break;
      case AvId.MsvAvDnsComputerName:
        info.dnsComputerName = new Reader(value).utf16le(value.length);
        break;
      case AvId.MsvAvDnsDomainName:
        info.dnsDomainName = new Reader(value).utf16le(value.length);
        break;
      case AvId.MsvAvDnsTreeName:
        info.dnsTreeName = new Reader(value).utf16le(value.length);
        break;
      case AvId.MsvAvFlags:
        info.flags = fixed(value, 4, 'MsvAvFlags').u32le();
        break;
      case AvId.MsvAvTimestamp:
        info.timestamp = fixed(value, 8, 'MsvAvTimestamp').u64le();
        break;
      case AvId.MsvAvSingleHost:
        info.singleHost = value;
        break;
      case AvId.MsvAvTargetName:
        info.targetName = new Reader(value).utf16le(value.length);
        break;
      case AvId.MsvAvChannelBindings:
        info.channelBindings = value;
        break;
    }
  }
  return info;
}
