import type { Database } from '../../db/connection.js';
import { listRules } from '../../db/repositories/raid-escalations.js';
import type { RaidRow } from '../../db/repositories/raid.js';
import type { RaidItem } from '../../preload/contract.js';
import { isOverdue, isStale } from '../domain/escalations.js';

/** Today's date (local calendar) as YYYY-MM-DD: what "late", "overdue" and "stale" compare to. */
export { today } from '../../db/clock.js';

/** The stale limit in days: the raid_stale rule's threshold (also when the rule is disabled). */
export function staleDays(db: Database): number {
  return listRules(db).find((r) => r.key === 'raid_stale')?.threshold ?? 14;
}

export function withFlags(r: RaidRow, day: string, stale: number): RaidItem {
  return { ...r, escalated: r.escalated === 1, overdue: isOverdue(r, day), stale: isStale(r, day, stale) };
}
