import { describe, expect, it } from 'vitest';
import { CreditWindow } from '../../../src/smb2/credits.js';

describe('CreditWindow (MS-SMB2 3.2.4.1.5)', () => {
  it('starts with one credit: message id 0 for NEGOTIATE, then waits for a grant', async () => {
    const w = new CreditWindow();
    expect(await w.acquire(1)).toEqual({ messageId: 0n, charge: 1 });
    let second: { messageId: bigint } | undefined;
    void w.acquire(1).then((g) => (second = g));
    await Promise.resolve();
    expect(second).toBeUndefined();
    w.grant(1);
    await Promise.resolve();
    expect(second?.messageId).toBe(1n);
  });

  it('a multi-credit request takes as many consecutive message ids as it charges', async () => {
    const w = new CreditWindow();
    w.grant(99);
    const a = await w.acquire(16);
    const b = await w.acquire(1);
    expect(a.messageId).toBe(0n);
    expect(b.messageId).toBe(16n);
    expect(w.credits).toBe(100 - 17);
  });

  it('serves waiters in order, so a large request is not starved by small ones', async () => {
    const w = new CreditWindow();
    await w.acquire(1);
    const order: string[] = [];
    const big = w.acquire(8).then(() => order.push('big'));
    const small = w.acquire(1).then(() => order.push('small'));
    w.grant(1);
    await Promise.resolve();
    expect(order).toEqual([]);
    w.grant(8);
    await Promise.all([big, small]);
    expect(order).toEqual(['big', 'small']);
  });

  it('fails every waiter when the connection dies', async () => {
    const w = new CreditWindow();
    await w.acquire(1);
    const p = w.acquire(1);
    w.fail(new Error('gone'));
    await expect(p).rejects.toThrow('gone');
    await expect(w.acquire(1)).rejects.toThrow('gone');
  });
});
