// A COMPOUND whose connection was lost before its reply is sent again on a new connection
// until the retry window closes (RFC 8881 2.9.2: a client retries over a new connection).
import type { Nfs4Channel, SendOptions } from './channel.js';
import { isConnectionLoss } from './channel.js';
import { Backoff } from './backoff.js';

export async function resendOnLoss<T>(channel: Nfs4Channel, timeoutMs: number, opts: SendOptions, attempt: () => Promise<T>): Promise<T> {
  const backoff = new Backoff(timeoutMs);
  for (;;) {
    try {
      return await attempt();
    } catch (e) {
      if (!isConnectionLoss(e) || !channel.connectedOnce || channel.isClosed || !(await backoff.next(opts.signal))) throw e;
    }
  }
}
