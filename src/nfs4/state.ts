// What the client's state layer offers the file system, whatever the minor version: send a
// COMPOUND under the client id / session, retrying what RFC 8881 says to retry.
import { Backoff } from './backoff.js';
import type { Compound, CompoundStatus } from './compound.js';
import type { SendOptions } from './channel.js';
import { NFS4_OK, nfsRetryClass } from './status.js';
import { Op } from './constants.js';

export const NFS4ERR = {
  NOENT: 2,
  EXIST: 17,
  NOTDIR: 20,
  NOTSUPP: 10004,
  DELAY: 10008,
  DENIED: 10010,
  EXPIRED: 10011,
  GRACE: 10013,
  STALE_CLIENTID: 10022,
  STALE_STATEID: 10023,
  OLD_STATEID: 10024,
  BAD_STATEID: 10025,
  BAD_SEQID: 10026,
  SYMLINK: 10029,
  NO_GRACE: 10033,
  RECLAIM_BAD: 10034,
  BADSESSION: 10052,
  SEQ_MISORDERED: 10063,
  DEADSESSION: 10078,
  MINOR_VERS_MISMATCH: 10021,
} as const;

/**
 * The statuses that mean the server no longer knows our client id or session: re-establish,
 * then retry. NFS4ERR_EXPIRED is not one: it names a stateid whose lease ran out, and the
 * open file reopens itself (a reopen by a client the server dropped then meets one of these).
 */
const LOST_STATE: ReadonlySet<number> = new Set([NFS4ERR.BADSESSION, NFS4ERR.DEADSESSION, NFS4ERR.STALE_CLIENTID]);
/** Ops that name the client id itself (in an open-owner or directly): NFS4ERR_EXPIRED from them means the client is gone (Ganesha on 4.0). */
const CLIENT_OPS: ReadonlySet<number> = new Set([Op.OPEN, Op.RENEW, Op.SETCLIENTID_CONFIRM]);

function lostState(st: CompoundStatus): boolean {
  return LOST_STATE.has(st.status) || (st.status === NFS4ERR.EXPIRED && CLIENT_OPS.has(st.failedOp));
}

export interface Nfs4State {
  /** 0, 1 or 2. */
  readonly minorVersion: number;
  /** Bumped when the client id is made anew: stateids of an older epoch are gone. */
  readonly epoch: number;
  /** Bumped by every re-establishment (a new session on the same client id too): concurrent failures recover once. */
  readonly generation: number;
  /**
   * Runs after a new client id is made while the server is in its grace period, before
   * RECLAIM_COMPLETE: the file system reclaims its opens there (CLAIM_PREVIOUS, RFC 8881 8.4.2.1).
   */
  reclaim?: () => Promise<void>;
  /** Sends c once under the current client id / session (SEQUENCE first on 4.1). */
  send(c: Compound, opts?: SendOptions): Promise<CompoundStatus>;
  /** Makes the client id (and session) anew after the server lost them (once for all compounds that failed in that generation). */
  recover(failedGeneration: number, opts?: SendOptions): Promise<void>;
  close(): Promise<void>;
}

/**
 * Sends c, retrying with backoff while the server says NFS4ERR_DELAY or NFS4ERR_GRACE
 * (RFC 8881 15.1.1.3, 8.4.2), and re-establishing state when it lost our session or client
 * id. Resolves with the final status (NFS4_OK or the failure for the caller to map).
 */
export async function runCompound(state: Nfs4State, c: Compound, timeoutMs: number, opts: SendOptions = {}): Promise<CompoundStatus> {
  const backoff = new Backoff(timeoutMs);
  let recoveries = 0;
  for (;;) {
    const generation = state.generation;
    const st = await state.send(c, opts);
    if (st.status === NFS4_OK) return st;
    if (lostState(st) && recoveries < 3) {
      recoveries++;
      await state.recover(generation, opts);
      continue;
    }
    if (nfsRetryClass(st.status) === 'none' || !(await backoff.next(opts.signal))) return st;
  }
}
