// Bundles the Electron main process (ESM) and the sandboxed preload (CommonJS) into dist/,
// and copies the SQL migrations next to the main bundle (db/migrate.ts finds them via import.meta.url).
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Dependencies with a native addon cannot be bundled; they stay in node_modules (asar-unpacked). */
function nativeDependencies() {
  return Object.keys(pkg.dependencies ?? {}).filter((name) => {
    const dir = join(root, 'node_modules', name);
    if (existsSync(join(dir, 'binding.gyp'))) return true;
    try {
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).gypfile === true;
    } catch {
      return false;
    }
  });
}

/** The method and event names, read from the real contract (zod and all) at build time. */
async function contractNames() {
  const out = await build({
    entryPoints: [join(root, 'preload/contract.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0].text;
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  if (!Array.isArray(mod.METHOD_NAMES) || !Array.isArray(mod.EVENT_NAMES)) throw new Error('preload/contract.ts no longer exports METHOD_NAMES / EVENT_NAMES');
  return { methods: mod.METHOD_NAMES, events: mod.EVENT_NAMES };
}

/**
 * The preload only needs the contract's names at run time; importing the contract itself
 * would pull zod and every schema into a script that runs in each page load.
 * The names are computed from the same contract, so they cannot drift.
 */
function contractNamesPlugin(names) {
  const contractFile = join(root, 'preload/contract.ts');
  return {
    name: 'steerco-contract-names',
    setup(b) {
      b.onResolve({ filter: /^\.\/contract(\.js|\.ts)?$/ }, (args) => {
        if (resolve(args.resolveDir, 'contract.ts') !== contractFile) return undefined;
        return { path: 'contract-names', namespace: 'steerco' };
      });
      b.onLoad({ filter: /.*/, namespace: 'steerco' }, () => ({
        contents: `export const METHOD_NAMES = ${JSON.stringify(names.methods)};\nexport const EVENT_NAMES = ${JSON.stringify(names.events)};\n`,
        loader: 'js',
      }));
    },
  };
}

async function bundleMain(external) {
  await build({
    entryPoints: [join(root, 'main/app/main.ts')],
    outfile: join(dist, 'main/app.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    // Bundled CommonJS dependencies call require() for Node built-ins; ESM has no require.
    banner: { js: "import { createRequire as __steercoCreateRequire } from 'node:module';\nconst require = __steercoCreateRequire(import.meta.url);" },
    legalComments: 'linked',
    logLevel: 'warning',
  });
}

async function bundlePreload(names) {
  await build({
    entryPoints: [join(root, 'preload/index.ts')],
    outfile: join(dist, 'preload/index.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'chrome120',
    external: ['electron'],
    plugins: [contractNamesPlugin(names)],
    logLevel: 'warning',
  });
  // A sandboxed preload can require only 'electron' (and a few polyfilled modules); fail here, not at launch.
  const code = readFileSync(join(dist, 'preload/index.cjs'), 'utf8');
  const requires = [...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]).filter((m) => m !== 'electron');
  if (requires.length) throw new Error(`preload bundle requires ${requires.join(', ')}; only 'electron' is available in a sandbox`);
  if (/ZodError|\$ZodType/.test(code)) throw new Error('preload bundle pulled in zod; import only names from the contract');
}

function copyMigrations() {
  const from = join(root, 'db/migrations');
  const to = join(dist, 'main/migrations');
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  const files = readdirSync(from).filter((f) => f.endsWith('.sql'));
  for (const f of files) cpSync(join(from, f), join(to, f));
  return files.length;
}

const external = ['electron', ...new Set(['better-sqlite3', ...nativeDependencies()])];
const names = await contractNames();
await Promise.all([bundleMain(external), bundlePreload(names)]);
const migrations = copyMigrations();
const kb = (f) => `${Math.round(statSync(join(dist, f)).size / 1024)} kB`;
console.log(
  `dist/main/app.mjs ${kb('main/app.mjs')} (external: ${external.join(', ')}), dist/preload/index.cjs ${kb('preload/index.cjs')} ` +
    `(${names.methods.length} methods, ${names.events.length} events), ${migrations} migration(s) → dist/main/migrations`,
);
