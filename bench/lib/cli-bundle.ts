// The `netfs` command as users run it: src/cli/main.ts built to one JavaScript file for plain
// node (as tsup builds dist/cli/main.js), so a timed run costs node's start, not tsx compiling.
// esbuild is what tsup (a devDependency) builds with.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const CLI_ENTRY = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** Bundles the CLI with its dependencies into dir; resolves to the file to run with `node`. */
export async function bundleCli(dir: string): Promise<string> {
  const outfile = join(dir, 'netfs-cli.mjs');
  await build({
    entryPoints: [CLI_ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    // CommonJS dependencies inside an ES module bundle still call require() for node built-ins.
    banner: { js: "import { createRequire as __netfsBenchRequire } from 'node:module'; const require = __netfsBenchRequire(import.meta.url);" },
  });
  return outfile;
}
