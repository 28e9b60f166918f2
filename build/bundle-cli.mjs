// Bundles the command line (main/cli) into dist/cli: plain JavaScript, so `steerco` starts
// without compiling TypeScript. Commands load the API lazily (code splitting), so
// `steerco --help` does not load exceljs, pptxgenjs or playwright-core. Dependencies stay
// in node_modules. The migrations are copied beside the chunks (db/migrate.ts finds them
// through import.meta.url).
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const CLI_DIR = join(root, 'dist/cli');
const SOURCES = ['main', 'db', 'preload'];

/** Newest modification time (ms) of the sources the CLI is built from (tests excluded). */
export function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if ((/\.(ts|sql)$/.test(e.name) && !/\.test\.ts$/.test(e.name)) || e.name === 'package.json') newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of SOURCES) walk(join(root, d));
  return Math.max(newest, statSync(join(root, 'package.json')).mtimeMs, statSync(fileURLToPath(import.meta.url)).mtimeMs);
}

/**
 * The bundle for the sources as they are now: dist/cli/<stamp>/index.mjs, the stamp being the
 * newest source time. A folder per stamp lets several processes start at once: each builds
 * into its own temporary folder and renames it into place; the first rename wins, the others
 * use it.
 */
export function cliEntry() {
  return join(CLI_DIR, String(Math.floor(newestSource())), 'index.mjs');
}

/** Builds the bundle for the current sources unless it exists; returns its entry file. */
export async function bundleCli() {
  const entry = cliEntry();
  if (existsSync(entry)) return entry;
  const target = dirname(entry);
  const { build } = await import('esbuild');
  const tmp = `${target}.tmp-${process.pid}`;
  mkdirSync(CLI_DIR, { recursive: true });
  rmSync(tmp, { recursive: true, force: true });
  try {
    await build({
      entryPoints: { index: join(root, 'main/cli/index.ts') },
      outdir: tmp,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      // Bundled CommonJS code calls require(); the root is where dist/renderer lives (main/host/root.ts).
      banner: {
        js: [
          "import { createRequire as __steercoRequire } from 'node:module';",
          "import { fileURLToPath as __steercoPath } from 'node:url';",
          'const require = __steercoRequire(import.meta.url);',
          "globalThis.__steercoRoot ??= __steercoPath(new URL('../../../', import.meta.url));",
        ].join('\n'),
      },
      logLevel: 'warning',
    });
    mkdirSync(join(tmp, 'migrations'), { recursive: true });
    for (const f of readdirSync(join(root, 'db/migrations')).filter((x) => x.endsWith('.sql'))) cpSync(join(root, 'db/migrations', f), join(tmp, 'migrations', f));
    writeFileSync(join(tmp, 'README.txt'), `Built from ${relative(root, join(root, 'main/cli/index.ts'))} by build/bundle-cli.mjs; do not edit.\n`);
    try {
      renameSync(tmp, target);
    } catch (e) {
      if (!existsSync(entry)) throw e; // another process put the same bundle in place first
    }
    // Bundles of older sources are no longer used.
    for (const old of readdirSync(CLI_DIR)) if (old !== basename(target) && /^\d+$/.test(old)) rmSync(join(CLI_DIR, old), { recursive: true, force: true });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return entry;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const entry = await bundleCli();
  console.log(`${relative(root, entry)} (${readdirSync(dirname(entry)).filter((f) => f.endsWith('.mjs')).length} chunks)`);
}
