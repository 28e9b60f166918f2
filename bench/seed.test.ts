import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../db/connection.js';
import { validateMeasurePatch } from '../main/domain/measures.js';
import { DEFAULT_ROLES } from '../main/domain/roles.js';
import { planWorkspace, seedWorkspace } from './seed.js';

const dir = mkdtempSync(join(tmpdir(), 'steerco-seed-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('seedWorkspace', () => {
  it('writes the full hierarchy, people and measures through the change log', () => {
    const path = join(dir, 'seed.steerco');
    const report = seedWorkspace(path, { measures: 500, seed: 7 });
    expect(report.counts).toMatchObject({ organization: 1, portfolio: 2, program: 10, project: 100, package: 1000, people: 200, measures: 500 });

    const db = openWorkspace(path, { readonly: true });
    try {
      const q = <T>(sql: string) => db.prepare(sql).all() as T[];
      const levels = Object.fromEntries(q<{ level: string; n: number }>('SELECT level, count(*) AS n FROM nodes GROUP BY level').map((r) => [r.level, r.n]));
      expect(levels).toEqual({ organization: 1, portfolio: 2, program: 10, project: 100, package: 1000 });

      // Parents are exactly one level up; every measure sits in a package.
      expect(q(`SELECT c.id FROM nodes c LEFT JOIN nodes p ON p.id = c.parent_id
                WHERE (c.level = 'organization') <> (c.parent_id IS NULL)
                   OR (c.level = 'portfolio' AND p.level <> 'organization') OR (c.level = 'program' AND p.level <> 'portfolio')
                   OR (c.level = 'project' AND p.level <> 'program') OR (c.level = 'package' AND p.level <> 'project')`)).toEqual([]);
      expect(q<{ level: string; n: number }>('SELECT n.level, count(*) AS n FROM measures m JOIN nodes n ON n.id = m.node_id GROUP BY n.level')).toEqual([
        { level: 'package', n: 500 },
      ]);

      // Every role is held; owners, sponsors and dates are filled realistically.
      const roles = q<{ key: string }>('SELECT DISTINCT r.key FROM role_assignments a JOIN roles r ON r.id = a.role_id').map((r) => r.key);
      expect(roles.sort()).toEqual(DEFAULT_ROLES.map((r) => r.key).sort());
      expect(q('SELECT id FROM measures WHERE owner_id IS NULL OR sponsor_id IS NULL OR start_date IS NULL OR (due_date IS NOT NULL AND due_date < start_date)')).toEqual([]);
      expect(q<{ d: number }>('SELECT DISTINCT di_level AS d FROM measures ORDER BY d').map((r) => r.d)).toEqual([0, 1, 2, 3, 4, 5]);

      // The change log holds one change per written cell, all in the one seeding action.
      const log = db.prepare("SELECT count(*) AS n, count(DISTINCT tx) AS tx FROM change_log WHERE tbl = 'measures'").get() as { n: number; tx: number };
      expect(log.n).toBe(500 * 18); // 18 synced columns per measure (the statuses are derived, not logged)
      expect(log.tx).toBe(1);
      expect(report.counts.changes).toBeGreaterThan(log.n);
      // Every change carries its row's key in the log (cell heads are read from it).
      const keyed = db.prepare('SELECT count(*) AS n FROM change_log l JOIN change_rows r ON r.id = l.row_key AND r.tbl = l.tbl AND r.row_id = l.row_id').get() as { n: number };
      expect(keyed.n).toBe(report.counts.changes);
    } finally {
      db.close();
    }
  });

  it('is deterministic for a seed, different across seeds, and its hierarchy does not depend on the measure count', () => {
    const a = planWorkspace({ measures: 300, seed: 42 });
    const b = planWorkspace({ measures: 300, seed: 42 });
    expect(b).toEqual(a);
    expect(planWorkspace({ measures: 300, seed: 43 }).measures[0]).not.toEqual(a.measures[0]);
    const none = planWorkspace({ measures: 0, seed: 42 });
    expect(none.nodes).toEqual(a.nodes);
    expect(none.people).toEqual(a.people);
    expect(new Set(a.people.map((p) => p.name)).size).toBe(a.people.length);
  });

  it('plans measures that pass the grid validation rules', () => {
    const plan = planWorkspace({ measures: 200, seed: 3 });
    const people = plan.people.map((p) => ({ id: p.id, name: p.name }));
    for (const m of plan.measures) {
      const { issues } = validateMeasurePatch(
        null,
        { title: m.title, description: m.description, owner: m.owner_id, startDate: m.start_date, dueDate: m.due_date },
        people,
      );
      expect(issues).toEqual([]);
    }
  });
});
