#!/usr/bin/env node
// The `steerco` command: runs the bundled CLI (dist/cli/<stamp>, plain JavaScript; no
// TypeScript is compiled at run time). When the sources are newer than the bundle, it is
// built first (esbuild, about a second; build/bundle-cli.mjs).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const builder = `${root}build/bundle-cli.mjs`;
if (!existsSync(builder)) {
  process.stderr.write('steerco: build/bundle-cli.mjs is missing; run steerco from a checkout of the project.\n');
  process.exit(1);
}
let entry;
try {
  entry = await (await import(pathToFileURL(builder).href)).bundleCli();
} catch (e) {
  process.stderr.write(`steerco: building the command line failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
// `steerco measures list … | head` closes the pipe early; that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
