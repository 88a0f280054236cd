import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Multiplexer } from '../../../src/transport/multiplexer.js';
import { FsError } from '../../../src/errors.js';

describe('Multiplexer', () => {
  it('matches replies to waits by id, in any order', async () => {
    const m = new Multiplexer<number, string>();
    const a = m.wait(1, { timeoutMs: 1000, what: 'a' });
    const b = m.wait(2, { timeoutMs: 1000, what: 'b' });
    expect(m.resolve(2, 'two')).toBe(true);
    expect(m.resolve(1, 'one')).toBe(true);
    expect(await Promise.all([a, b])).toEqual(['one', 'two']);
    expect(m.resolve(1, 'late')).toBe(false);
    expect(m.size).toBe(0);
  });

  it('times out with ETIMEDOUT naming the request', async () => {
    const m = new Multiplexer<number, string>();
    const e = await m.wait(1, { timeoutMs: 20, what: 'SMB2 READ' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FsError);
    expect((e as FsError).code).toBe('ETIMEDOUT');
    expect((e as FsError).message).toContain('SMB2 READ');
  });

  it('extend() restarts the timer (an interim reply)', async () => {
    const m = new Multiplexer<number, string>();
    const p = m.wait(1, { timeoutMs: 60, what: 'x' });
    await new Promise((r) => setTimeout(r, 40));
    m.extend(1);
    await new Promise((r) => setTimeout(r, 40));
    m.resolve(1, 'ok');
    expect(await p).toBe('ok');
  });

  it('rejects with ECANCELED on abort, and at once when already aborted', async () => {
    const m = new Multiplexer<number, string>();
    const ac = new AbortController();
    const p = m.wait(1, { timeoutMs: 1000, what: 'x', signal: ac.signal });
    ac.abort();
    await expect(p).rejects.toMatchObject({ code: 'ECANCELED' });
    await expect(m.wait(2, { timeoutMs: 1000, what: 'y', signal: ac.signal })).rejects.toMatchObject({ code: 'ECANCELED' });
  });

  it('many waits on one signal add one abort listener (no MaxListenersExceededWarning)', async () => {
    const m = new Multiplexer<number, string>();
    const ac = new AbortController();
    const waits = Array.from({ length: 50 }, (_, k) => m.wait(k, { timeoutMs: 1000, what: 'x', signal: ac.signal }).catch((e: unknown) => e));
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(1);
    ac.abort();
    const errors = await Promise.all(waits);
    expect(errors.every((e) => (e as FsError).code === 'ECANCELED')).toBe(true);
  });

  it('failAll rejects every pending wait with the one error', async () => {
    const m = new Multiplexer<number, string>();
    const err = new FsError('ECONNRESET', 'connection lost');
    const waits = [1, 2, 3].map((k) => m.wait(k, { timeoutMs: 1000, what: 'x' }).catch((e: unknown) => e));
    m.failAll(err);
    expect(await Promise.all(waits)).toEqual([err, err, err]);
  });
});
