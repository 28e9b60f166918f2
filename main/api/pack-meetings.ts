import type { Database } from '../../db/connection.js';
import { getMeeting, listActions, listDecisions, listMeetings as raidMeetings, previousMeeting } from '../../db/repositories/meetings.js';
import { listSnapshots } from '../../db/repositories/pack.js';
import type { FactAction, FactBlocked, FactDecision, FactEscalation, FactGateRequest } from '../../preload/contract/pack-facts.js';
import type { PackMeetingRef } from '../../preload/contract/pack-types.js';
import type { BlockedMeasure } from '../../preload/contract.js';
import { escalationHandlers } from './raid-escalations.js';
import { gateHandlers } from './gates.js';
import { today } from './raid-common.js';
import { day as shownDay } from '../domain/pack-format.js';
import type { ApiSession } from './session.js';

/** Meetings, decisions, actions and escalations for a pack, read through the RAID feature. */

export function meetingById(db: Database, id: string): { id: string; title: string; date: string; status: string } | null {
  const m = getMeeting(db, id);
  return m ? { id: m.id, title: m.title, date: m.date, status: m.status } : null;
}

/** Meetings a pack can be for, newest first, each with its frozen snapshot when held. */
export function listMeetings(db: Database): PackMeetingRef[] {
  const snaps = listSnapshots(db);
  return raidMeetings(db).map((m) => ({ id: m.id, title: m.title, date: m.date, snapshotId: snaps.find((x) => x.meetingId === m.id)?.id ?? null }));
}

/** The decision log, limited to decisions about the scope's measures (all of it for the whole program). */
export function scopeDecisions(db: Database, measureIds: Set<string> | null): FactDecision[] {
  return listDecisions(db)
    .filter((d) => !measureIds || d.links.some((l) => l.kind === 'measure' && measureIds.has(l.id)))
    .map((d) => ({ id: d.id, code: d.code, text: d.text, date: d.date, decidedBy: d.decidedBy, meetingTitle: d.meetingTitle, links: d.links.map((l) => l.label).join('; ') }));
}

/** Actions from the meeting before `meetingId` (before today without one), else every open action. */
export function lastMeetingActions(db: Database, meetingId: string | null, day: string, locale?: string | null): { from: string | null; items: FactAction[] } {
  const current = meetingId ? getMeeting(db, meetingId) : undefined;
  const prev = current ? previousMeeting(db, current) : raidMeetings(db).find((m) => m.date < day);
  const rows = prev ? listActions(db, { meetingId: prev.id }) : listActions(db, { openOnly: true });
  const items = rows.map((a) => ({
    code: a.code,
    title: a.title,
    owner: a.owner,
    dueDate: a.dueDate,
    status: a.status.replace('_', ' '),
    overdue: (a.status === 'open' || a.status === 'in_progress') && !!a.dueDate && a.dueDate < day,
  }));
  return { from: prev ? `${prev.title} (${shownDay(prev.date, locale)})` : null, items };
}

/** Open escalations about the scope: the RAID feature evaluates its rules and adds the ones escalated by hand. */
export async function scopeEscalations(s: ApiSession, measureIds: Set<string> | null, raidIds: Set<string>): Promise<FactEscalation[]> {
  const all = await escalationHandlers(s)['escalations:list']({ includeResolved: false });
  const due = new Map((s.db().prepare('SELECT id, due_date AS d FROM raid_items WHERE deleted = 0').all() as { id: string; d: string | null }[]).map((r) => [r.id, r.d]));
  return all
    .filter((e) => !measureIds || (e.measureId !== null && measureIds.has(e.measureId)) || (e.subjectKind === 'raid_item' && raidIds.has(e.subjectId)))
    .map((e) => ({
      subject: e.subject,
      measureId: e.measureId,
      level: e.level,
      ruleName: e.ruleName,
      reason: e.reason,
      raisedAt: e.raisedAt,
      dueDate: e.subjectKind === 'raid_item' ? (due.get(e.subjectId) ?? null) : null,
    }));
}

/** Gate requests waiting for approval on the scope's measures (the gates feature's inbox), oldest first. */
export async function pendingGateRequests(s: ApiSession, measureIds: Set<string> | null): Promise<FactGateRequest[]> {
  const inbox = await gateHandlers(s)['gates:inbox']({});
  return inbox
    .filter((r) => r.status === 'pending' && (!measureIds || measureIds.has(r.measureId)))
    .sort((a, b) => b.ageDays - a.ageDays)
    .map((r) => ({
      code: r.code,
      title: r.title,
      toLevel: r.toLevel,
      toName: r.toName,
      comment: r.comment,
      ageDays: r.ageDays,
      createdAt: r.createdAt,
      waitingFor: r.slots.filter((x) => !x.filledBy).map((x) => x.label),
    }));
}

/** Measures of the scope blocked by a late or red measure upstream, nearest culprit first (from the RAID feature's list). */
export function blockedMeasures(all: BlockedMeasure[], measureIds: Set<string> | null): FactBlocked[] {
  return all
    .filter((b) => !measureIds || measureIds.has(b.measure.id))
    .map((b) => ({
      code: b.measure.code,
      title: b.measure.title,
      depth: b.depth,
      culpritCode: b.culprit.code,
      culpritTitle: b.culprit.title,
      why: [b.culprit.late ? 'late' : '', b.culprit.red ? 'red' : ''].filter(Boolean).join(' and '),
      culpritDue: b.culprit.dueDate,
    }));
}

export { today };
