import { describe, expect, it } from 'vitest';
import { joinPath } from '../path.js';
import type { FileHandle, LockRange } from '../types.js';
import { expectFsError, put, type SuiteContext } from './context.js';

type Lockable = FileHandle & Required<Pick<FileHandle, 'lock' | 'unlock'>>;

function lockable(h: FileHandle): Lockable {
  if (typeof h.lock !== 'function' || typeof h.unlock !== 'function') throw new Error('locks are declared but the handle has no lock/unlock');
  return h as Lockable;
}

const range = (offset: number, length: number, exclusive: boolean): LockRange => ({ offset, length, exclusive });

export function lockTests(t: SuiteContext): void {
  describe.runIf(t.features.locks)('byte-range locks', () => {
    /** Two handles on one file, closed after the test body. */
    async function withTwoHandles(name: string, body: (a: Lockable, b: Lockable) => Promise<void>): Promise<void> {
      const d = await t.dir(name);
      const p = joinPath(d, 'locked');
      await put(t.fs, p, Buffer.alloc(4096));
      const a = lockable(await t.fs.open(p, { read: true, write: true }));
      const b = await t.fs.open(p, { read: true, write: true }).catch(async (e: unknown) => {
        await a.close();
        throw e;
      });
      try {
        await body(a, lockable(b));
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    }

    it('an exclusive lock conflicts with any overlapping lock of another handle (EAGAIN), not with others', async () => {
      await withTwoHandles('lock-exclusive', async (a, b) => {
        await a.lock(range(0, 100, true));
        await expectFsError(b.lock(range(50, 100, true)), 'EAGAIN');
        await expectFsError(b.lock(range(99, 1, false)), 'EAGAIN');
        await b.lock(range(100, 50, true));
        await a.unlock({ offset: 0, length: 100 });
        await b.lock(range(50, 50, true));
        await expectFsError(a.lock(range(60, 1, false)), 'EAGAIN');
      });
    });

    it('shared locks coexist; an exclusive one over them conflicts until they are released', async () => {
      await withTwoHandles('lock-shared', async (a, b) => {
        await a.lock(range(0, 10, false));
        await b.lock(range(5, 10, false));
        await expectFsError(b.lock(range(0, 1, true)), 'EAGAIN');
        await a.unlock({ offset: 0, length: 10 });
        await b.lock(range(0, 1, true));
      });
    });

    it('a waiting lock is granted once the conflicting one is released', async () => {
      await withTwoHandles('lock-wait', async (a, b) => {
        await a.lock(range(0, 10, true));
        let granted = false;
        const waiting = b.lock({ offset: 0, length: 10, exclusive: true, wait: true }).then(() => {
          granted = true;
        });
        await new Promise((r) => setTimeout(r, 50));
        expect(granted).toBe(false);
        await a.unlock({ offset: 0, length: 10 });
        await waiting;
        expect(granted).toBe(true);
        await expectFsError(a.lock(range(0, 1, false)), 'EAGAIN');
      });
    });

    it('closing a handle releases its locks', async () => {
      const d = await t.dir('lock-close');
      const p = joinPath(d, 'locked');
      await put(t.fs, p, 'x'.repeat(64));
      const a = lockable(await t.fs.open(p, { read: true, write: true }));
      await a.lock(range(0, 64, true));
      await a.close();
      const b = lockable(await t.fs.open(p, { read: true, write: true }));
      try {
        await b.lock(range(0, 64, true));
        await b.unlock({ offset: 0, length: 64 });
      } finally {
        await b.close();
      }
      expect((await t.fs.stat(p)).size).toBe(64);
    });
  });
}
