import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApi } from '../context.js';
import { demoWorkspace, runCli } from '../test-cli.js';

let dir: string;
let file: string;

beforeAll(async () => {
  ({ dir, file } = await demoWorkspace('statuses', 'demo.steerco'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('steerco measures list --json', () => {
  it('prints the statuses the app derives (value:get) for every measure of a fresh demo, and writes nothing', async () => {
    const r = await runCli('measures', 'list', file, '--json');
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.out) as { code: string; implementationStatus: string; potentialStatus: string }[];
    const api = await newApi();
    try {
      await api.call('workspace:open', { path: file });
      const undo = await api.call('history:state', {});
      const differ: string[] = [];
      for (const m of await api.call('measures:list', {})) {
        const v = await api.call('value:get', { measureId: m.id });
        const p = printed.find((x) => x.code === m.code)!;
        if (p.implementationStatus !== v.implementation.status || p.potentialStatus !== v.potential.status) differ.push(m.code);
      }
      expect(printed.length).toBe(49);
      expect(differ).toEqual([]);
      // Listing (and the re-derivation when the CLI opened the file) left no undo step.
      expect(undo).toEqual({ undo: null, redo: null });
    } finally {
      api.close();
    }
  });
});
