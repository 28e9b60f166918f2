import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { rollup } from './value-rollup.js';
import { statusFacts } from './value-status.js';

/** 0005 builds its cube and per-measure totals from the effect values already in the file. */
describe('migration 0005_value', () => {
  it('backfills the roll-up cube and totals from existing rows, equal to the detail aggregate', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, 4);
    db.exec(`
      INSERT INTO nodes (id, parent_id, level, name) VALUES ('o', NULL, 'organization', 'Org'), ('k', 'o', 'package', 'K');
      INSERT INTO measures (id, code, node_id, title, di_level, lifecycle, function) VALUES
        ('m1', 'M-0001', 'k', 'A', 2, 'active', 'Sales'), ('m2', 'M-0002', 'k', 'B', 4, 'on_hold', 'IT'), ('m3', 'M-0003', 'k', 'C', 1, 'cancelled', 'IT');
      INSERT INTO effect_lines (id, measure_id, type, target) VALUES ('l1', 'm1', 'recurring_benefit', 100000), ('l2', 'm1', 'one_time_cost', NULL),
        ('l3', 'm2', 'recurring_benefit', NULL), ('l4', 'm3', 'capex', NULL), ('l5', 'm1', 'billing_leakage', NULL);
      INSERT INTO effect_values (id, line_id, period, plan, forecast, actual) VALUES
        ('l1:2026-01', 'l1', '2026-01', 10, 20, 30), ('l1:2026-02', 'l1', '2026-02', 1000000000000, NULL, 5),
        ('l2:2026-01', 'l2', '2026-01', 7, 7, NULL), ('l3:2026-01', 'l3', '2026-01', 500, 400, 300),
        ('l4:2026-01', 'l4', '2026-01', 9, 9, 9), ('l5:2026-01', 'l5', '2026-01', 99, 99, 99);
    `);
    migrate(db);
    for (const by of [[], ['di'], ['di', 'function', 'period'], ['measure'], ['lifecycle']] as const) {
      const q = { by: [...by], runRatePeriod: '2026-02' };
      expect(rollup(db, q)).toEqual(rollup(db, q, { detail: true }));
    }
    const [total] = rollup(db, { by: [], runRatePeriod: '2026-02' });
    // m1: 10 + 10^12 − 7; m2 on hold: plan 500 counted; m3 cancelled and billing leakage left out.
    expect(total!.plan).toBe(10 + 1000000000000 - 7 + 500);
    expect(total!.forecast).toBe(20 - 7);
    const m1 = statusFacts(db, ['m1'], '2026-06-01')[0]!;
    // Reference per line: l1's target, l2's plan (no target); estimate: actual else forecast.
    expect(m1).toMatchObject({ reference: 100000 - 7, estimate: 30 + 5 - 7 });
  });
});
