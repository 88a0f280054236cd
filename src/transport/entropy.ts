import { createHash, randomBytes } from 'node:crypto';

/**
 * Every random or time input of a session (client GUID, NTLM client challenge, nonces,
 * salts, timestamps, XIDs) comes from here (DESIGN.md, Determinism). With a seeded
 * source and the same server replies, a session produces the same bytes.
 */
export interface Entropy {
  randomBytes(n: number): Buffer;
  /** Nanoseconds since the Unix epoch. */
  nowNs(): bigint;
}

export const systemEntropy: Entropy = {
  randomBytes: (n) => randomBytes(n),
  nowNs: () => BigInt(Date.now()) * 1_000_000n,
};

/** A reproducible source: SHA-256 in counter mode over the seed, and a clock that starts at startNs and ticks 1 ms a call. */
export function seededEntropy(seed: string | Buffer, startNs = 1_700_000_000_000_000_000n): Entropy {
  let counter = 0;
  let pool = Buffer.alloc(0);
  let clock = startNs;
  return {
    randomBytes(n) {
      while (pool.length < n) {
        const block = createHash('sha256').update(seed).update(String(counter++)).digest();
        pool = Buffer.concat([pool, block]);
      }
      const out = pool.subarray(0, n);
      pool = pool.subarray(n);
      return Buffer.from(out);
    },
    nowNs() {
      clock += 1_000_000n;
      return clock;
    },
  };
}
