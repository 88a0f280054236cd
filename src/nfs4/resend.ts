// A COMPOUND whose connection was lost before its reply is sent again on a new connection
// until the retry window closes (RFC 8881 2.9.2: a client retries over a new connection).
import type { Nfs4Channel, SendOptions } from './channel.js';
import { isConnectionLoss } from './channel.js';
import { sleep } from './state.js';

export async function resendOnLoss<T>(channel: Nfs4Channel, timeoutMs: number, opts: SendOptions, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let backoff = 50;
  for (;;) {
    try {
      return await attempt();
    } catch (e) {
      if (!isConnectionLoss(e) || !channel.connectedOnce || Date.now() + backoff > deadline || channel.isClosed) throw e;
      await sleep(backoff, opts.signal);
      backoff = Math.min(backoff * 2, 1000);
    }
  }
}
