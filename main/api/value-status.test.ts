import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, resetClock, setClock, today } from '../../db/clock.js';
import { appendChange, rowKeyOf } from '../../db/change-rows.js';
import { clockOf, replicaId } from '../../db/changes.js';
import type { Events } from '../../preload/contract.js';
import { createApi, type Api } from './index.js';
import { cacheDrift, disagreements } from './status-test-helpers.js';
import { writeMeasureColumns } from './measure-writes.js';
import { statusFacts } from '../../db/repositories/value-status.js';
import { apiWithWorkspace } from './test-helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  resetClock();
  while (cleanups.length) cleanups.pop()!();
});

async function demo() {
  const w = await apiWithWorkspace({ demo: true });
  cleanups.push(w.cleanup);
  return w;
}

const logCount = (api: Api) => (api.session.db().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;

function changes(api: Api): Events['workspace:changed'][] {
  const seen: Events['workspace:changed'][] = [];
  cleanups.push(api.session.on('workspace:changed', (e) => seen.push(e)));
  return seen;
}

/** A new measure in the first package: no milestones, no value lines (its statuses start grey). */
async function blankMeasure(api: Api) {
  const pkg = (await api.call('nodes:list', {})).find((n) => n.level === 'package')!;
  return api.call('measures:create', { nodeId: pkg.id, patch: { title: 'Blank measure' } });
}

describe('potential rule in the database', () => {
  it('compares each line with its own reference: an untargeted cost on plan counts at its plan (M-0006), a locked line at its baseline', async () => {
    const { api } = await demo();
    const pkg = (await api.call('nodes:list', {})).find((n) => n.level === 'package')!;
    const m = await api.call('measures:create', { nodeId: pkg.id, patch: { title: 'Per-line reference', startDate: today(), dueDate: addDays(today(), 200) } });
    const period = today().slice(0, 7);
    const line = async (type: 'recurring_benefit' | 'one_time_cost' | 'recurring_cost', target?: string) =>
      (await api.call('value:addLine', { measureId: m.id, type, label: type, target, locale: 'en-US' })).lines.at(-1)!.id;
    const set = (lineId: string, field: 'plan' | 'forecast', value: string) => api.call('value:setCells', { measureId: m.id, locale: 'en-US', cells: [{ lineId, period, field, value }] });
    const benefit = await line('recurring_benefit', '761000');
    const setup = await line('one_time_cost', '220000');
    const running = await line('recurring_cost');
    await set(benefit, 'forecast', '758263');
    await set(setup, 'forecast', '213913');
    await set(running, 'plan', '204750');
    await set(running, 'forecast', '206310');
    // Before: reference 541,000 (targets only) vs estimate 338,040 → red. Per line: 336,250 → green.
    expect((await api.call('value:get', { measureId: m.id })).potential).toMatchObject({ status: 'green', derived: 'green' });
    expect((await api.call('measures:get', { id: m.id })).potentialStatus).toBe('green');
    // The untargeted cost far over its plan is a real shortfall: red.
    await set(running, 'forecast', '600000');
    expect((await api.call('measures:get', { id: m.id })).potentialStatus).toBe('red');
    await set(running, 'forecast', '206310');
    // Locked at DI3, the running cost's reference is its baseline (204,750): a later plan of 0 changes nothing.
    api.session.act('DI3', (w, db) => writeMeasureColumns(w, db, m.id, { di_level: 3 }, { actor: w.actor }));
    await set(running, 'plan', '0');
    const facts = statusFacts(api.session.db(), [m.id], today())[0]!;
    expect(facts).toMatchObject({ reference: (761000 - 220000 - 204750) * 100, estimate: (758263 - 213913 - 206310) * 100 });
    expect((await api.call('measures:get', { id: m.id })).potentialStatus).toBe('green');
  });
});

describe('status engine', () => {
  it('shows the statuses value:get derives on every surface of a fresh demo, before anyone opens the dashboard', async () => {
    const { api, dir } = await demo();
    expect(await disagreements(api, dir)).toEqual([]);
    expect(cacheDrift(api)).toEqual([]);
    // The cache is the system's: no status was ever logged as a change.
    const logged = api.session.db().prepare("SELECT count(*) AS n FROM change_log WHERE tbl = 'measures' AND col IN ('implementation_status', 'potential_status')").get();
    expect(logged).toEqual({ n: 0 });
  });

  it('opening the dashboard, a roll-up by status or an export writes nothing (no change, no undo step)', async () => {
    const { api, dir } = await demo();
    const before = { log: logCount(api), undo: await api.call('history:state', {}) };
    const seen = changes(api);
    await api.call('value:dashboard', {});
    await api.call('value:rollup', { by: ['implementation', 'potential'] });
    await api.call('measures:export', { path: join(dir, 'x.csv'), format: 'csv' });
    expect({ log: logCount(api), undo: await api.call('history:state', {}) }).toEqual(before);
    expect(seen).toEqual([]);
  });

  it('re-derives a measure in the action that makes its milestone overdue, says so in the change event, and undo / redo follow', async () => {
    const { api } = await demo();
    const m = await blankMeasure(api);
    expect(m).toMatchObject({ implementationStatus: 'grey' });
    const seen = changes(api);
    const ms = await api.call('milestones:create', { measureId: m.id, title: 'Kick-off', dueDate: addDays(today(), 3) });
    expect((await api.call('measures:get', { id: m.id })).implementationStatus).toBe('green');
    expect(seen.at(-1)).toMatchObject({ tables: expect.arrayContaining(['milestones', 'measures']), rows: { measures: [m.id] } });
    await api.call('milestones:update', { id: ms.id, dueDate: addDays(today(), -1) });
    expect((await api.call('measures:list', { ids: [m.id] }))[0]!.implementationStatus).toBe('red');
    expect((await api.call('value:get', { measureId: m.id })).implementation).toMatchObject({ status: 'red', derived: 'red' });
    // The history shows the person's milestone edit, never a status "edit".
    const history = await api.call('measures:history', { id: m.id });
    expect(history.some((h) => h.field === 'implementation_status' || h.field === 'potential_status')).toBe(false);
    expect(history[0]).toMatchObject({ table: 'milestones', field: 'due_date' });
    await api.call('history:undo', {});
    expect((await api.call('measures:get', { id: m.id })).implementationStatus).toBe('green');
    await api.call('history:redo', {});
    expect((await api.call('measures:get', { id: m.id })).implementationStatus).toBe('red');
    expect(cacheDrift(api)).toEqual([]);
  });

  it('brings statuses up to a new local day on the next call (and on the timer), emitting clock:day', async () => {
    const base = today();
    setClock(base);
    const { api } = await demo();
    const m = await blankMeasure(api);
    await api.call('milestones:create', { measureId: m.id, title: 'Due tomorrow', dueDate: addDays(base, 1) });
    expect((await api.call('measures:get', { id: m.id })).implementationStatus).toBe('green');
    const days: string[] = [];
    cleanups.push(api.session.on('clock:day', (e) => days.push(e.today)));
    const seen = changes(api);
    setClock(addDays(base, 2));
    expect((await api.call('measures:get', { id: m.id })).implementationStatus).toBe('red');
    expect(days).toEqual([addDays(base, 2)]);
    expect(seen.at(-1)).toMatchObject({ tables: ['measures'], rows: { measures: expect.arrayContaining([m.id]) } });
    expect(cacheDrift(api)).toEqual([]);
    // Nobody calls overnight: the session's timer runs the same check.
    setClock(addDays(base, 40));
    api.session.checkDay();
    expect(days).toEqual([addDays(base, 2), addDays(base, 40)]);
    // 40 days without a report: stale, grey everywhere.
    expect((await api.call('measures:get', { id: m.id })).implementationStatus).toBe('grey');
    expect(cacheDrift(api)).toEqual([]);
  });

  it('re-derives every measure when the tolerance changes, and keeps manual statuses until cleared', async () => {
    const { api, dir } = await demo();
    await api.call('value:setSettings', { tolerancePct: 0 });
    expect(cacheDrift(api)).toEqual([]);
    const m = (await api.call('measures:list', {})).find((x) => x.potentialStatus === 'red')!;
    await api.call('value:setOverride', { measureId: m.id, kind: 'potential', status: 'amber', reason: 'Deal signed next week' });
    expect((await api.call('measures:get', { id: m.id })).potentialStatus).toBe('amber');
    const history = await api.call('measures:history', { id: m.id });
    expect(history.find((h) => h.table === 'status_overrides' && h.field === 'status')).toMatchObject({ label: 'Potential status (manual)', newText: 'Amber' });
    await api.call('value:clearOverride', { measureId: m.id, kind: 'potential' });
    expect((await api.call('measures:get', { id: m.id })).potentialStatus).toBe('red');
    expect((await api.call('measures:history', { id: m.id }))[0]).toMatchObject({ label: 'Potential status', newText: 'back to derived' });
    expect(await disagreements(api, dir)).toEqual([]);
  });

  it('re-derives on the receiving copy after a sync import', async () => {
    const a = await demo();
    const copy = join(a.dir, 'bea.steerco');
    await a.api.call('members:add', { name: 'Bea', out: copy });
    const b = createApi({ configDir: join(a.dir, 'bea-config'), version: 'test' });
    cleanups.unshift(() => b.close());
    await b.call('workspace:open', { path: copy });
    const m = (await a.api.call('measures:list', {})).find((x) => x.implementationStatus === 'green')!;
    await a.api.call('milestones:create', { measureId: m.id, title: 'Missed', dueDate: addDays(today(), -2) });
    expect((await a.api.call('measures:get', { id: m.id })).implementationStatus).toBe('red');
    const share = join(a.dir, 'share');
    await a.api.call('sync:export', { dir: share });
    const seen: Events['workspace:changed'][] = [];
    cleanups.push(b.session.on('workspace:changed', (e) => seen.push(e)));
    await b.call('sync:import', { paths: [share] });
    expect((await b.call('measures:get', { id: m.id })).implementationStatus).toBe('red');
    expect(seen.at(-1)?.tables).toContain('measures');
    expect(await disagreements(b, a.dir)).toEqual([]);
  });

  it('ignores statuses older versions logged as edits: not in the history, skipped by undo', async () => {
    const { api } = await demo();
    const db = api.session.db();
    const m = (await api.call('measures:list', {})).find((x) => x.implementationStatus !== 'red')!;
    const person = (await api.call('people:list', {}))[0]!;
    // What a schema-9 copy wrote when someone opened the dashboard: a logged status change in an undoable action.
    const tx = 'legacy-refresh';
    const key = rowKeyOf(db, 'measures', m.id).key;
    db.transaction(() => {
      for (const [col, value] of [['title', 'Old title'], ['implementation_status', 'red']] as const) {
        appendChange(db, { hlc: clockOf(db).tick(), replica: replicaId(db), tbl: 'measures', rowId: m.id, col, value: JSON.stringify(value), oldValue: JSON.stringify(col === 'title' ? m.title : m.implementationStatus), base: null, actor: person.id, tx, key });
      }
      db.prepare('UPDATE measures SET title = ? WHERE id = ?').run('Old title', m.id);
      const seq = db.prepare('SELECT min(seq) AS a, max(seq) AS b FROM change_log WHERE tx = ?').get(tx) as { a: number; b: number };
      db.prepare("INSERT INTO undo_entries (tx, label, actor, state, at, first_seq, last_seq) VALUES (?, 'Refresh statuses', ?, 'done', '', ?, ?)").run(tx, person.id, seq.a, seq.b);
    })();
    const history = await api.call('measures:history', { id: m.id });
    expect(history.map((h) => h.field)).toContain('title');
    expect(history.map((h) => h.field)).not.toContain('implementation_status');
    await api.call('history:undo', {});
    expect(await api.call('measures:get', { id: m.id })).toMatchObject({ title: m.title, implementationStatus: m.implementationStatus });
    expect(cacheDrift(api)).toEqual([]);
  });
});
