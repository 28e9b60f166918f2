import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Api } from './index.js';
import { apiWithWorkspace } from './test-helpers.js';

let api: Api;
let cleanup: () => void;
beforeEach(async () => {
  ({ api, cleanup } = await apiWithWorkspace({ demo: true }));
});
afterEach(() => cleanup());

const byTitle = async (title: string) => (await api.call('measures:list', {})).find((m) => m.title === title)!;
const logCount = () => (api.session.db().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;

describe('RAID log', () => {
  it('lists the demo log with overdue and stale flags', async () => {
    const items = await api.call('raid:list', {});
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(items.find((r) => r.title.startsWith('Gold 24x7 rota'))).toMatchObject({ overdue: true, stale: true, code: 'R-0002' });
    expect(items.find((r) => r.title.startsWith('Old helpdesk wiki'))).toMatchObject({ overdue: false, stale: false, status: 'closed' });
  });

  it('creates on a measure, edits with the grid rules, refuses bad values without writing', async () => {
    const m = await byTitle('Capacity allocation model');
    const r = await api.call('raid:create', { kind: 'risk', measureId: m.id, patch: { title: 'Allocation tool not ready', owner: 'Grace Okafor' } });
    expect(r).toMatchObject({ code: 'R-0006', measureCode: m.code, owner: 'Grace Okafor', status: 'open', overdue: false });
    const u = await api.call('raid:update', { id: r.id, patch: { impact: 'high', dueDate: '2020-01-01', escalated: 'yes' } });
    expect(u).toMatchObject({ impact: 'high', overdue: true, escalated: true, escalationLevel: 'project' });
    const before = logCount();
    await expect(api.call('raid:update', { id: r.id, patch: { impact: 'huge' } })).rejects.toThrow(/Impact: "huge" is not one of low, medium, high, critical/);
    await expect(api.call('raid:update', { id: r.id, patch: { owner: 'Nobody' } })).rejects.toThrow(/Unknown person "Nobody"/);
    await expect(api.call('raid:update', { id: r.id, patch: { title: ' ' } })).rejects.toThrow(/Title: is required/);
    await expect(api.call('raid:update', { id: r.id, patch: { measure: 'M-9999' } })).rejects.toThrow(/no measure with code "M-9999"/);
    expect(logCount()).toBe(before);
    await api.call('history:undo', {});
    expect((await api.call('raid:list', { measureId: m.id }))[0]).toMatchObject({ impact: null, escalated: false });
  });
});

describe('dependencies', () => {
  it('shows the demo chain IT configuration → operations → revenue recognition, flagged when upstream is late', async () => {
    const rev = await byTitle('Revenue recognition for tiered contracts');
    const v = await api.call('deps:forMeasure', { measureId: rev.id });
    const codes = v.upstream.map((c) => c.title);
    expect(codes).toEqual(expect.arrayContaining(['Triage rules by tier and severity', 'Configure tier-aware SLA timers', 'CRM to contract sync', 'Billing exception handling process']));
    expect(v.upstream.find((c) => c.title === 'Configure tier-aware SLA timers')!.depth).toBe(2);
    // CRM sync is past due and below DI4: the chain is flagged. The nearest late or red
    // upstream measure is named (with statuses derived from today's milestones, Triage rules
    // has an overdue milestone and is red, one step closer than CRM sync).
    expect(v.upstream.find((c) => c.title === 'CRM to contract sync')).toMatchObject({ late: true });
    const nearest = v.upstream.find((c) => c.late || c.red)!;
    expect(v.blockedBy).toMatchObject({ title: nearest.title, depth: nearest.depth });
    const sla = await byTitle('Configure tier-aware SLA timers');
    const down = await api.call('deps:forMeasure', { measureId: sla.id });
    expect(down.downstream.map((c) => c.title)).toEqual(['Triage rules by tier and severity', 'Revenue recognition for tiered contracts']);
    expect(down.waitsOn.find((l) => l.externalParty)?.flagged).toBe(true);
    // The program-wide list of blocked measures (the pack's blocking dependencies).
    const blocked = await api.call('deps:blocked', {});
    const b = blocked.find((x) => x.measure.id === rev.id)!;
    expect(b.depth).toBe(nearest.depth);
    expect(b.culprit.late || b.culprit.red).toBe(true);
  });

  it('refuses cycles, cancelled and deleted upstreams, and duplicates, writing nothing', async () => {
    const sla = await byTitle('Configure tier-aware SLA timers');
    const rev = await byTitle('Revenue recognition for tiered contracts');
    const before = logCount();
    await expect(api.call('deps:create', { measureId: sla.id, onMeasureId: rev.id })).rejects.toThrow(
      `${sla.code} cannot wait on ${rev.code}: that would make a cycle`,
    );
    await expect(api.call('deps:create', { measureId: sla.id, onMeasureId: sla.id })).rejects.toThrow(/cycle/);
    const cancelled = await byTitle('Single intake channel for service requests');
    await expect(api.call('deps:create', { measureId: sla.id, onMeasureId: cancelled.id })).rejects.toThrow(/cancelled and will never deliver/);
    const tri = await byTitle('Triage rules by tier and severity');
    await expect(api.call('deps:create', { measureId: tri.id, onMeasureId: sla.id })).rejects.toThrow(/already waits on/);
    const gone = await byTitle('Retire legacy reporting server');
    await api.call('measures:delete', { ids: [gone.id] });
    const after = logCount();
    await expect(api.call('deps:create', { measureId: sla.id, onMeasureId: gone.id })).rejects.toThrow(/was deleted/);
    expect(after).toBeGreaterThan(before);
    expect(logCount()).toBe(after);
  });
});

describe('escalations', () => {
  it('raises the demo escalations once and resolves them when the trigger is gone', async () => {
    const list = await api.call('escalations:list', {});
    const keys = new Set(list.map((e) => e.ruleKey));
    expect([...keys]).toEqual(expect.arrayContaining(['manual', 'red_status', 'dependency_overdue', 'raid_overdue', 'raid_stale']));
    const red = list.find((e) => e.ruleKey === 'red_status')!;
    expect(red.reason).toMatch(/Revenue recognition|M-0028/);
    expect(red.reason).toContain('red for 2 updates');
    const again = await api.call('escalations:list', {});
    expect(again.length).toBe(list.length);
    // Mark the CRM sync implemented: its overdue dependency escalation resolves.
    const crm = await byTitle('CRM to contract sync');
    const depEsc = list.filter((e) => e.ruleKey === 'dependency_overdue' && e.reason.includes(crm.code));
    expect(depEsc.length).toBe(1);
    api.session.act('test', (w) => w.update('measures', crm.id, { di_level: 4 }));
    const later = await api.call('escalations:list', { includeResolved: true });
    expect(later.find((e) => e.id === depEsc[0]!.id)?.status).toBe('resolved');
  });

  it('rules are configurable', async () => {
    const rules = await api.call('escalations:rules', {});
    const red = rules.find((r) => r.key === 'red_status')!;
    await api.call('escalations:updateRule', { id: red.id, threshold: 3 });
    expect((await api.call('escalations:list', {})).some((e) => e.ruleKey === 'red_status')).toBe(false);
  });
});

describe('meetings, decisions, actions', () => {
  it('shows a meeting with decisions, actions and the previous meeting’s open actions', async () => {
    const meetings = await api.call('meetings:list', {});
    expect(meetings.map((m) => m.status)).toEqual(['planned', 'held', 'closed']);
    const next = await api.call('meetings:get', { id: meetings[0]!.id });
    expect(next.previous?.title).toBe('Steering committee #4');
    expect(next.followUp.map((a) => a.status).sort()).toEqual(['in_progress', 'open', 'open']);
    expect(next.followUp.find((a) => a.title.startsWith('Raise contractor'))?.overdue).toBe(true);
  });

  it('records a decision linked to a measure, found in the log and from the measure', async () => {
    const [next] = await api.call('meetings:list', {});
    const m = await byTitle('Contract approval workflow');
    const d = await api.call('decisions:create', { meetingId: next!.id, text: 'Approve DI3 for the contract approval workflow', decidedBy: 'Hanna Berg', links: [{ kind: 'measure', id: m.id }] });
    // The demo's open decision (service KPIs) is D-0005.
    expect(d).toMatchObject({ code: 'D-0006', date: next!.date, links: [{ kind: 'measure', id: m.id, label: `${m.code} ${m.title}` }] });
    expect((await api.call('measures:decisions', { id: m.id })).map((x) => x.id)).toEqual([d.id]);
    expect((await api.call('decisions:list', { query: 'contract approval' })).map((x) => x.id)).toContain(d.id);
    expect((await api.call('decisions:list', { query: 'zzz-nothing' })).length).toBe(0);
  });

  it('refuses a decision on a closed meeting and an action without owner, writing nothing', async () => {
    const closed = (await api.call('meetings:list', {})).find((m) => m.status === 'closed')!;
    const before = logCount();
    await expect(api.call('decisions:create', { meetingId: closed.id, text: 'Late decision' })).rejects.toThrow(/is closed: its minutes are final/);
    await expect(api.call('actions:create', { meetingId: closed.id, title: 'Do it', owner: '' })).rejects.toThrow(/An action needs an owner/);
    await expect(api.call('actions:create', { title: 'Do it', owner: 'Ghost' })).rejects.toThrow(/Unknown person "Ghost"/);
    const m = await byTitle('Contract approval workflow');
    await expect(api.call('decisions:create', { meetingId: (await api.call('meetings:list', {}))[0]!.id, text: 'x', links: [{ kind: 'measure', id: m.id }, { kind: 'raid_item', id: 'nope' }] })).rejects.toThrow(/does not exist/);
    expect(logCount()).toBe(before);
    const a = await api.call('actions:create', { title: 'Do it', owner: 'Tom Eriksen', dueDate: '2030-01-01' });
    expect(a).toMatchObject({ code: 'A-0006', owner: 'Tom Eriksen', status: 'open', overdue: false });
  });
});

describe('RAID items on the hierarchy', () => {
  it('places an item on a node by name, or on a measure, never both', async () => {
    const program = (await api.call('nodes:list', {})).find((n) => n.name === 'Service Cost Excellence')!;
    const r = await api.call('raid:create', { kind: 'issue', nodeId: program.id, patch: { title: 'Budget freeze' } });
    expect(r).toMatchObject({ nodeName: 'Service Cost Excellence', measureId: null });
    const m = await byTitle('Capacity allocation model');
    expect(await api.call('raid:update', { id: r.id, patch: { measure: m.code } })).toMatchObject({ measureCode: m.code, nodeId: null });
    expect(await api.call('raid:update', { id: r.id, patch: { node: 'tiered managed-service launch' } })).toMatchObject({ nodeName: 'Tiered Managed-Service Launch', measureId: null });
    await expect(api.call('raid:update', { id: r.id, patch: { node: 'Atlantis' } })).rejects.toThrow(/Hierarchy: no hierarchy node called "Atlantis"/);
  });
});
