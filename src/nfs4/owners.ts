// Open-owners (RFC 7530 9.1.3, 9.1.7): on NFSv4.0 each owner's seqid orders its OPEN,
// OPEN_CONFIRM and CLOSE requests, so one owner runs one such request at a time; a small
// pool of owners lets opens of different files go out together. NFSv4.1 sessions make
// seqids moot (RFC 8881 8.13): one owner, seqid 0, no waiting.
import type { CompoundStatus } from './compound.js';
import type { StateOwner } from './ops/common.js';
import { NFS4ERR } from './state.js';

/** The errors after which the server did not move the owner's seqid on (RFC 7530 9.1.7). */
const SEQID_KEPT: ReadonlySet<number> = new Set([NFS4ERR.STALE_CLIENTID, NFS4ERR.STALE_STATEID, NFS4ERR.BAD_STATEID, NFS4ERR.BAD_SEQID, 10036 /* BADXDR */, 10018 /* RESOURCE */, 10020 /* NOFILEHANDLE */, 10019 /* MOVED */]);

/** Did the seqid-bearing op at index (in the compound's ops) move its owner's seqid on? */
export function seqidConsumed(st: CompoundStatus, index: number): boolean {
  if (st.failedAt === -1 && st.status === 0) return true;
  if (st.failedAt > index) return true;
  return st.failedAt === index && !SEQID_KEPT.has(st.status);
}

export interface OpenOwner {
  readonly owner: StateOwner;
  /** The seqid its next seqid-bearing op carries (0 on 4.1). */
  seqid: number;
  /** The tail of its queue. */
  tail: Promise<void>;
}

/**
 * Open-owners: one per open file at a time. Two opens of one file by the same owner would share one
 * open stateid (RFC 8881 9.1.4), so closing one would close the other; the Linux client
 * shares them with reference counts, netfs keeps them apart. On NFSv4.0 a new owner costs
 * an OPEN_CONFIRM, so owners whose file is closed are kept and reused; an owner's requests run
 * one at a time in seqid order.
 */
export class OwnerPool {
  private made = 0;
  /** Owners holding no open file, confirmed on 4.0: the next open takes one and needs no OPEN_CONFIRM. */
  private readonly idle: OpenOwner[] = [];

  constructor(
    private readonly clientid: () => bigint,
    private readonly prefix: Buffer,
    private readonly sequenced: boolean,
  ) {}

  private make(): OpenOwner {
    const id = Buffer.alloc(this.prefix.length + 4);
    this.prefix.copy(id);
    id.writeUInt32BE(this.made++ >>> 0, this.prefix.length);
    const clientid = this.clientid;
    // The client id is read when the request is encoded: one resent after SETCLIENTID anew carries the new one.
    // (A seqid needs no reset then: the server takes any seqid from an owner it does not know, RFC 7530 9.1.7.)
    const owner = {
      get clientid(): bigint {
        return clientid();
      },
      owner: id,
    };
    return { owner, seqid: 0, tail: Promise.resolve() };
  }

  /** An owner with no open file: an idle one when there is one, else a new one. */
  take(): OpenOwner {
    return this.idle.pop() ?? this.make();
  }

  /** The owner's open is closed (or was refused by the server): it may serve another file. */
  release(o: OpenOwner): void {
    if (this.idle.length < 64) this.idle.push(o);
  }

  /** Runs fn with owner (a CLOSE or LOCK of its own open), or with a new owner; on 4.0 one request per owner at a time. */
  run<T>(fn: (o: OpenOwner) => Promise<T>, owner?: OpenOwner): Promise<T> {
    const o = owner ?? this.make();
    if (!this.sequenced) return fn(o);
    const result = o.tail.then(() => fn(o));
    o.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
