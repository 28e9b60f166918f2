import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from './migrate.js';

describe('migration 0006 (RAID)', () => {
  it('keeps dependencies written before it, as open with no needed-by date, and seeds the escalation rules', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, 5);
    db.exec(`INSERT INTO nodes (id, level, name) VALUES ('n', 'package', 'P');
             INSERT INTO measures (id, code, node_id, title) VALUES ('a', 'M-0001', 'n', 'A'), ('b', 'M-0002', 'n', 'B');
             INSERT INTO dependencies (id, measure_id, on_measure_id) VALUES ('d', 'a', 'b');`);
    migrate(db);
    expect(db.prepare('SELECT measure_id, on_measure_id, needed_by, status FROM dependencies').all()).toEqual([
      { measure_id: 'a', on_measure_id: 'b', needed_by: null, status: 'open' },
    ]);
    expect((db.prepare('SELECT key FROM escalation_rules ORDER BY rowid').all() as { key: string }[]).map((r) => r.key)).toEqual([
      'red_status',
      'approval_age',
      'dependency_overdue',
      'raid_overdue',
      'raid_stale',
    ]);
    expect(() => db.prepare("INSERT INTO actions (id, code, title, owner_id) VALUES ('x', 'A-1', 'No owner', NULL)").run()).toThrow(/NOT NULL/);
    db.close();
  });
});
