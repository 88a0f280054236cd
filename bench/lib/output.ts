// Where a benchmark's output goes: progress lines on stderr, so that stdout carries only the report.

/** One progress line on stderr. */
export function logProgress(message: string): void {
  process.stderr.write(message + '\n');
}

/** The report's text on stdout; or, with --json, the report as JSON on stdout and its text on stderr. */
export function printReport(text: string, json: boolean, report: unknown): void {
  if (json) {
    process.stderr.write('\n' + text);
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else process.stdout.write('\n' + text);
}
