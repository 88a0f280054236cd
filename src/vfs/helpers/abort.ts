import { constants } from 'node:os';
import { FsError, isFsError, type ErrnoCode, type FsErrorInit } from '../errors.js';

/** Where an error happened: filled into errors that lack it. */
export interface ErrorContext {
  syscall: string;
  path?: string;
  dest?: string;
}

/** The error an aborted helper rejects with: ECANCELED, with the signal's reason as its cause. */
export function abortError(signal: AbortSignal, ctx: ErrorContext): FsError {
  const reason: unknown = signal.reason;
  if (isFsError(reason) && reason.code === 'ECANCELED') return reason.withContext(ctx);
  return new FsError('ECANCELED', 'operation aborted', { ...ctx, cause: reason });
}

export function throwIfAborted(signal: AbortSignal | undefined, ctx: ErrorContext): void {
  if (signal?.aborted) throw abortError(signal, ctx);
}

/**
 * Any failure as an FsError with context. When the signal has fired, the abort wins:
 * whatever an interrupted request reported, the caller asked to stop.
 */
export function toFsError(e: unknown, ctx: ErrorContext, signal?: AbortSignal): FsError {
  if (signal?.aborted) return abortError(signal, ctx);
  if (isFsError(e)) return e.withContext(ctx);
  const init: FsErrorInit = { ...ctx, cause: e };
  const code = nodeErrorCode(e);
  const message = e instanceof Error ? e.message : String(e);
  // Node says "ENOENT: no such file or directory, open 'x'": keep the middle, FsError adds the rest.
  const bare = code ? message.replace(/^[A-Z0-9]+: /, '').replace(/, \w+ '.*'$/, '') : message;
  return new FsError(code ?? 'EIO', bare, init);
}

/** The errno name of a Node system error ('ENOENT'...), if it is one os.constants.errno knows. */
export function nodeErrorCode(e: unknown): ErrnoCode | undefined {
  if (typeof e !== 'object' || e === null || !('code' in e)) return undefined;
  const code = (e as { code: unknown }).code;
  return typeof code === 'string' && Object.hasOwn(constants.errno, code) ? (code as ErrnoCode) : undefined;
}
