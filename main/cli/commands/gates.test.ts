import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoWorkspace, runCli } from '../test-cli.js';
import { createApi } from '../../api/index.js';

let dir: string;
let file: string;
const run = runCli;

beforeEach(async () => {
  ({ dir, file } = await demoWorkspace('gates', 'ws.steerco'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A DI2 measure with distinct owner/sponsor/controller and its confirmations recorded. */
async function di2Measure() {
  const api = createApi({ configDir: join(dir, 'config'), version: 'test' });
  try {
    await api.call('workspace:open', { path: file });
    const people = await api.call('people:list', {});
    const m = (await api.call('measures:list', {})).find((x) => x.diLevel === 2 && x.lifecycle === 'active' && x.controllerId && new Set([x.ownerId, x.sponsorId, x.controllerId]).size === 3)!;
    await api.call('session:setActor', { personId: m.controllerId });
    await api.call('gates:attest', { measureId: m.id, key: 'business_case_validated' });
    await api.call('gates:attest', { measureId: m.id, key: 'approval_recommendation' });
    await api.call('session:setActor', { personId: null });
    const name = (id: string | null) => people.find((p) => p.id === id)!.name;
    return { code: m.code, owner: name(m.ownerId), sponsor: name(m.sponsorId), controller: name(m.controllerId) };
  } finally {
    api.close();
  }
}

describe('steerco gate', () => {
  it('requests, approves as both roles and reports the new level as JSON', async () => {
    const m = await di2Measure();
    const req = await run('gate', 'request', file, m.code, '--to', 'DI3', '--as', m.owner, '--comment', 'Ready');
    expect(req.code).toBe(0);
    const id = req.out.split(/\s+/)[0]!;
    expect(req.out).toContain('DI2 → DI3');
    expect((await run('gate', 'approve', file, id, '--as', m.sponsor)).out).toContain(`approved by ${m.sponsor}`);
    expect((await run('gate', 'approve', file, id, '--as', m.controller)).out).toContain('approved');
    const st = JSON.parse((await run('gate', 'status', file, m.code, '--json')).out) as { diLevel: number; requests: { status: string }[] };
    expect(st.diLevel).toBe(3);
    expect(st.requests[0]!.status).toBe('approved');
  });

  it('exits 2 with a clear message for skipping, a person without the role, and an unknown person', async () => {
    const m = await di2Measure();
    const skip = await run('gate', 'request', file, m.code, '--to', 'DI4', '--as', m.owner);
    expect(skip).toMatchObject({ code: 2, err: expect.stringContaining('Levels cannot be skipped') });
    const req = await run('gate', 'request', file, m.code, '--to', 'DI3', '--as', m.owner);
    const id = req.out.split(/\s+/)[0]!;
    const outsider = await run('gate', 'approve', file, id, '--as', 'Priya Nair');
    expect(outsider).toMatchObject({ code: 2, err: expect.stringContaining('not an approver') });
    expect((await run('gate', 'reject', file, id, '--as', 'Nobody'))).toMatchObject({ code: 2, err: expect.stringContaining('No person "Nobody"') });
    const st = JSON.parse((await run('gate', 'status', file, m.code, '--json')).out) as { diLevel: number; pending: { decisions: unknown[] } };
    expect(st.diLevel).toBe(2);
    expect(st.pending.decisions).toHaveLength(0);
  });
});
