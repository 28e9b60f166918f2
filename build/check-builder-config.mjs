// Validates electron-builder.yml the way `electron-builder` does before packaging
// (same loader, same JSON schema), plus the few settings our security model relies on.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
// app-builder-lib has no "exports" map, so its internal module is reachable by path.
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { DebugLogger } = require('builder-util');

const configFile = resolve(root, process.argv[2] ?? 'electron-builder.yml');
const errors = [];

let config;
try {
  config = await getConfig(root, configFile, null);
  await validateConfiguration(config, new DebugLogger(false));
} catch (e) {
  errors.push(e instanceof Error ? e.message : String(e));
}

if (config) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const expectFuse = { runAsNode: false, enableCookieEncryption: true, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true };
  for (const [fuse, value] of Object.entries(expectFuse)) {
    if (config.electronFuses?.[fuse] !== value) errors.push(`electronFuses.${fuse} must be ${value}`);
  }
  if (config.appId !== 'com.steerco.app') errors.push('appId must be com.steerco.app');
  if (!JSON.stringify(config.asarUnpack ?? []).includes('better-sqlite3')) errors.push('asarUnpack must include better-sqlite3 (native addons cannot load from app.asar)');
  if (!(config.fileAssociations ?? []).some((a) => [a.ext].flat().includes('steerco'))) errors.push('fileAssociations must register .steerco');
  if (!/^dist\//.test(pkg.main ?? '')) errors.push(`package.json "main" (${pkg.main}) must point into dist/, which is what gets packaged`);
  for (const file of [config.mac?.entitlements, config.mac?.icon, config.win?.icon, config.linux?.icon].filter(Boolean)) {
    if (!existsSync(join(root, file))) errors.push(`${file} does not exist`);
  }
}

if (errors.length) {
  console.error(`electron-builder config has problems:\n${errors.map((e) => `- ${e}`).join('\n')}`);
  process.exit(1);
}
console.log('electron-builder config OK');
