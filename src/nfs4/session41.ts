// NFSv4.1/4.2 client state (RFC 8881 2.4, 2.10): EXCHANGE_ID, CREATE_SESSION and
// RECLAIM_COMPLETE to begin; SEQUENCE first in every COMPOUND (which also renews the lease);
// DESTROY_SESSION and DESTROY_CLIENTID at the end.
import { hostname } from 'node:os';
import { FsError } from '../errors.js';
import type { Entropy } from '../transport/entropy.js';
import { isConnectionLoss, type Nfs4Channel, type SendOptions } from './channel.js';
import { Compound, type CompoundStatus, type PlannedOp } from './compound.js';
import { NFS4_CALLBACK_PROGRAM, Op } from './constants.js';
import { encodeCreateSession, encodeDestroyClientId, encodeDestroySession, encodeExchangeId, encodeReclaimComplete, encodeSequence } from './ops/client.js';
import { resendOnLoss } from './resend.js';
import { readCreateSessionRes, readExchangeIdRes, readSequenceRes, type SequenceRes } from './results.js';
import { LeaseRenewal } from './lease.js';
import { SlotTable, type Slot } from './slots.js';
import { NFS4ERR, type Nfs4State } from './state.js';
import { NFS4_OK, nfsStatusError } from './status.js';

/** EXCHGID4_FLAG_USE_NON_PNFS (18.35.3): a plain NFS client. */
const EXCHGID4_FLAG_USE_NON_PNFS = 0x00010000;
/** What the client asks of the fore channel: 1 MiB of data per READ/WRITE plus headers. */
const FORE_MAX_IO = 1024 * 1024 + 4096;
const FORE_MAX_OPS = 64;
const FORE_MAX_REQUESTS = 64;

export interface Session41Options {
  minorVersion: 1 | 2;
  channel: Nfs4Channel;
  entropy: Entropy;
  /** Identifies this client to the server (co_ownerid); unique per FileSystem. */
  ownerId: Buffer;
  timeoutMs: number;
}

export class Session41 implements Nfs4State {
  readonly minorVersion: 1 | 2;
  epoch = 0;
  generation = 0;
  reclaim?: () => Promise<void>;
  private clientid = 0n;
  private createSeq = 0;
  private sessionid: Buffer = Buffer.alloc(16);
  private slots = new SlotTable(1);
  /** Negotiated fore channel limits. */
  maxRequestSize = 0;
  maxResponseSize = 0;
  private recovering: Promise<void> | undefined;
  private readonly verifier: Buffer;
  /** A SEQUENCE alone renews the lease of an idle session. */
  readonly lease = new LeaseRenewal(() => this.send(new Compound('renew')));
  private closed = false;

  constructor(private readonly o: Session41Options) {
    this.minorVersion = o.minorVersion;
    this.verifier = o.entropy.randomBytes(8);
  }

  /** EXCHANGE_ID, CREATE_SESSION, RECLAIM_COMPLETE (RFC 8881 18.35, 18.36, 18.51). */
  async establish(opts: SendOptions = {}): Promise<void> {
    const ch = this.o.channel;
    const ex = new Compound('exchange_id');
    const exOut = ex.res(
      Op.EXCHANGE_ID,
      (w) => encodeExchangeId(w, { verifier: this.verifier, ownerid: this.o.ownerId, flags: EXCHGID4_FLAG_USE_NON_PNFS, impl: { domain: 'netfs', name: `netfs on ${hostname()}` } }),
      readExchangeIdRes,
    );
    this.check(await resendOnLoss(ch, this.o.timeoutMs, opts, () => ch.send(this.minorVersion, ex, undefined, opts)), 'EXCHANGE_ID');
    const exr = exOut.get();
    this.clientid = exr.clientid;
    this.createSeq = exr.sequenceid;
    await this.createSession(opts);
    this.epoch++;
    this.generation++;
    // After a restart, the opens come back with CLAIM_PREVIOUS while the server's grace lasts.
    if (this.epoch > 1 && this.reclaim) await this.reclaim().catch(() => undefined);
    const rc = new Compound('reclaim_complete');
    rc.add(Op.RECLAIM_COMPLETE, (w) => encodeReclaimComplete(w, false));
    const st = await this.send(rc, opts);
    // A server that never had state for us may say COMPLETE_ALREADY (10054): nothing to do then.
    if (st.status !== NFS4_OK && st.status !== 10054) this.check(st, 'RECLAIM_COMPLETE');
    this.lease.ensure();
  }

  private async createSession(opts: SendOptions): Promise<void> {
    const ch = this.o.channel;
    const cs = new Compound('create_session');
    const csOut = cs.res(
      Op.CREATE_SESSION,
      (w) =>
        encodeCreateSession(w, {
          clientid: this.clientid,
          sequence: this.createSeq,
          flags: 0,
          fore: { headerPadSize: 0, maxRequestSize: FORE_MAX_IO, maxResponseSize: FORE_MAX_IO, maxResponseSizeCached: 4096, maxOperations: FORE_MAX_OPS, maxRequests: FORE_MAX_REQUESTS },
          back: { headerPadSize: 0, maxRequestSize: 4096, maxResponseSize: 4096, maxResponseSizeCached: 0, maxOperations: 2, maxRequests: 1 },
          cbProgram: NFS4_CALLBACK_PROGRAM,
        }),
      readCreateSessionRes,
    );
    const st = await resendOnLoss(ch, this.o.timeoutMs, opts, () => ch.send(this.minorVersion, cs, undefined, opts));
    this.check(st, 'CREATE_SESSION');
    const r = csOut.get();
    this.createSeq++;
    this.sessionid = r.sessionid;
    this.maxRequestSize = r.maxRequestSize;
    this.maxResponseSize = r.maxResponseSize;
    this.slots = new SlotTable(Math.min(r.maxRequests, FORE_MAX_REQUESTS));
  }

  private check(st: CompoundStatus, what: string): void {
    if (st.status !== NFS4_OK) throw nfsStatusError(st.status, { syscall: what.toLowerCase() });
  }

  async send(c: Compound, opts: SendOptions = {}): Promise<CompoundStatus> {
    if (this.closed) throw new FsError('ENOTCONN', 'the NFS session is closed');
    const slots = this.slots;
    const slot = await slots.acquire();
    try {
      return await resendOnLoss(this.o.channel, this.o.timeoutMs, opts, () => this.sendOn(slot, slots, c, opts));
    } finally {
      slots.release(slot);
    }
  }

  private async sendOn(slot: Slot, slots: SlotTable, c: Compound, opts: SendOptions, retried = false): Promise<CompoundStatus> {
    let seq: SequenceRes | undefined;
    const sessionid = this.sessionid;
    const head: PlannedOp = {
      op: Op.SEQUENCE,
      encode: (w) => encodeSequence(w, { sessionid, sequenceid: slot.seqid, slotid: slot.id, highestSlotid: slots.highest, cacheThis: false }),
      decode: (x) => {
        seq = readSequenceRes(x);
      },
    };
    this.lease.sent();
    let st: CompoundStatus;
    try {
      st = await this.o.channel.send(this.minorVersion, c, head, opts);
    } catch (e) {
      // A lost connection keeps the slot's seqid: resendOnLoss sends this same request again and the
      // reply cache answers it. Anything else (abort, timeout, a reply we could not decode) may have
      // reached the server: move on, and step back below if the server says it never saw it.
      if (seq || !isConnectionLoss(e)) slot.seqid = (slot.seqid + 1) >>> 0;
      throw e;
    }
    if (seq) slot.seqid = (slot.seqid + 1) >>> 0;
    else if (st.status === NFS4ERR.SEQ_MISORDERED && st.failedAt === -1 && !retried) {
      slot.seqid = (slot.seqid - 1) >>> 0;
      return this.sendOn(slot, slots, c, opts, true);
    }
    return st;
  }

  async recover(failedGeneration: number, opts: SendOptions = {}): Promise<void> {
    if (failedGeneration !== this.generation) return; // already re-established since that compound was sent
    this.recovering ??= this.reestablish(opts).finally(() => {
      this.recovering = undefined;
    });
    return this.recovering;
  }

  /** A new session on the same client id if the server still knows it (BADSESSION), else a new client id. */
  private async reestablish(opts: SendOptions): Promise<void> {
    try {
      // The client id survives: its stateids stay good, only the session is new.
      await this.createSession(opts);
      this.generation++;
    } catch (e) {
      // STALE_CLIENTID or EXPIRED: the server forgot us. SEQ_MISORDERED: a CREATE_SESSION of ours
      // reached a server going down and its reply was lost. Either way EXCHANGE_ID starts over.
      if (!(e instanceof FsError) || e.statusCode === undefined) throw e;
      await this.establish(opts);
    }
  }

  /** DESTROY_SESSION, DESTROY_CLIENTID (18.37, 18.50); best effort, the connection closes anyway. */
  async close(): Promise<void> {
    this.lease.stop();
    // Never established (connect failed): there is nothing on the server to destroy.
    if (this.closed || this.epoch === 0) {
      this.closed = true;
      return;
    }
    const ch = this.o.channel;
    const ds = new Compound('destroy_session');
    ds.add(Op.DESTROY_SESSION, (w) => encodeDestroySession(w, this.sessionid));
    const dc = new Compound('destroy_clientid');
    dc.add(Op.DESTROY_CLIENTID, (w) => encodeDestroyClientId(w, this.clientid));
    const short = { timeoutMs: Math.min(this.o.timeoutMs, 5000) };
    try {
      await ch.send(this.minorVersion, ds, undefined, short);
      await ch.send(this.minorVersion, dc, undefined, short);
    } catch {
      // The server forgets both when the lease expires.
    }
    this.closed = true;
  }
}
