import { NotFoundError, ValidationError } from '../../db/errors.js';
import { getMeeting, listActions, listDecisions, listMeetings, nextCode, previousMeeting } from '../../db/repositories/meetings.js';
import type { ActionItem, Meeting } from '../../preload/contract.js';
import { resolvePerson } from '../domain/measures.js';
import type { Handlers } from './handlers.js';
import { peopleRefs } from './measure-edits.js';
import { today } from './raid-common.js';
import type { ApiSession } from './session.js';

type K =
  | 'meetings:list'
  | 'meetings:get'
  | 'meetings:create'
  | 'meetings:update'
  | 'decisions:create'
  | 'decisions:list'
  | 'measures:decisions'
  | 'actions:create'
  | 'actions:update'
  | 'actions:list';

const LINK_TABLES = { measure: 'measures', raid_item: 'raid_items', gate_request: 'gate_requests' } as const;

export function meetingHandlers(s: ApiSession): Pick<Handlers, K> {
  const mustMeeting = (id: string): Meeting => {
    const m = getMeeting(s.db(), id);
    if (!m) throw new NotFoundError(`No meeting ${id} (it may have been deleted).`);
    return m;
  };
  const flagged = (a: Omit<ActionItem, 'overdue'>): ActionItem => {
    const day = today();
    return { ...a, overdue: (a.status === 'open' || a.status === 'in_progress') && !!a.dueDate && a.dueDate < day };
  };
  const mustAction = (id: string): ActionItem => {
    const a = listActions(s.db(), { id })[0];
    if (!a) throw new NotFoundError(`No action ${id} (it may have been deleted).`);
    return flagged(a);
  };
  const ownerId = (owner: string): string => {
    if (!owner.trim()) throw new ValidationError('An action needs an owner: choose who will do it.', [{ field: 'owner', message: 'Owner: is required' }]);
    const r = resolvePerson(owner, peopleRefs(s));
    if ('error' in r) throw new ValidationError(`Owner: ${r.error}`, [{ field: 'owner', message: `Owner: ${r.error}` }]);
    return r.id;
  };
  const checkAttendees = (ids: string[]) => {
    const known = new Set(peopleRefs(s).map((p) => p.id));
    const unknown = ids.filter((i) => !known.has(i));
    if (unknown.length) throw new ValidationError(`Unknown attendee${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, [{ field: 'attendees', message: 'unknown person' }]);
  };
  return {
    'meetings:list': () => listMeetings(s.db()),
    'meetings:get': ({ id }) => {
      const db = s.db();
      const meeting = mustMeeting(id);
      const prev = previousMeeting(db, meeting);
      return {
        meeting,
        decisions: listDecisions(db, { meetingId: id }),
        actions: listActions(db, { meetingId: id }).map(flagged),
        previous: prev ? { id: prev.id, title: prev.title, date: prev.date } : null,
        followUp: prev ? listActions(db, { meetingId: prev.id, openOnly: true }).map(flagged) : [],
      };
    },
    'meetings:create': ({ title, date, agenda, attendees }) => {
      checkAttendees(attendees ?? []);
      const { value } = s.act(`Add meeting ${title}`, (w) =>
        w.insert('meetings', { title, date, status: 'planned', agenda: agenda ?? '', attendees: JSON.stringify(attendees ?? []) }),
      );
      return mustMeeting(value);
    },
    'meetings:update': ({ id, title, date, status, agenda, attendees }) => {
      const m = mustMeeting(id);
      if (attendees) checkAttendees(attendees);
      const cols: Record<string, string> = {};
      if (title !== undefined) cols.title = title;
      if (date !== undefined) cols.date = date;
      if (status !== undefined) cols.status = status;
      if (agenda !== undefined) cols.agenda = agenda;
      if (attendees !== undefined) cols.attendees = JSON.stringify(attendees);
      s.act(`Edit meeting ${m.title}`, (w) => w.update('meetings', id, cols));
      return mustMeeting(id);
    },
    'decisions:create': ({ meetingId, text, decidedBy, date, links }) => {
      const db = s.db();
      const m = mustMeeting(meetingId);
      if (m.status === 'closed') {
        throw new ValidationError(`"${m.title}" is closed: its minutes are final. Record the decision in an open meeting, or reopen this one.`, [
          { field: 'meetingId', message: 'meeting closed' },
        ]);
      }
      for (const l of links ?? []) {
        const table = LINK_TABLES[l.kind];
        const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
        const row = exists ? db.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND deleted = 0`).get(l.id) : undefined;
        if (!row) throw new ValidationError(`The decision links a ${l.kind.replace('_', ' ')} that does not exist (${l.id}).`, [{ field: 'links', message: 'unknown link' }]);
      }
      const { value } = s.act(`Record decision in ${m.title}`, (w) => {
        const id = w.insert('decisions', { code: nextCode(db, 'decisions', 'D'), meeting_id: meetingId, text, decided_by: decidedBy ?? '', date: date ?? m.date });
        for (const l of links ?? []) w.insert('decision_links', { decision_id: id, target_kind: l.kind, target_id: l.id });
        return id;
      });
      return listDecisions(db, { meetingId }).find((d) => d.id === value)!;
    },
    'decisions:list': (f) => listDecisions(s.db(), f),
    'measures:decisions': ({ id }) => listDecisions(s.db(), { measureId: id }),
    'actions:create': ({ meetingId, title, owner, dueDate }) => {
      const db = s.db();
      if (meetingId) mustMeeting(meetingId);
      const owner_id = ownerId(owner);
      const { value } = s.act(`Add action ${title}`, (w) =>
        w.insert('actions', { code: nextCode(db, 'actions', 'A'), meeting_id: meetingId ?? null, title, owner_id, due_date: dueDate ?? null, status: 'open' }),
      );
      return mustAction(value);
    },
    'actions:update': ({ id, title, owner, dueDate, status }) => {
      const a = mustAction(id);
      const cols: Record<string, string | null> = {};
      if (title !== undefined) cols.title = title;
      if (owner !== undefined) cols.owner_id = ownerId(owner);
      if (dueDate !== undefined) cols.due_date = dueDate;
      if (status !== undefined) cols.status = status;
      s.act(`Edit action ${a.code}`, (w) => w.update('actions', id, cols));
      return mustAction(id);
    },
    'actions:list': ({ meetingId, openOnly }) => listActions(s.db(), { meetingId, openOnly }).map(flagged),
  };
}
