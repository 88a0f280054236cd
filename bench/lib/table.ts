// A plain-text table: a header row, a rule, right-aligned numbers, left-aligned words.

export type Cell = string;

export function renderTable(header: readonly Cell[], rows: readonly (readonly Cell[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = (s: string): boolean => /^[-+]?[\d.]+[x%]?$|^n\/a$/.test(s);
  const line = (cells: readonly Cell[]): string =>
    cells
      .map((c, i) => (numeric(c) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
