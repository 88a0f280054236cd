// MS-DTYP 2.3.3 FILETIME / MS-FSCC 2.1.1 Time: unsigned 100 ns intervals since 1601-01-01 UTC.

/** 100 ns intervals between 1601-01-01 and the Unix epoch. */
export const FILETIME_UNIX_EPOCH = 116_444_736_000_000_000n;

/** Special values of a FILETIME field (MS-FSCC 2.4.7, SET_INFO FileBasicInformation). */
export const FILETIME_SPECIAL = {
  /** 0: unknown on query; on set, "do not change this time". */
  NOT_SPECIFIED: 0n,
  /** 0xFFFFFFFFFFFFFFFF (-1): on set, stop the server updating this time for the rest of the handle's life. */
  DISABLE_UPDATES: 0xffff_ffff_ffff_ffffn,
  /** 0xFFFFFFFFFFFFFFFE (-2): on set, resume updates stopped by DISABLE_UPDATES. */
  RESUME_UPDATES: 0xffff_ffff_ffff_fffen,
} as const;

const U64_MAX = 0xffff_ffff_ffff_ffffn;

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** True for the values that are markers rather than times (0, -1, -2). */
export function isSpecialFiletime(ft: bigint): boolean {
  return ft === FILETIME_SPECIAL.NOT_SPECIFIED || ft === FILETIME_SPECIAL.DISABLE_UPDATES || ft === FILETIME_SPECIAL.RESUME_UPDATES;
}

/** FILETIME -> nanoseconds since the Unix epoch, or undefined for 0 / -1 / -2 (no time). */
export function filetimeToNs(ft: bigint): bigint | undefined {
  if (isSpecialFiletime(ft)) return undefined;
  return (ft - FILETIME_UNIX_EPOCH) * 100n;
}

/** Nanoseconds since the Unix epoch -> FILETIME (rounded down to 100 ns). Throws RangeError outside 1601..60056. */
export function nsToFiletime(ns: bigint): bigint {
  const ft = floorDiv(ns, 100n) + FILETIME_UNIX_EPOCH;
  if (ft < 0n || ft > U64_MAX) throw new RangeError(`time ${ns} ns is outside the FILETIME range`);
  return ft;
}

/** FILETIME -> Date (millisecond precision), or undefined for 0 / -1 / -2. */
export function filetimeToDate(ft: bigint): Date | undefined {
  const ns = filetimeToNs(ft);
  return ns === undefined ? undefined : new Date(Number(floorDiv(ns, 1_000_000n)));
}

/** Date -> FILETIME. */
export function dateToFiletime(d: Date): bigint {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid Date');
  return nsToFiletime(BigInt(ms) * 1_000_000n);
}
