import type { Database } from 'better-sqlite3';
import type { Milestone } from '../../preload/contract/grid-types.js';
import { cachedStatement } from '../statements.js';

const SELECT = `SELECT ms.id, ms.measure_id AS measureId, ms.title, ms.owner_id AS ownerId, p.name AS owner,
    ms.due_date AS dueDate, ms.done, ms.done_date AS doneDate, ms.sort_order AS sortOrder
  FROM milestones ms LEFT JOIN people p ON p.id = ms.owner_id`;

type Row = Omit<Milestone, 'done'> & { done: number };
const toMilestone = (r: Row): Milestone => ({ ...r, done: r.done === 1 });

export function listMilestones(db: Database, measureId: string): Milestone[] {
  return (cachedStatement(db, `${SELECT} WHERE ms.measure_id = ? AND ms.deleted = 0 ORDER BY ms.sort_order, ms.due_date`).all(measureId) as Row[]).map(toMilestone);
}

export function getMilestone(db: Database, id: string): Milestone | undefined {
  const r = cachedStatement(db, `${SELECT} WHERE ms.id = ? AND ms.deleted = 0`).get(id) as Row | undefined;
  return r && toMilestone(r);
}
