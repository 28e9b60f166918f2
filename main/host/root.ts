import { fileURLToPath } from 'node:url';

/**
 * The project's root folder (where dist/renderer is built). From the source tree it is two
 * folders above this file; the CLI bundle (dist/cli, build/bundle-cli.mjs) sets it from its
 * own location, since a bundled module no longer sits at this file's depth.
 */
export function projectRoot(): string {
  return (globalThis as { __steercoRoot?: string }).__steercoRoot ?? fileURLToPath(new URL('../../', import.meta.url));
}
