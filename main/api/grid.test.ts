import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Api } from './index.js';
import { apiWithWorkspace } from './test-helpers.js';

let api: Api;
let cleanup: () => void;
beforeEach(async () => {
  ({ api, cleanup } = await apiWithWorkspace());
});
afterEach(() => cleanup());

const changeCount = () => (api.session.db().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
const list = () => api.call('measures:list', {});

describe('measures:bulkUpdate (paste and bulk edit)', () => {
  it('applies many cells in one transaction and one undo step', async () => {
    const ms = (await list()).slice(0, 5);
    const r = await api.call('measures:bulkUpdate', { edits: ms.map((m, i) => ({ id: m.id, patch: { function: 'Finance', title: `Pasted ${i}` } })), label: 'Paste 5 × 2' });
    expect(r).toMatchObject({ measures: 5, label: 'Paste 5 × 2' });
    expect(r.cells).toBeGreaterThanOrEqual(5);
    expect((await list()).filter((m) => m.title.startsWith('Pasted ')).length).toBe(5);
    expect((await api.call('history:state', {})).undo).toBe('Paste 5 × 2');
    await api.call('history:undo', {});
    const after = await list();
    for (const m of ms) expect(after.find((x) => x.id === m.id)).toMatchObject({ title: m.title, function: m.function });
  });

  it('stores formulas, right-to-left text, emoji and 1 MB descriptions verbatim', async () => {
    const [a, b, c, d] = await list();
    const big = 'x'.repeat(999_000);
    await api.call('measures:bulkUpdate', {
      edits: [
        { id: a!.id, patch: { title: '=SUM(A1:A3)', businessUnit: '+1' } },
        { id: b!.id, patch: { title: '-2', function: '@cmd' } },
        { id: c!.id, patch: { title: 'שלום עולם 🚀' } },
        { id: d!.id, patch: { description: big } },
      ],
    });
    const byId = new Map((await list()).map((m) => [m.id, m]));
    expect(byId.get(a!.id)).toMatchObject({ title: '=SUM(A1:A3)', businessUnit: '+1' });
    expect(byId.get(b!.id)).toMatchObject({ title: '-2', function: '@cmd' });
    expect(byId.get(c!.id)!.title).toBe('שלום עולם 🚀');
    expect(byId.get(d!.id)!.description.length).toBe(999_000);
  });

  it('refuses the whole paste when any cell is bad, lists every bad cell, and writes nothing', async () => {
    const [a, b, c] = await list();
    const before = changeCount();
    const err = await api
      .call('measures:bulkUpdate', {
        edits: [
          { id: a!.id, patch: { title: 'Fine title', owner: 'Nobody Known' } },
          { id: b!.id, patch: { dueDate: 'next week', implementationStatus: 'purple' } },
          { id: c!.id, patch: { title: 'a\u0007b', businessUnit: 'y'.repeat(2_000_000 / 4) } },
        ],
      })
      .then(
        () => {
          throw new Error('expected a refusal');
        },
        (e: { body: { code: string; message: string; issues: { row: string; field: string; message: string }[] } }) => e.body,
      );
    expect(err.code).toBe('validation');
    expect(err.message).toMatch(/^5 cells were refused; nothing was saved/);
    expect(err.issues.map((i) => `${i.row}/${i.field}`)).toEqual([`${a!.code}/owner`, `${b!.code}/dueDate`, `${b!.code}/implementationStatus`, `${c!.code}/title`, `${c!.code}/businessUnit`]);
    expect(err.issues[0]!.message).toContain('Unknown person "Nobody Known"');
    expect(changeCount()).toBe(before);
    expect((await list()).find((m) => m.id === a!.id)!.title).toBe(a!.title);
  });

  it('refuses an edit of a measure that no longer exists, writing nothing', async () => {
    const [a] = await list();
    const before = changeCount();
    await expect(api.call('measures:bulkUpdate', { edits: [{ id: a!.id, patch: { title: 'x' } }, { id: 'gone', patch: { title: 'y' } }] })).rejects.toMatchObject({
      body: { code: 'validation', message: /no longer exists/ },
    });
    expect(changeCount()).toBe(before);
  });
});

describe('custom fields', () => {
  it('defines fields of every type, validates values and lists them with the measures', async () => {
    const risk = await api.call('customFields:create', { label: 'Risk class', type: 'choice', choices: ['Low', 'High'], requiredFromDi: 2 });
    const saving = await api.call('customFields:create', { label: 'Saving', type: 'money' });
    const champ = await api.call('customFields:create', { label: 'Champion', type: 'person' });
    const tags = await api.call('customFields:create', { label: 'Tags', type: 'multi', choices: ['IT', 'Ops', 'HR'] });
    const flag = await api.call('customFields:create', { label: 'Board item', type: 'checkbox' });
    expect(risk.key).toBe('risk_class');
    const [m] = await list();
    const updated = await api.call('measures:update', { id: m!.id, patch: {}, custom: { risk_class: 'high', saving: '1,250.50', champion: 'Priya Nair', tags: 'ops; IT', board_item: 'yes' }, locale: 'en-US' });
    expect(updated.custom).toEqual({ ...m!.custom, risk_class: 'High', saving: 125050, champion: 'Priya Nair', tags: 'Ops; IT', board_item: 'yes' });
    expect((await list()).find((x) => x.id === m!.id)!.custom).toEqual(updated.custom);
    expect([saving, champ, tags, flag].map((f) => f.type)).toEqual(['money', 'person', 'multi', 'checkbox']);
  });

  it('refuses bad values and empty required values with the field label, writing nothing', async () => {
    await api.call('customFields:create', { label: 'Risk class', type: 'choice', choices: ['Low', 'High'], requiredFromDi: 2 });
    await api.call('customFields:create', { label: 'Headcount', type: 'number' });
    const ms = await list();
    const high = ms.find((m) => m.diLevel >= 2)!;
    const before = changeCount();
    await expect(api.call('measures:update', { id: high.id, patch: {}, custom: { headcount: 'twelve' }, locale: 'en-US' })).rejects.toMatchObject({ body: { message: 'Headcount: "twelve" is not a number; use 1234.5 or 1,234.5' } });
    await expect(api.call('measures:update', { id: high.id, patch: {}, custom: { risk_class: 'Medium' } })).rejects.toMatchObject({ body: { message: /is not one of the choices \(Low, High\)/ } });
    await expect(api.call('measures:update', { id: high.id, patch: {}, custom: { risk_class: '' } })).rejects.toMatchObject({ body: { message: /required from DI2/ } });
    await expect(api.call('measures:update', { id: high.id, patch: {}, custom: { nope: '1' } })).rejects.toMatchObject({ body: { message: /no such custom field/ } });
    expect(changeCount()).toBe(before);
    await expect(api.call('customFields:create', { label: 'Risk class', type: 'text' })).rejects.toMatchObject({ body: { message: /already exists/ } });
    await expect(api.call('customFields:create', { label: 'Pick', type: 'choice', choices: [] })).rejects.toMatchObject({ body: { message: /at least one choice/ } });
  });
});

describe('milestones', () => {
  it('creates, edits and completes milestones, each one undo step; refuses bad input', async () => {
    const [m] = await list();
    const planned = await api.call('milestones:list', { measureId: m!.id });
    const ms = await api.call('milestones:create', { measureId: m!.id, title: 'Pilot go-live', owner: 'Priya Nair', dueDate: '2026-09-30' });
    expect(ms).toMatchObject({ title: 'Pilot go-live', owner: 'Priya Nair', dueDate: '2026-09-30', done: false });
    const done = await api.call('milestones:update', { id: ms.id, done: true });
    expect(done.done).toBe(true);
    expect((await api.call('history:state', {})).undo).toBe('Edit milestone Pilot go-live');
    const before = changeCount();
    await expect(api.call('milestones:create', { measureId: m!.id, title: '  ' })).rejects.toMatchObject({ body: { message: /title: is required/ } });
    await expect(api.call('milestones:update', { id: ms.id, owner: 'Nobody Known', dueDate: '2026-02-30' })).rejects.toMatchObject({
      body: { message: /Unknown person "Nobody Known".*not a date/ },
    });
    expect(changeCount()).toBe(before);
    await api.call('milestones:delete', { id: ms.id });
    expect(await api.call('milestones:list', { measureId: m!.id })).toEqual(planned);
  });
});

describe('measures:history', () => {
  it('shows labels, people by name, custom values and milestone changes of the measure', async () => {
    const [m] = await list();
    await api.call('customFields:create', { label: 'Saving', type: 'money' });
    await api.call('measures:update', { id: m!.id, patch: { owner: 'Priya Nair' }, custom: { saving: '10' } });
    await api.call('milestones:create', { measureId: m!.id, title: 'Kick-off' });
    const h = await api.call('measures:history', { id: m!.id });
    expect(h.find((e) => e.label === 'Owner')).toMatchObject({ newText: 'Priya Nair', oldText: m!.owner ?? '' });
    expect(h.find((e) => e.label === 'Saving')).toMatchObject({ newText: '10.00' });
    // Adding a milestone is one entry, not one per column; no bookkeeping rows ("Deleted: (empty) → 0").
    expect(h.filter((e) => e.label?.startsWith('Milestone "Kick-off"'))).toMatchObject([{ label: 'Milestone "Kick-off"', oldText: '', newText: 'added' }]);
    expect(h.some((e) => e.field === 'deleted' && e.newText === '0')).toBe(false);
    const ms = (await api.call('milestones:list', { measureId: m!.id })).find((x) => x.title === 'Kick-off')!;
    await api.call('milestones:update', { id: ms.id, done: true });
    expect((await api.call('measures:history', { id: m!.id })).find((e) => e.label === 'Milestone "Kick-off": Done')).toMatchObject({ oldText: 'no', newText: 'yes' });
  });

  it('shows gate requests and decisions, lifecycle decisions, value edits and validations, and labels the system', async () => {
    const ms = await list();
    // The demo decided gates, held measures and validated actuals: each is in its measure's history once.
    const db = api.session.db();
    const decided = db.prepare("SELECT r.measure_id AS id, d.decision, d.comment FROM gate_decisions d JOIN gate_requests r ON r.id = d.request_id WHERE d.deleted = 0 LIMIT 1").get() as { id: string; decision: string; comment: string };
    const h = await api.call('measures:history', { id: decided.id });
    expect(h.some((e) => e.table === 'gate_decisions' && e.newText?.startsWith(decided.decision === 'approve' ? 'approved' : 'rejected'))).toBe(true);
    expect(h.some((e) => e.table === 'gate_requests' && e.newText?.startsWith('requested'))).toBe(true);
    const held = db.prepare("SELECT measure_id AS id, reason FROM lifecycle_decisions WHERE deleted = 0 AND reason <> '' LIMIT 1").get() as { id: string; reason: string };
    expect((await api.call('measures:history', { id: held.id })).some((e) => e.label === 'Lifecycle decision' && e.newText?.includes(held.reason))).toBe(true);
    const validated = db.prepare("SELECT measure_id AS id, period FROM value_validations WHERE deleted = 0 AND state = 'validated' LIMIT 1").get() as { id: string; period: string };
    const hv = await api.call('measures:history', { id: validated.id });
    expect(hv.some((e) => e.label === `Actuals ${validated.period}` && e.newText === 'validated')).toBe(true);
    expect(hv.some((e) => e.table === 'effect_values' && /: (plan|forecast|actual)$/.test(e.label ?? ''))).toBe(true);
    // What the demo's seeding or a derivation wrote is the system's, said so.
    expect(hv.every((e) => e.actor !== 'system')).toBe(true);
    expect(ms.length).toBeGreaterThan(0);
  });
});

describe('saved views', () => {
  it('keeps views per person, overwrites by name, and deletes', async () => {
    const v = await api.call('views:save', { name: 'Workshop', state: { search: 'IT', chips: { status: 'red' } } });
    expect((await api.call('views:list', {})).map((x) => x.name)).toEqual(['Workshop']);
    await api.call('views:save', { name: 'workshop', state: { search: 'Ops' } });
    expect(await api.call('views:list', {})).toEqual([{ id: v.id, name: 'workshop', state: { search: 'Ops' } }]);
    const other = (await api.call('people:list', {}))[0]!;
    await api.call('session:setActor', { personId: other.id });
    expect(await api.call('views:list', {})).toEqual([]);
    await api.call('session:setActor', { personId: null });
    await api.call('views:delete', { id: v.id });
    expect(await api.call('views:list', {})).toEqual([]);
  });
});
