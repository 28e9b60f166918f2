import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/connection.js';
import { ValidationError } from '../../db/errors.js';
import { getSnapshotInfo, insertSnapshot, packTextsId, snapshotForMeeting, writePackTexts } from '../../db/repositories/pack.js';
import type { Pack, PackHoldCheck, PackSnapshotInfo } from '../../preload/contract/pack-types.js';
import { emptyTexts } from '../domain/pack.js';
import { nowIso } from '../../db/clock.js';
import { textsFor } from './pack-texts.js';
import { buildPack, type PackRequest } from './pack-facts.js';
import { scopeOf } from './pack-scope.js';
import { meetingById } from './pack-meetings.js';
import type { ApiSession } from './session.js';

function mustMeeting(db: Database, meetingId: string | null | undefined): { id: string; title: string; date: string; status: string } {
  if (!meetingId) {
    throw new ValidationError(
      'Holding a meeting freezes the pack shown to it: choose the meeting first. (A pack frozen for no meeting would become the next comparison by accident.)',
      [{ field: 'meetingId', message: 'choose the meeting' }],
    );
  }
  const m = meetingById(db, meetingId);
  if (!m) throw new ValidationError(`No meeting ${meetingId} (it may have been deleted).`, [{ field: 'meetingId', message: 'unknown meeting' }]);
  return m;
}

export function holdCheck(s: ApiSession, req: { scopeId?: string | null; meetingId?: string | null }): PackHoldCheck {
  const db = s.db();
  const m = mustMeeting(db, req.meetingId);
  const scope = scopeOf(db, req.scopeId);
  return { meetingId: m.id, meetingTitle: m.title, held: snapshotForMeeting(db, m.id) !== undefined, empty: emptyTexts(textsFor(db, m.id, scope.id).texts) };
}

/** The acting person's name for the snapshot's "frozen by" line. */
function actorName(s: ApiSession): string {
  const actor = s.actor();
  const p = s.db().prepare('SELECT name FROM people WHERE id = ?').get(actor) as { name: string } | undefined;
  return p?.name ?? actor.replace(/^user:/, '');
}

/**
 * Holds a meeting: the pack as shown (its texts included) is frozen, the texts become the
 * meeting's own (moved out of the draft when they came from it, so the next meeting starts
 * fresh), and the meeting is marked held: one step, one undo.
 */
export async function freezePack(s: ApiSession, req: PackRequest & { acceptEmpty?: boolean }): Promise<PackSnapshotInfo> {
  const db = s.db();
  const meeting = mustMeeting(db, req.meetingId);
  const held = snapshotForMeeting(db, meeting.id);
  if (held) throw new ValidationError(`This meeting's pack was already frozen on ${held.takenAt.slice(0, 10)}; reopen that snapshot to reprint it.`);
  // Checked before the pack is built, so a refusal runs nothing (escalation rules included).
  const empty = emptyTexts(textsFor(db, meeting.id, scopeOf(db, req.scopeId).id).texts);
  if (empty.length && !req.acceptEmpty) {
    throw new ValidationError(`These parts of the pack are empty: ${empty.join('; ')}. Write them, or hold the meeting with them empty.`, [
      { field: 'texts', message: empty.join('; ') },
    ]);
  }
  const pack = await buildPack(s, req);
  const id = randomUUID();
  const takenAt = nowIso();
  const frozen: Pack = { ...pack, meta: { ...pack.meta, frozen: { at: takenAt, by: actorName(s), snapshotId: id } } };
  const m = pack.meta;
  const texts = textsFor(db, meeting.id, m.scopeId);
  s.act(`Hold ${m.meetingTitle}: freeze pack ${m.date}`, (w) => {
    insertSnapshot(w, { id, meetingId: meeting.id, meetingTitle: m.meetingTitle, scopeId: m.scopeId, scopeName: m.scopeName, date: m.date, takenAt, takenBy: frozen.meta.frozen!.by, data: JSON.stringify(frozen) });
    if (texts.source === 'draft') {
      writePackTexts(w, db, meeting.id, m.scopeId, texts.texts);
      w.remove('pack_texts', packTextsId(null, m.scopeId));
    }
    if (meeting.status === 'planned') w.update('meetings', meeting.id, { status: 'held' });
  });
  return getSnapshotInfo(db, id)!;
}
