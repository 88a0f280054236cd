import { constants } from 'node:os';
import { describe, expect, it } from 'vitest';
import { FsError } from '../errors.js';
import { readFile } from '../helpers/read-file.js';
import { writeFile } from '../helpers/write-file.js';
import { basename, joinPath } from '../path.js';
import { expectFsError, pattern, put, readAll, type SuiteContext } from './context.js';

export function robustnessTests(t: SuiteContext): void {
  describe('errors', () => {
    it('carry a POSIX code, a negative errno, the operation and the path', async () => {
      const d = await t.dir('errors');
      const missing = joinPath(d, 'missing');
      const cases: [string, () => Promise<unknown>][] = [
        ['stat', () => t.fs.stat(missing)],
        ['lstat', () => t.fs.lstat(missing)],
        ['open', () => t.fs.open(missing, { read: true })],
        ['readdir', () => t.fs.readdir(missing)],
        ['unlink', () => t.fs.unlink(missing)],
        ['rmdir', () => t.fs.rmdir(missing)],
        ['truncate', () => t.fs.truncate(missing, 0)],
      ];
      for (const [syscall, op] of cases) {
        const e = await expectFsError(op(), 'ENOENT');
        expect(e).toBeInstanceOf(Error);
        expect(e.errno).toBe(-constants.errno.ENOENT);
        expect(e.syscall, syscall).toBe(syscall);
        expect(e.path, syscall).toBe(missing);
        expect(e.message).toContain('ENOENT');
      }
      const exists = await expectFsError(t.fs.mkdir(d), 'EEXIST');
      expect([exists.syscall, exists.path]).toEqual(['mkdir', d]);
    });
  });

  describe('paths', () => {
    it("'..' never climbs above the root", async () => {
      const d = await t.dir('dotdot');
      const [top, up] = await Promise.all([t.fs.stat('/'), t.fs.stat('/../../..')]);
      expect(up.type).toBe('directory');
      expect(up.ino).toBe(top.ino);
      // Climbing far past the root and back down lands inside the test directory.
      const detour = `${d}/a/b/${'../'.repeat(40)}${d.slice(1)}/via-detour`;
      await put(t.fs, detour, 'landed');
      expect((await readAll(t.fs, joinPath(d, 'via-detour'))).toString()).toBe('landed');
      expect((await t.fs.readdir(`/..${t.root}/..${t.root}`)).map((e) => e.name)).toContain(basename(d));
    });

    it("'.' and repeated slashes name the same file", async () => {
      const d = await t.dir('dots');
      await put(t.fs, joinPath(d, 'f'), 'same');
      expect((await readAll(t.fs, `${d}/./f`)).toString()).toBe('same');
      expect((await readAll(t.fs, `${d}//f`)).toString()).toBe('same');
      expect((await t.fs.stat(`${d}/`)).type).toBe('directory');
    });

    it.runIf(t.features.caseSensitive !== undefined)('names are case sensitive or case preserving, as declared', async () => {
      const d = await t.dir('case');
      await put(t.fs, joinPath(d, 'MixedCase'), 'upper');
      if (t.features.caseSensitive) {
        await expectFsError(t.fs.stat(joinPath(d, 'mixedcase')), 'ENOENT');
        await put(t.fs, joinPath(d, 'mixedcase'), 'lower');
        expect((await t.fs.readdir(d)).map((e) => e.name).sort()).toEqual(['MixedCase', 'mixedcase']);
      } else {
        expect((await readAll(t.fs, joinPath(d, 'MIXEDCASE'))).toString()).toBe('upper');
        expect((await t.fs.readdir(d)).map((e) => e.name)).toEqual(['MixedCase']);
      }
    });
  });

  describe('concurrency', () => {
    it('50 parallel creates, stats and reads all succeed', async () => {
      const d = await t.dir('parallel');
      const names = Array.from({ length: 50 }, (_, i) => joinPath(d, `f${i}`));
      await Promise.all(names.map((p, i) => writeFile(t.fs, p, pattern(100 + i, p))));
      const stats = await Promise.all(names.map((p) => t.fs.stat(p)));
      expect(stats.map((s) => s.size)).toEqual(names.map((_, i) => 100 + i));
      const contents = await Promise.all(names.map((p) => readFile(t.fs, p)));
      contents.forEach((c, i) => expect(c.equals(pattern(100 + i, names[i])), names[i]).toBe(true));
      expect((await t.fs.readdir(d)).length).toBe(50);
    });

    it('50 parallel writes on one handle land at their offsets', async () => {
      const d = await t.dir('parallel-writes');
      const p = joinPath(d, 'f');
      const piece = 1000;
      const whole = pattern(50 * piece, 'parallel-writes');
      const h = await t.fs.open(p, { write: true, create: true });
      try {
        const sizes = await Promise.all(
          Array.from({ length: 50 }, (_, i) => h.write(whole.subarray(i * piece, (i + 1) * piece), i * piece)),
        );
        expect(sizes.every((n) => n === piece)).toBe(true);
      } finally {
        await h.close();
      }
      expect((await readAll(t.fs, p)).equals(whole)).toBe(true);
    });
  });

  describe('abort', () => {
    it('readFile with an aborted signal rejects with ECANCELED, and the file system goes on working', async () => {
      const d = await t.dir('abort');
      const p = joinPath(d, 'big');
      const data = pattern(1024 * 1024, 'abort');
      await writeFile(t.fs, p, data);
      const early = new AbortController();
      early.abort();
      await expectFsError(readFile(t.fs, p, { signal: early.signal }), 'ECANCELED');
      const midway = new AbortController();
      const reading = readFile(t.fs, p, { signal: midway.signal });
      midway.abort(new Error('user gave up'));
      const e = await expectFsError(reading, 'ECANCELED');
      expect(e).toBeInstanceOf(FsError);
      expect((await readFile(t.fs, p)).equals(data)).toBe(true);
      expect((await t.fs.readdir(d)).map((x) => x.name)).toEqual(['big']);
    });
  });
}
