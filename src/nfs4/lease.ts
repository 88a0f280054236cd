// An idle client still renews its lease (RFC 8881 8.3, RFC 7530 9.5): renew() every third of
// the lease in which nothing else was sent (any request with the client id or a SEQUENCE renews it).

/** What the server grants until it says (lease_time): Linux's and Ganesha's default. */
const DEFAULT_LEASE_SECONDS = 30;

export class LeaseRenewal {
  private timer: NodeJS.Timeout | undefined;
  private lastSent = Date.now();

  constructor(private readonly renew: () => Promise<unknown>) {}

  /** A request went out: it renews the lease. */
  sent(): void {
    this.lastSent = Date.now();
  }

  /** Starts renewing, unless it runs already. */
  ensure(): void {
    if (!this.timer) this.start(DEFAULT_LEASE_SECONDS);
  }

  /** Renews at a third of this lease from now on. */
  start(leaseSeconds: number): void {
    this.stop();
    const every = Math.max(1000, (leaseSeconds * 1000) / 3);
    this.timer = setInterval(() => {
      if (Date.now() - this.lastSent >= every) this.renew().catch(() => undefined);
    }, every);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
