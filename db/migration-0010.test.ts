import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from './migrate.js';

const FROM_SCRATCH = `
  SELECT line_id, sum(coalesce(plan, 0)) AS plan, sum(coalesce(baseline, 0)) AS baseline, sum(coalesce(actual, forecast, 0)) AS estimate,
         sum(plan IS NOT NULL) AS n_plan, sum(baseline IS NOT NULL) AS n_baseline, sum(coalesce(actual, forecast) IS NOT NULL) AS n_estimate
  FROM effect_values WHERE deleted = 0 GROUP BY line_id ORDER BY line_id`;
// Lines whose values were all removed keep a row of zeros: the same as no row for every reader.
const KEPT = 'SELECT * FROM value_line_totals WHERE n_plan + n_baseline + n_estimate > 0 OR plan <> 0 OR baseline <> 0 OR estimate <> 0 ORDER BY line_id';

/** 0010 adds per-line totals, backfilled from the values already in the file and kept by triggers. */
describe('migration 0010_value_line_totals', () => {
  it('backfills line totals from existing rows and keeps them equal to the values through inserts, edits, soft and hard deletes', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, 9);
    db.exec(`
      INSERT INTO nodes (id, parent_id, level, name) VALUES ('o', NULL, 'organization', 'Org'), ('k', 'o', 'package', 'K');
      INSERT INTO measures (id, code, node_id, title) VALUES ('m1', 'M-0001', 'k', 'A');
      INSERT INTO effect_lines (id, measure_id, type, target) VALUES ('l1', 'm1', 'recurring_benefit', 1000), ('l2', 'm1', 'recurring_cost', NULL);
      INSERT INTO effect_values (id, line_id, period, plan, baseline, forecast, actual, deleted) VALUES
        ('l1:2026-01', 'l1', '2026-01', 10, 10, 20, 30, 0), ('l1:2026-02', 'l1', '2026-02', 40, NULL, 50, NULL, 0),
        ('l1:2026-03', 'l1', '2026-03', 99, 99, 99, 99, 1), ('l2:2026-01', 'l2', '2026-01', 7, NULL, NULL, NULL, 0);
    `);
    migrate(db);
    expect(db.prepare(KEPT).all()).toEqual(db.prepare(FROM_SCRATCH).all());
    expect(db.prepare("SELECT * FROM value_line_totals WHERE line_id = 'l1'").get()).toEqual({ line_id: 'l1', plan: 50, baseline: 10, estimate: 80, n_plan: 2, n_baseline: 1, n_estimate: 2 });
    db.exec(`
      UPDATE effect_values SET forecast = 5, actual = NULL WHERE id = 'l1:2026-01';
      UPDATE effect_values SET deleted = 0 WHERE id = 'l1:2026-03';
      UPDATE effect_values SET deleted = 1 WHERE id = 'l1:2026-02';
      UPDATE effect_values SET actual_validated = 1 WHERE id = 'l2:2026-01';
      INSERT INTO effect_values (id, line_id, period, plan, forecast) VALUES ('l2:2026-02', 'l2', '2026-02', NULL, 3), ('l3:2026-01', 'l1', '2026-04', 1, 1);
      DELETE FROM effect_values WHERE id = 'l2:2026-01';
    `);
    expect(db.prepare(KEPT).all()).toEqual(db.prepare(FROM_SCRATCH).all());
  });
});
