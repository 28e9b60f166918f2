import type { Database } from 'better-sqlite3';
import { cachedStatement } from '../statements.js';
import { SIGN_SQL, VALUE_TYPES_SQL } from './value-rollup.js';

/**
 * The evidence behind "What evidence proves the model is working?": per measure, whether it
 * has gate or closure evidence (files, links, notes), controller-validated actuals, and the
 * controller's value confirmation; and the validated actual benefits and costs.
 */
export interface EvidenceSets {
  documented: Set<string>;
  validated: Set<string>;
  confirmed: Set<string>;
}

export function evidenceSets(db: Database): EvidenceSets {
  const ids = (sql: string) => new Set((cachedStatement(db, sql).all() as { id: string }[]).map((r) => r.id));
  return {
    documented: ids('SELECT DISTINCT measure_id AS id FROM gate_evidence WHERE deleted = 0'),
    validated: ids("SELECT DISTINCT measure_id AS id FROM value_validations WHERE state = 'validated' AND deleted = 0"),
    confirmed: ids("SELECT DISTINCT measure_id AS id FROM gate_attestations WHERE key = 'value_confirmed' AND deleted = 0"),
  };
}

/**
 * Actual benefits and costs (both positive minor units) in the months a controller validated,
 * per measure. Read from the validated months, so the cost follows them, not every value.
 */
export function validatedActuals(db: Database): Map<string, { benefits: number; costs: number }> {
  const rows = cachedStatement(
    db,
    `SELECT vv.measure_id AS id,
            coalesce(sum(CASE WHEN l.sg > 0 THEN v.actual END), 0) AS benefits,
            coalesce(sum(CASE WHEN l.sg < 0 THEN v.actual END), 0) AS costs
     FROM (SELECT DISTINCT measure_id, period FROM value_validations WHERE state = 'validated' AND deleted = 0) vv
     JOIN (SELECT l.id, l.measure_id, ${SIGN_SQL} AS sg FROM effect_lines l WHERE l.deleted = 0 AND l.type IN ${VALUE_TYPES_SQL}) l ON l.measure_id = vv.measure_id
     JOIN effect_values v ON v.line_id = l.id AND v.period = vv.period AND v.deleted = 0 AND v.actual IS NOT NULL
     GROUP BY vv.measure_id`,
  ).all() as { id: string; benefits: number; costs: number }[];
  return new Map(rows.map((r) => [r.id, { benefits: r.benefits, costs: r.costs }]));
}
