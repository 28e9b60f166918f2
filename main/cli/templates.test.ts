import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkspace, runCli } from './test-cli.js';
import { TEMPLATE_LIBRARY } from '../domain/template-library.js';
import { createApi } from '../api/index.js';
import { join } from 'node:path';

let dir: string;
let file: string;
beforeAll(async () => {
  ({ dir, file } = await demoWorkspace('templates'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function packageId(): Promise<string> {
  const api = createApi({ configDir: join(dir, 'config'), version: 'test' });
  try {
    await api.call('workspace:open', { path: file });
    return (api.session.db().prepare("SELECT id FROM nodes WHERE level = 'package' AND deleted = 0 ORDER BY sort_order LIMIT 1").get() as { id: string }).id;
  } finally {
    api.close();
  }
}

describe('steerco templates and measures add', () => {
  it('lists the templates with key and name', async () => {
    const r = await runCli('templates', 'list', file, '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as { key: string; name: string }[];
    expect(list.map((t) => [t.key, t.name])).toEqual(TEMPLATE_LIBRARY.map((t) => [t.key, t.name]));
  });

  it('adds a measure of a template; measures list --json names the template', async () => {
    const nodeId = await packageId();
    const r = await runCli('measures', 'add', file, '--template', 'service_desk', '--package', nodeId, '--title', 'Desk for Gold customers', '--as', 'Aisha Khan');
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toMatchObject({ title: 'Desk for Gold customers', template: 'service_desk', owner: 'Aisha Khan' });
    const list = JSON.parse((await runCli('measures', 'list', file, '--json')).out) as { title: string; template: string | null }[];
    expect(list.find((m) => m.title === 'Desk for Gold customers')?.template).toBe('service_desk');
    expect(list.find((m) => m.title === 'Contract approval workflow')?.template).toBe('contract_approval');
  });

  it('refuses an unknown template with the reason (exit 2, nothing added)', async () => {
    const nodeId = await packageId();
    const before = JSON.parse((await runCli('measures', 'list', file, '--json')).out) as unknown[];
    const r = await runCli('measures', 'add', file, '--template', 'nope', '--package', nodeId, '--title', 'X');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/No template "nope"/);
    expect((JSON.parse((await runCli('measures', 'list', file, '--json')).out) as unknown[]).length).toBe(before.length);
  });
});
