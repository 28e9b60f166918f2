import type { Database } from 'better-sqlite3';

/** The facts of a measure that dependency flags are computed from. */
export interface MeasureFact {
  id: string;
  code: string;
  title: string;
  function: string;
  dueDate: string | null;
  diLevel: number;
  lifecycle: string;
  implementationStatus: string;
}

export interface DependencyRow {
  id: string;
  measureId: string;
  onMeasureId: string | null;
  externalParty: string | null;
  description: string;
  neededBy: string | null;
  status: 'open' | 'resolved';
}

const DEP_SELECT = `SELECT d.id, d.measure_id AS measureId, d.on_measure_id AS onMeasureId, d.external_party AS externalParty,
       d.description, d.needed_by AS neededBy, d.status FROM dependencies d`;

/**
 * Live dependencies between live measures (and on external parties). A dependency whose
 * measure was deleted no longer counts.
 */
export function listDependencies(db: Database): DependencyRow[] {
  return db
    .prepare(
      `${DEP_SELECT}
       JOIN measures m ON m.id = d.measure_id AND m.deleted = 0
       LEFT JOIN measures u ON u.id = d.on_measure_id
       WHERE d.deleted = 0 AND (d.on_measure_id IS NULL OR u.deleted = 0)`,
    )
    .all() as DependencyRow[];
}

export function getDependency(db: Database, id: string): DependencyRow | undefined {
  return db.prepare(`${DEP_SELECT} WHERE d.id = ? AND d.deleted = 0`).get(id) as DependencyRow | undefined;
}

export function findDependency(db: Database, measureId: string, onMeasureId: string | null, externalParty: string | null): DependencyRow | undefined {
  return db
    .prepare(
      `${DEP_SELECT} WHERE d.deleted = 0 AND d.measure_id = ? AND d.on_measure_id IS ? AND (d.external_party IS ? COLLATE NOCASE)`,
    )
    .get(measureId, onMeasureId, externalParty) as DependencyRow | undefined;
}

/** Measures by id, including deleted ones flagged, so a refusal can say why. */
export function measureFacts(db: Database, ids?: string[]): Map<string, MeasureFact & { deleted: number }> {
  const sql = `SELECT id, code, title, function, due_date AS dueDate, di_level AS diLevel, lifecycle,
                      implementation_status AS implementationStatus, deleted FROM measures`;
  const rows = (ids ? db.prepare(`${sql} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) : db.prepare(`${sql} WHERE deleted = 0`).all()) as (MeasureFact & {
    deleted: number;
  })[];
  return new Map(rows.map((r) => [r.id, r]));
}
