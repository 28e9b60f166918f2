import type { Database } from 'better-sqlite3';
import type { ActionItem, Decision, DecisionLink, Meeting } from '../../preload/contract/raid-types.js';

type MeetingRow = Omit<Meeting, 'attendees' | 'attendeeNames'> & { attendees: string };

const MEETING_SELECT = `
  SELECT g.id, g.title, g.date, g.status, g.attendees, g.agenda,
         (SELECT count(*) FROM decisions d WHERE d.meeting_id = g.id AND d.deleted = 0) AS decisionCount,
         (SELECT count(*) FROM actions a WHERE a.meeting_id = g.id AND a.deleted = 0 AND a.status IN ('open','in_progress')) AS openActionCount
  FROM meetings g`;

function toMeeting(db: Database, r: MeetingRow): Meeting {
  const attendees = JSON.parse(r.attendees) as string[];
  const names = db.prepare('SELECT id, name FROM people WHERE id IN (SELECT value FROM json_each(?))').all(r.attendees) as { id: string; name: string }[];
  const byId = new Map(names.map((p) => [p.id, p.name]));
  return { ...r, attendees, attendeeNames: attendees.map((a) => byId.get(a) ?? '(removed)') };
}

/** Meetings, latest first. */
export function listMeetings(db: Database): Meeting[] {
  return (db.prepare(`${MEETING_SELECT} WHERE g.deleted = 0 ORDER BY g.date DESC, g.title`).all() as MeetingRow[]).map((r) => toMeeting(db, r));
}

export function getMeeting(db: Database, id: string): Meeting | undefined {
  const r = db.prepare(`${MEETING_SELECT} WHERE g.id = ? AND g.deleted = 0`).get(id) as MeetingRow | undefined;
  return r && toMeeting(db, r);
}

/** The latest meeting before this one (by date), for the follow-up of its actions. */
export function previousMeeting(db: Database, m: Meeting): Meeting | undefined {
  const r = db
    .prepare(`${MEETING_SELECT} WHERE g.deleted = 0 AND g.id <> ? AND (g.date < ? OR (g.date = ? AND g.title < ?)) ORDER BY g.date DESC, g.title DESC LIMIT 1`)
    .get(m.id, m.date, m.date, m.title) as MeetingRow | undefined;
  return r && toMeeting(db, r);
}

const DECISION_SELECT = `
  SELECT d.id, d.code, d.meeting_id AS meetingId, g.title AS meetingTitle, d.text, d.decided_by AS decidedBy, d.date, d.status,
         (SELECT json_group_array(json_object('kind', l.target_kind, 'id', l.target_id,
                   'label', coalesce(m.code || ' ' || m.title, r.code || ' ' || r.title, l.target_id)))
            FROM decision_links l
            LEFT JOIN measures m ON l.target_kind = 'measure' AND m.id = l.target_id
            LEFT JOIN raid_items r ON l.target_kind = 'raid_item' AND r.id = l.target_id
           WHERE l.decision_id = d.id AND l.deleted = 0) AS links
  FROM decisions d LEFT JOIN meetings g ON g.id = d.meeting_id`;

/** The decision log, newest first; `query` matches text, who decided, code and linked labels. */
export function listDecisions(db: Database, f: { query?: string; measureId?: string; meetingId?: string } = {}): Decision[] {
  const rows = db
    .prepare(
      `SELECT * FROM (${DECISION_SELECT} WHERE d.deleted = 0
         AND (:meeting IS NULL OR d.meeting_id = :meeting)
         AND (:measure IS NULL OR EXISTS (SELECT 1 FROM decision_links l WHERE l.decision_id = d.id AND l.deleted = 0
                                          AND l.target_kind = 'measure' AND l.target_id = :measure)))
       WHERE :q IS NULL OR instr(lower(text || ' ' || decidedBy || ' ' || code || ' ' || coalesce(meetingTitle, '') || ' ' || links), lower(:q)) > 0
       ORDER BY date DESC, code DESC`,
    )
    .all({ meeting: f.meetingId ?? null, measure: f.measureId ?? null, q: f.query?.trim() ? f.query.trim() : null }) as (Omit<Decision, 'links'> & {
    links: string;
  })[];
  return rows.map((r) => ({ ...r, links: JSON.parse(r.links) as DecisionLink[] }));
}

export function nextCode(db: Database, table: 'decisions' | 'actions', prefix: string): string {
  const r = db.prepare(`SELECT max(CAST(substr(code, 3) AS INTEGER)) AS n FROM ${table} WHERE code GLOB ? || '-[0-9]*'`).get(prefix) as { n: number | null };
  return `${prefix}-${String((r.n ?? 0) + 1).padStart(4, '0')}`;
}

const ACTION_SELECT = `
  SELECT a.id, a.code, a.meeting_id AS meetingId, g.title AS meetingTitle, a.title, a.owner_id AS ownerId, p.name AS owner,
         a.due_date AS dueDate, a.status
  FROM actions a LEFT JOIN meetings g ON g.id = a.meeting_id LEFT JOIN people p ON p.id = a.owner_id`;

export function listActions(db: Database, f: { meetingId?: string; openOnly?: boolean; id?: string } = {}): Omit<ActionItem, 'overdue'>[] {
  return db
    .prepare(
      `${ACTION_SELECT} WHERE a.deleted = 0 AND (:meeting IS NULL OR a.meeting_id = :meeting) AND (:id IS NULL OR a.id = :id)
         AND (:open = 0 OR a.status IN ('open','in_progress'))
       ORDER BY a.due_date IS NULL, a.due_date, a.code`,
    )
    .all({ meeting: f.meetingId ?? null, open: f.openOnly ? 1 : 0, id: f.id ?? null }) as Omit<ActionItem, 'overdue'>[];
}
