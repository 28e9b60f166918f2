#!/usr/bin/env node
// The `steerco` command: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';

register();
// `steerco measures list … | head` closes the pipe early; that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { main } = await import('./index.ts');
process.exitCode = await main(process.argv.slice(2));
