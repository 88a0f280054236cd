import { TCP_FLAG, type TcpSegment } from './packet.js';

/** Contiguous bytes of one direction, tagged with the frame at which they became contiguous. */
export interface StreamChunk {
  /** The frame that carried the chunk's last byte; when an out-of-order segment filled a hole, the frame that filled it. */
  frame: number;
  data: Buffer;
}

/** Bytes without a hole; a new run starts after each gap, since a framer cannot cross one. */
export interface StreamRun {
  chunks: StreamChunk[];
  /** The run does not begin right after the SYN: bytes before it were not captured. */
  startsMidstream: boolean;
}

/** Bytes [start, end) in unwrapped sequence space, as first seen. */
interface Piece {
  start: number;
  end: number;
  data: Buffer;
  frame: number;
}

/**
 * One direction of a TCP connection. Segments go in in arrival order; each byte keeps
 * the first copy seen (retransmissions and overlaps lose, as tshark does by default);
 * runs() then lays the bytes out in sequence order, split at every gap.
 */
export class DirectionReassembler {
  /** Latest sequence number seen, unwrapped to an unbounded line (numbers stay exact up to 2^53). */
  private last: number | undefined;
  /** Unwrapped sequence number of the SYN. */
  private isn: number | undefined;
  private wireIsn: number | undefined;
  /** Disjoint, sorted by start. */
  private readonly pieces: Piece[] = [];

  /** The SYN's sequence number as on the wire, once a SYN was seen. */
  get initialSequence(): number | undefined {
    return this.wireIsn;
  }

  add(seg: TcpSegment): void {
    let seq = this.unwrap(seg.seq);
    if (seg.flags & TCP_FLAG.SYN) {
      if (this.isn === undefined) {
        this.isn = seq;
        this.wireIsn = seg.seq;
      }
      seq += 1; // the SYN occupies one sequence number; data on a SYN (TCP Fast Open) follows it
    }
    if (seg.payload.length > 0) this.insert(seq, seg.payload, seg.frame);
  }

  /** Maps a 32-bit sequence number to the unwrapped value nearest the last one seen (RFC 9293 3.4 modular comparison). */
  private unwrap(seq: number): number {
    if (this.last === undefined) {
      this.last = seq;
      return seq;
    }
    const delta = (seq - (this.last >>> 0)) | 0;
    this.last += delta;
    return this.last;
  }

  /** Keeps only the bytes of [start, start+data.length) no earlier segment covered. */
  private insert(start: number, data: Buffer, frame: number): void {
    const end = start + data.length;
    const pieces = this.pieces;
    const tail = pieces[pieces.length - 1];
    if (!tail || start >= tail.end) {
      pieces.push({ start, end, data, frame });
      return;
    }
    let i = firstEndingAfter(pieces, start);
    let cursor = start;
    while (cursor < end) {
      const next = pieces[i];
      const holeEnd = next ? Math.min(next.start, end) : end;
      if (holeEnd > cursor) {
        pieces.splice(i, 0, { start: cursor, end: holeEnd, data: data.subarray(cursor - start, holeEnd - start), frame });
        i++;
      }
      if (!next || next.start >= end) break;
      cursor = next.end;
      i++;
    }
  }

  /** The bytes in sequence order, one run per stretch without a hole. */
  runs(): StreamRun[] {
    const runs: StreamRun[] = [];
    const base = this.isn === undefined ? undefined : this.isn + 1;
    let run: StreamRun | undefined;
    let runEnd = 0;
    let deliveredAt = 0;
    for (const whole of this.pieces) {
      const piece = base === undefined ? whole : trimBefore(whole, base);
      if (!piece) continue;
      if (!run || piece.start !== runEnd) {
        run = { chunks: [], startsMidstream: run !== undefined || piece.start !== base };
        runs.push(run);
        deliveredAt = 0;
      }
      deliveredAt = Math.max(deliveredAt, piece.frame);
      run.chunks.push({ frame: deliveredAt, data: piece.data });
      runEnd = piece.end;
    }
    return runs;
  }
}

/** Bytes before the first data byte after the SYN belong to no stream: drop them. */
function trimBefore(p: Piece, base: number): Piece | undefined {
  if (p.start >= base) return p;
  if (p.end <= base) return undefined;
  return { start: base, end: p.end, data: p.data.subarray(base - p.start), frame: p.frame };
}

/** Index of the first piece whose end is past `seq` (binary search). */
function firstEndingAfter(pieces: Piece[], seq: number): number {
  let lo = 0;
  let hi = pieces.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pieces[mid].end <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
