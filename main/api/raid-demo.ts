import { runAction, type Writer } from '../../db/changes.js';
import type { Database } from '../../db/connection.js';
import { nextCode } from '../../db/repositories/meetings.js';
import { insertRaid } from '../../db/repositories/raid.js';
import { DEMO_PEOPLE } from '../domain/demo.js';
import { DEMO_DEPENDENCIES, DEMO_MEETINGS, DEMO_RAID, DEMO_STATUS_REPORTS } from '../domain/demo-raid.js';
import { today } from './raid-common.js';

function shift(day: string, offset: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

/** Writes the demo RAID log, dependency chains, meetings and status reports (after seedDemo's measures). */
export function seedRaidDemo(db: Database, w: Writer): void {
  const day = today();
  const measures = new Map((db.prepare('SELECT id, title FROM measures WHERE deleted = 0').all() as { id: string; title: string }[]).map((m) => [m.title, m.id]));
  const peopleByName = new Map((db.prepare('SELECT id, name FROM people WHERE deleted = 0').all() as { id: string; name: string }[]).map((p) => [p.name, p.id]));
  const person = (key: string) => peopleByName.get(DEMO_PEOPLE.find((p) => p.key === key)?.name ?? '') ?? null;
  const measure = (title: string) => {
    const id = measures.get(title);
    if (!id) throw new Error(`Demo RAID refers to unknown measure "${title}"`);
    return id;
  };
  const raidIds = new Map<string, string>();
  for (const r of DEMO_RAID) {
    const id = insertRaid(w, db, {
      kind: r.kind,
      title: r.title,
      description: r.description,
      measure_id: r.measure ? measure(r.measure) : null,
      node_id: r.measure ? null : (db.prepare("SELECT id FROM nodes WHERE level = 'program' ORDER BY sort_order LIMIT 1").get() as { id: string }).id,
      owner_id: person(r.owner),
      impact: r.impact,
      probability: r.probability,
      next_action: r.nextAction,
      due_date: r.due === null ? null : shift(day, r.due),
      status: r.status,
      escalated: r.escalationLevel ? 1 : 0,
      escalation_level: r.escalationLevel,
      updated_at: `${shift(day, r.updated)}T09:00:00.000Z`,
    });
    raidIds.set(r.title, id);
  }
  for (const d of DEMO_DEPENDENCIES) {
    w.insert('dependencies', {
      measure_id: measure(d.measure),
      on_measure_id: d.on ? measure(d.on) : null,
      external_party: d.external,
      description: d.description,
      needed_by: d.neededBy === null ? null : shift(day, d.neededBy),
      status: 'open',
    });
  }
  for (const m of DEMO_MEETINGS) {
    const date = shift(day, m.date);
    const meetingId = w.insert('meetings', { title: m.title, date, status: m.status, agenda: m.agenda, attendees: JSON.stringify(m.attendees.map(person)) });
    for (const d of m.decisions) {
      const id = w.insert('decisions', { code: nextCode(db, 'decisions', 'D'), meeting_id: meetingId, text: d.text, decided_by: d.decidedBy, date });
      for (const t of d.measures) w.insert('decision_links', { decision_id: id, target_kind: 'measure', target_id: measure(t) });
      for (const t of d.raid) w.insert('decision_links', { decision_id: id, target_kind: 'raid_item', target_id: raidIds.get(t)! });
    }
    for (const a of m.actions) {
      w.insert('actions', { code: nextCode(db, 'actions', 'A'), meeting_id: meetingId, title: a.title, owner_id: person(a.owner)!, due_date: shift(day, a.due), status: a.status });
    }
  }
  // Each status report is its own action, so the change log shows separate updates.
  for (const r of DEMO_STATUS_REPORTS) {
    for (const u of r.updates) {
      runAction(db, { actor: person('jonas') ?? 'system', label: 'Status report', undoable: false }, (sw) =>
        sw.update('measures', measure(r.measure), { implementation_status: u.status, ...(u.description ? { description: u.description } : {}) }),
      );
    }
  }
}
