import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layer rules of architecture.md, machine-checked: for each layer, a file that crosses
 * it is linted (as if it lived at that path) and must be refused with the layer's message.
 * Guards against a config edit that silently replaces a layer's deny list.
 */
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ overrideConfigFile: 'build/eslint.config.mjs' });
});

async function refusals(filePath: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath });
  return r!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

const CASES: [layer: string, file: string, specifier: string, message: RegExp][] = [
  ['renderer → electron', 'renderer/app/api.ts', 'electron', /Only main\/app and preload\/index.ts/],
  ['renderer → better-sqlite3', 'renderer/app/api.ts', 'better-sqlite3', /api client only/],
  ['renderer → node', 'renderer/app/api.ts', 'node:fs', /browser sandbox/],
  ['renderer → main', 'renderer/app/api.ts', '../../main/api/index.js', /never main\/ or db\//],
  ['renderer → db', 'renderer/app/api.ts', '../../db/clock.js', /never main\/ or db\//],
  ['db → main', 'db/changes.ts', '../main/api/session.js', /db\/ never imports main/],
  ['db → renderer', 'db/changes.ts', '../renderer/app/clock.js', /db\/ never imports main\/ or renderer/],
  ['db → electron', 'db/changes.ts', 'electron', /Only main\/app/],
  ['domain → better-sqlite3', 'main/domain/gates.ts', 'better-sqlite3', /pure rules: no I\/O/],
  ['domain → node:fs', 'main/domain/gates.ts', 'node:fs', /pure rules: no I\/O/],
  ['domain → db', 'main/domain/gates.ts', '../../db/connection.js', /nothing but preload\/contract/],
  ['domain → api/session', 'main/domain/gates.ts', '../api/session.js', /nothing but preload\/contract/],
  ['domain → sync', 'main/domain/gates.ts', '../sync/bundles.js', /nothing but preload\/contract/],
  ['domain → electron', 'main/domain/gates.ts', 'electron', /Only main\/app/],
  ['api → host', 'main/api/gates.ts', '../host/server.js', /never imports the transports/],
  ['api → cli', 'main/api/gates.ts', '../cli/index.js', /never imports the transports/],
  ['api → electron', 'main/api/gates.ts', 'electron', /Only main\/app/],
  ['sync → api', 'main/sync/bundles.ts', '../api/session.js', /never the api/],
  ['sync → host', 'main/sync/bundles.ts', '../host/server.js', /never the api/],
  ['exchange → api', 'main/exchange/pptx.ts', '../api/pack.js', /never the api/],
  ['exchange → sync', 'main/exchange/pptx.ts', '../sync/bundles.js', /never the api, sync/],
  ['host → app', 'main/host/server.ts', '../app/ipc.js', /transports beside main\/app/],
  ['cli → electron', 'main/cli/index.ts', 'electron', /Only main\/app/],
  ['contract → node', 'preload/contract/core.ts', 'node:fs', /no Node modules/],
  ['contract → main', 'preload/contract/core.ts', '../../main/api/index.js', /depends on nothing of ours/],
  ['main/app → renderer', 'main/app/window.ts', '../../renderer/app/api.js', /never imports its code/],
];

describe('layer rules (build/eslint.config.mjs)', () => {
  it.each(CASES)('%s is refused', async (_layer, file, specifier, message) => {
    const found = await refusals(file, `import * as x from '${specifier}';\nexport const y = x;\n`);
    expect(found.some((m) => message.test(m)), `${file} importing ${specifier}: ${found.join(' | ') || 'nothing refused'}`).toBe(true);
  });

  it('allows what the architecture allows', async () => {
    expect(await refusals('main/domain/gates.ts', "import type { Rag } from '../../preload/contract/types.js';\nexport type R = Rag;\n")).toEqual([]);
    expect(await refusals('main/api/gates.ts', "import { now } from '../../db/clock.js';\nexport const n = now;\n")).toEqual([]);
    expect(await refusals('main/app/window.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });

  it('keeps the wall clock inside the clock modules', async () => {
    for (const file of ['main/api/gates.ts', 'db/changes.ts', 'renderer/app/api.ts', 'main/sync/bundles.ts']) {
      expect(await refusals(file, 'export const a = new Date();\nexport const b = Date.now();\n')).toHaveLength(2);
    }
    expect(await refusals('db/clock.ts', 'export const a = new Date();\nexport const b = Date.now();\n')).toEqual([]);
    expect(await refusals('main/api/gates.ts', "export const c = new Date('2026-01-01');\n")).toEqual([]);
  });
});
