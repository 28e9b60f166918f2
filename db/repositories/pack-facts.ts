import type { Database } from 'better-sqlite3';
import type { FactMeasure, FactMilestone, FactRaid } from '../../preload/contract/pack-facts.js';

/**
 * SQL reads behind a steering pack, all limited to a scope: the measures whose package is
 * in `nodeIds` (null = the whole workspace). Aggregates run in SQLite, not in JS loops.
 */
const SCOPE = `(SELECT m.id FROM measures m WHERE m.deleted = 0 AND (@scope IS NULL OR m.node_id IN (SELECT value FROM json_each(@scope))))`;

const scopeArg = (nodeIds: string[] | null): string | null => (nodeIds ? JSON.stringify(nodeIds) : null);

export function scopeMeasures(db: Database, nodeIds: string[] | null): FactMeasure[] {
  return db
    .prepare(
      `SELECT m.id, m.code, m.title, o.name AS owner, s.name AS sponsor, m.function,
              coalesce(prj.name, '') AS workstream, m.di_level AS diLevel, m.lifecycle,
              m.implementation_status AS implementationStatus, m.potential_status AS potentialStatus, m.due_date AS dueDate
       FROM measures m
       JOIN nodes pkg ON pkg.id = m.node_id
       LEFT JOIN nodes prj ON prj.id = pkg.parent_id AND prj.level = 'project'
       LEFT JOIN people o ON o.id = m.owner_id
       LEFT JOIN people s ON s.id = m.sponsor_id
       WHERE m.id IN ${SCOPE}
       ORDER BY m.code`,
    )
    .all({ scope: scopeArg(nodeIds) }) as FactMeasure[];
}

/**
 * Open milestones with a plan date on or before `to` (overdue ones included), or forecast by
 * then, of measures that are still going (cancelled and closed work is not forward-looking).
 */
export function milestonesDue(db: Database, nodeIds: string[] | null, to: string): FactMilestone[] {
  return db
    .prepare(
      `SELECT m.code AS measureCode, m.title AS measureTitle, m.lifecycle, ms.title, p.name AS owner, ms.due_date AS dueDate,
              ms.forecast_date AS forecastDate, m.implementation_status AS status
       FROM milestones ms JOIN measures m ON m.id = ms.measure_id
       LEFT JOIN people p ON p.id = coalesce(ms.owner_id, m.owner_id)
       WHERE ms.deleted = 0 AND ms.done = 0 AND ms.measure_id IN ${SCOPE}
         AND m.lifecycle NOT IN ('cancelled', 'closed') AND ms.due_date IS NOT NULL
         AND (ms.due_date <= @to OR ms.forecast_date <= @to)
       ORDER BY ms.due_date, m.code, ms.sort_order`,
    )
    .all({ scope: scopeArg(nodeIds), to }) as FactMilestone[];
}

/** RAID items on measures in scope or on nodes in scope. */
export function raidItems(db: Database, nodeIds: string[] | null): FactRaid[] {
  const rows = db
    .prepare(
      `SELECT r.id, r.code, r.kind, r.title, p.name AS owner, r.impact, r.probability, r.status, r.escalated,
              r.escalation_level AS escalationLevel, r.next_action AS nextAction, r.due_date AS dueDate,
              r.measure_id AS measureId, m.code AS measureCode
       FROM raid_items r LEFT JOIN measures m ON m.id = r.measure_id LEFT JOIN people p ON p.id = r.owner_id
       WHERE r.deleted = 0 AND (@scope IS NULL OR r.measure_id IN ${SCOPE} OR r.node_id IN (SELECT value FROM json_each(@scope)))
       ORDER BY r.code`,
    )
    .all({ scope: scopeArg(nodeIds) }) as (Omit<FactRaid, 'escalated'> & { escalated: number })[];
  return rows.map((r) => ({ ...r, escalated: r.escalated === 1 }));
}
