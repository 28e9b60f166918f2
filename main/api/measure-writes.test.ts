import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../../db/changes.js';
import { isBaselineLocked } from '../../db/repositories/value.js';
import type { Api } from './index.js';
import { apiWithWorkspace } from './test-helpers.js';
import { writeMeasureColumns } from './measure-writes.js';

let api: Api;
let cleanup: () => void;
beforeEach(async () => ({ api, cleanup } = await apiWithWorkspace()));
afterEach(() => cleanup());

describe('measure writes shared by grid, CLI and gates', () => {
  it('keeps a status set by hand as a manual override with its reason', async () => {
    const m = (await api.call('measures:list', {})).find((x) => x.implementationStatus !== 'red')!;
    await api.call('measures:update', { id: m.id, patch: { implementationStatus: 'red' }, reason: 'Vendor slipped' });
    expect((await api.call('measures:get', { id: m.id })).implementationStatus).toBe('red');
    const overrides = api.session.db().prepare("SELECT status, reason FROM status_overrides WHERE measure_id = ? AND kind = 'implementation' AND deleted = 0").all(m.id);
    expect(overrides).toEqual([{ status: 'red', reason: 'Vendor slipped' }]);
    // One undo step takes the status and its override back.
    await api.call('history:undo', {});
    expect(api.session.db().prepare("SELECT count(*) AS n FROM status_overrides WHERE measure_id = ? AND deleted = 0 AND kind = 'implementation'").get(m.id)).toEqual({ n: 0 });
  });

  it('locks the plan as the baseline when a measure reaches DI3', async () => {
    const db = api.session.db();
    const m = (await api.call('measures:list', {})).find((x) => x.diLevel === 2)!;
    runAction(db, { actor: 't', label: 'plan' }, (w) => {
      const line = w.insert('effect_lines', { measure_id: m.id, type: 'recurring_benefit', label: 'Run-rate', target: 1200000 });
      w.insert('effect_values', { line_id: line, period: '2026-09', plan: 100000 }, `${line}:2026-09`);
    });
    db.prepare("UPDATE effect_values SET baseline = NULL WHERE line_id IN (SELECT id FROM effect_lines WHERE measure_id = ?)").run(m.id);
    expect(isBaselineLocked(db, m.id)).toBe(false);
    runAction(db, { actor: 't', label: 'DI3' }, (w) => writeMeasureColumns(w, db, m.id, { di_level: 3 }, { actor: 't' }));
    expect(isBaselineLocked(db, m.id)).toBe(true);
  });
});
