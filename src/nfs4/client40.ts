// NFSv4.0 client state (RFC 7530 9.1.1, 16.33, 16.34, 16.29): SETCLIENTID and its confirm to
// begin, RENEW to keep the lease while idle; no sessions, so COMPOUNDs go out as they are.
import { FsError } from '../errors.js';
import type { Entropy } from '../transport/entropy.js';
import type { Nfs4Channel, SendOptions } from './channel.js';
import { Compound, type CompoundStatus } from './compound.js';
import { NFS4_CALLBACK_PROGRAM, Op } from './constants.js';
import { encodeRenew, encodeSetClientId, encodeSetClientIdConfirm } from './ops/client.js';
import { LeaseRenewal } from './lease.js';
import { resendOnLoss } from './resend.js';
import { readSetClientIdRes } from './results.js';
import type { Nfs4State } from './state.js';
import { NFS4_OK, nfsStatusError } from './status.js';

export interface Client40Options {
  channel: Nfs4Channel;
  entropy: Entropy;
  ownerId: Buffer;
  timeoutMs: number;
}

export class Client40 implements Nfs4State {
  readonly minorVersion = 0;
  epoch = 0;
  generation = 0;
  reclaim?: () => Promise<void>;
  clientid = 0n;
  private readonly verifier: Buffer;
  private recovering: Promise<void> | undefined;
  /** RENEW keeps the lease of an idle client (RFC 7530 16.29). */
  readonly lease = new LeaseRenewal(() => {
    const c = new Compound('renew');
    c.add(Op.RENEW, (w) => encodeRenew(w, this.clientid));
    return this.send(c);
  });
  private closed = false;

  constructor(private readonly o: Client40Options) {
    this.verifier = o.entropy.randomBytes(8);
  }

  /** SETCLIENTID, then SETCLIENTID_CONFIRM (RFC 7530 16.33.5): no callback address, so no delegations. */
  async establish(opts: SendOptions = {}): Promise<void> {
    const ch = this.o.channel;
    const sc = new Compound('setclientid');
    const out = sc.res(Op.SETCLIENTID, (w) => encodeSetClientId(w, { verifier: this.verifier, id: this.o.ownerId, cbProgram: NFS4_CALLBACK_PROGRAM, netid: 'tcp', addr: '0.0.0.0.0.0', callbackIdent: 0 }), readSetClientIdRes);
    this.check(await resendOnLoss(ch, this.o.timeoutMs, opts, () => ch.send(0, sc, undefined, opts)), 'setclientid');
    const { clientid, confirm } = out.get();
    const cc = new Compound('setclientid_confirm');
    cc.add(Op.SETCLIENTID_CONFIRM, (w) => encodeSetClientIdConfirm(w, clientid, confirm));
    this.check(await resendOnLoss(ch, this.o.timeoutMs, opts, () => ch.send(0, cc, undefined, opts)), 'setclientid_confirm');
    this.clientid = clientid;
    this.epoch++;
    this.generation++;
    this.lease.ensure();
    // After a restart, the opens come back with CLAIM_PREVIOUS while the server's grace lasts.
    if (this.epoch > 1 && this.reclaim) await this.reclaim().catch(() => undefined);
  }

  private check(st: CompoundStatus, syscall: string): void {
    if (st.status !== NFS4_OK) throw nfsStatusError(st.status, { syscall });
  }

  send(c: Compound, opts: SendOptions = {}): Promise<CompoundStatus> {
    if (this.closed) return Promise.reject(new FsError('ENOTCONN', 'the NFS session is closed'));
    this.lease.sent();
    return resendOnLoss(this.o.channel, this.o.timeoutMs, opts, () => this.o.channel.send(0, c, undefined, opts));
  }

  async recover(failedGeneration: number, opts: SendOptions = {}): Promise<void> {
    if (failedGeneration !== this.generation) return;
    this.recovering ??= this.establish(opts).finally(() => {
      this.recovering = undefined;
    });
    return this.recovering;
  }

  /** NFSv4.0 has no DESTROY_CLIENTID: the server lets the lease expire. */
  async close(): Promise<void> {
    this.lease.stop();
    this.closed = true;
  }
}
