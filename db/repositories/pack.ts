import type { Database } from 'better-sqlite3';
import type { PackSettings, PackSnapshotInfo, PackTexts } from '../../preload/contract/pack-types.js';
import type { Writer } from '../changes.js';

const SETTINGS_ID = 'pack';

interface SettingsRow {
  sections: string;
  paper: PackSettings['paper'];
  orientation: PackSettings['orientation'];
  confidentiality: string;
  branding: string;
}

/** The stored layout, or null before anyone changed it (callers fill in the defaults). */
export function readPackSettings(db: Database): (Omit<PackSettings, 'sections' | 'branding'> & { sections: unknown; branding: unknown }) | null {
  const r = db
    .prepare('SELECT sections, paper, orientation, confidentiality, branding FROM pack_settings WHERE id = ? AND deleted = 0')
    .get(SETTINGS_ID) as SettingsRow | undefined;
  if (!r) return null;
  // A damaged value falls back to the defaults rather than breaking every pack.
  const json = (text: string, fallback: unknown): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return fallback;
    }
  };
  return { ...r, sections: json(r.sections, []), branding: json(r.branding, {}) };
}

export function writePackSettings(w: Writer, db: Database, s: PackSettings): void {
  const values = { sections: JSON.stringify(s.sections), paper: s.paper, orientation: s.orientation, confidentiality: s.confidentiality, branding: JSON.stringify(s.branding) };
  const exists = db.prepare('SELECT 1 FROM pack_settings WHERE id = ?').get(SETTINGS_ID);
  if (exists) w.update('pack_settings', SETTINGS_ID, { ...values, deleted: 0 });
  else w.insert('pack_settings', values, SETTINGS_ID);
}

export function packTextsId(meetingId: string | null, scopeId: string | null): string {
  return `${meetingId ?? 'draft'}|${scopeId ?? 'all'}`;
}

export function readPackTexts(db: Database, meetingId: string | null, scopeId: string | null): PackTexts | null {
  return (
    (db
      .prepare(
        `SELECT overall_status AS overallStatus, status_reason AS statusReason, summary,
                key_achievement AS keyAchievement, key_concern AS keyConcern
         FROM pack_texts WHERE id = ? AND deleted = 0`,
      )
      .get(packTextsId(meetingId, scopeId)) as PackTexts | undefined) ?? null
  );
}

export function writePackTexts(w: Writer, db: Database, meetingId: string | null, scopeId: string | null, t: PackTexts): void {
  const id = packTextsId(meetingId, scopeId);
  const values = {
    overall_status: t.overallStatus,
    status_reason: t.statusReason,
    summary: t.summary,
    key_achievement: t.keyAchievement,
    key_concern: t.keyConcern,
  };
  if (db.prepare('SELECT 1 FROM pack_texts WHERE id = ?').get(id)) w.update('pack_texts', id, { ...values, deleted: 0 });
  else w.insert('pack_texts', { ...values, meeting_id: meetingId, scope_node_id: scopeId }, id);
}

const SNAP = `SELECT id, meeting_id AS meetingId, meeting_title AS meetingTitle, scope_node_id AS scopeId,
                     scope_name AS scopeName, pack_date AS date, taken_at AS takenAt, taken_by AS takenBy
              FROM pack_snapshots`;

export function listSnapshots(db: Database): PackSnapshotInfo[] {
  return db.prepare(`${SNAP} WHERE deleted = 0 ORDER BY pack_date DESC, taken_at DESC`).all() as PackSnapshotInfo[];
}

export function getSnapshotInfo(db: Database, id: string): PackSnapshotInfo | undefined {
  return db.prepare(`${SNAP} WHERE id = ? AND deleted = 0`).get(id) as PackSnapshotInfo | undefined;
}

/** The frozen pack JSON of a snapshot. */
export function snapshotData(db: Database, id: string): string | undefined {
  return (db.prepare('SELECT data FROM pack_snapshots WHERE id = ? AND deleted = 0').get(id) as { data: string } | undefined)?.data;
}

/** The latest snapshot frozen for a meeting. */
export function snapshotForMeeting(db: Database, meetingId: string): PackSnapshotInfo | undefined {
  return db.prepare(`${SNAP} WHERE meeting_id = ? AND deleted = 0 ORDER BY taken_at DESC LIMIT 1`).get(meetingId) as PackSnapshotInfo | undefined;
}

/**
 * The snapshot the next pack compares against: the latest one of the same scope taken for
 * another meeting on or before `date`.
 */
export function previousSnapshot(db: Database, scopeId: string | null, meetingId: string | null, date: string): PackSnapshotInfo | undefined {
  return db
    .prepare(
      `${SNAP} WHERE deleted = 0 AND scope_node_id IS ? AND (meeting_id IS NULL OR meeting_id IS NOT ?) AND pack_date <= ?
       ORDER BY pack_date DESC, taken_at DESC LIMIT 1`,
    )
    .get(scopeId, meetingId, date) as PackSnapshotInfo | undefined;
}

export function insertSnapshot(
  w: Writer,
  s: { id: string; meetingId: string | null; meetingTitle: string; scopeId: string | null; scopeName: string; date: string; takenAt: string; takenBy: string; data: string },
): string {
  return w.insert('pack_snapshots', {
    meeting_id: s.meetingId,
    meeting_title: s.meetingTitle,
    scope_node_id: s.scopeId,
    scope_name: s.scopeName,
    pack_date: s.date,
    taken_at: s.takenAt,
    taken_by: s.takenBy,
    data: s.data,
  }, s.id);
}
