import { existsSync } from 'node:fs';
import type { Database } from '../../db/connection.js';
import { getLocal, getMeta } from '../../db/connection.js';
import { replicaId } from '../../db/changes.js';
import { now } from '../../db/clock.js';
import { parseHlc } from '../../db/hlc.js';
import { getMember, listMembers, localVector } from '../../db/repositories/sync.js';
import { isSyncedColumn } from '../../db/tables.js';
import type { SyncConflictView, SyncStatus, SyncSummary } from '../../preload/contract.js';
import type { ConflictSide, OpenConflict } from '../sync/conflicts.js';
import { openConflicts } from '../sync/conflicts.js';
import { scanFolder } from '../sync/folder-index.js';
import { planFolder } from '../sync/prune.js';
import { MEASURE_COLUMN_LABELS } from './measure-history.js';

export const DEFAULT_STALE_DAYS = 14;

const iso = (hlc: string | undefined | null) => (hlc ? new Date(parseHlc(hlc).ms).toISOString() : null);

/** This copy, the members (with how long since each synced and what waiting for them costs), the folder. */
export function syncStatus(db: Database): SyncStatus {
  const me = replicaId(db);
  const vector = localVector(db);
  const last = getLocal(db, 'sync_last');
  const folder = getLocal(db, 'sync_folder');
  const staleDays = Number(getLocal(db, 'sync_stale_days') ?? DEFAULT_STALE_DAYS);
  const held = folder && existsSync(folder) ? planFolder(db, scanFolder(db, folder)).heldBack : [];
  const received = new Map((db.prepare('SELECT replica, max(at) AS at FROM sync_received GROUP BY replica').all() as { replica: string; at: string }[]).map((r) => [r.replica, r.at]));
  const registered = new Map(
    (
      db
        .prepare(
          `SELECT r.row_id AS id, min(l.hlc) AS hlc FROM change_rows r JOIN change_log l ON l.row_key = r.id WHERE r.tbl = 'sync_members' AND l.col = 'deleted' GROUP BY r.row_id`,
        )
        .all() as { id: string; hlc: string }[]
    ).map((r) => [r.id, r.hlc]),
  );
  const staleBefore = now() - staleDays * 86_400_000;
  const self = getMember(db, me);
  return {
    replicaId: me,
    workspaceId: getMeta(db, 'workspace_id') ?? '',
    folder,
    autoSync: getLocal(db, 'sync_auto') === '1',
    staleDays,
    isAdmin: self?.role === 'admin' && self.status === 'active',
    members: listMembers(db).map((m) => {
      const lastSyncAt = m.id === me ? null : (received.get(m.id) ?? null);
      const seen = [lastSyncAt, iso(vector[m.id]), iso(registered.get(m.id))].filter((x): x is string => !!x).sort().at(-1);
      const mine = held.filter((h) => h.by.includes(m.id));
      return {
        replicaId: m.id,
        name: m.name,
        isSelf: m.id === me,
        lastChangeAt: iso(vector[m.id]),
        personId: m.personId,
        role: m.role,
        status: m.status,
        retiredReason: m.retiredReason,
        lastSyncAt,
        stale: m.id !== me && m.status === 'active' && (!seen || Date.parse(seen) < staleBefore),
        holdsBack: { files: mine.length, bytes: mine.reduce((n, h) => n + h.file.size, 0) },
      };
    }),
    vector,
    openConflicts: openConflicts(db, { prune: false }).length,
    lastSync: last ? (JSON.parse(last) as SyncSummary) : null,
  };
}

const OTHER_LABELS: Record<string, string> = {
  parent_id: 'Parent',
  owner_id: 'Owner',
  measure_id: 'Measure',
  due_date: 'Due date',
  forecast_date: 'Forecast date',
  done_date: 'Done on',
};

/** A column in words: "Due date", "Implementation status", never a raw column name. */
export function fieldLabel(db: Database, tbl: string, rowId: string, col: string): string {
  if (tbl === 'measures' && MEASURE_COLUMN_LABELS[col]) return MEASURE_COLUMN_LABELS[col]!;
  if (tbl === 'status_overrides') {
    const kind = (db.prepare('SELECT kind FROM status_overrides WHERE id = ?').get(rowId) as { kind: string } | undefined)?.kind ?? '';
    const what = kind === 'potential' ? 'Potential status' : 'Implementation status';
    return col === 'status' ? `${what} (set by hand)` : col === 'reason' ? `${what}: reason` : `${what}: ${humanize(col)}`;
  }
  if (tbl === 'custom_values') {
    const f = db.prepare('SELECT f.label FROM custom_values v JOIN custom_fields f ON f.id = v.field_id WHERE v.id = ?').get(rowId) as { label: string } | undefined;
    if (f) return f.label;
  }
  const base = OTHER_LABELS[col] ?? humanize(col);
  if (tbl === 'milestones') {
    const t = (db.prepare('SELECT title FROM milestones WHERE id = ?').get(rowId) as { title: string } | undefined)?.title;
    return t ? `Milestone "${t}": ${base}` : `Milestone: ${base}`;
  }
  if (tbl === 'effect_values') return `${(db.prepare('SELECT period FROM effect_values WHERE id = ?').get(rowId) as { period: string } | undefined)?.period ?? ''} ${base}`.trim();
  return base;
}

const humanize = (col: string) => {
  const s = col.replace(/_id$/, '').replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

const TABLE_WORDS: Record<string, string> = {
  nodes: 'Hierarchy node',
  people: 'Person',
  raid_items: 'RAID item',
  meetings: 'Meeting',
  decisions: 'Decision',
  actions: 'Action',
  gate_levels: 'Gate',
  custom_fields: 'Custom field',
  sync_members: 'Member',
};

/** What a row is, for people: the measure it belongs to ("M-0012 Onboarding playbook"), or its code and name. */
export function rowLabel(db: Database, tbl: string, rowId: string): string {
  const measureOf = (): string | null => {
    if (tbl === 'measures') return rowId;
    if (isSyncedColumn(tbl, 'measure_id')) return (db.prepare(`SELECT measure_id AS m FROM ${tbl} WHERE id = ?`).get(rowId) as { m: string } | undefined)?.m ?? null;
    if (tbl === 'effect_values') return (db.prepare('SELECT l.measure_id AS m FROM effect_values v JOIN effect_lines l ON l.id = v.line_id WHERE v.id = ?').get(rowId) as { m: string } | undefined)?.m ?? null;
    return null;
  };
  const m = measureOf();
  if (m) {
    const r = db.prepare('SELECT code, title FROM measures WHERE id = ?').get(m) as { code: string; title: string } | undefined;
    if (r) return `${r.code} ${r.title}`;
  }
  const cols = ['code', 'title', 'name'].filter((col) => isSyncedColumn(tbl, col));
  const row = cols.length ? (db.prepare(`SELECT ${cols.join(', ')} FROM ${tbl} WHERE id = ?`).get(rowId) as Record<string, string> | undefined) : undefined;
  const text = row ? cols.map((col) => row[col]).filter(Boolean).join(' ') : '';
  return text || TABLE_WORDS[tbl] || humanize(tbl);
}

/** A conflict as people read it: the measure and the field in words, who on which copy. */
export function conflictView(db: Database, c: OpenConflict, who: (actor: string) => string): SyncConflictView {
  const names = new Map(listMembers(db).map((m) => [m.id, m.name]));
  const sideView = (x: ConflictSide) => ({
    value: x.value,
    col: x.col,
    field: fieldLabel(db, c.tbl, c.rowId, x.col),
    who: x.enteredBy ? `${who(x.actor)} (entered by ${who(x.enteredBy)} for ${who(x.actor)})` : who(x.actor),
    copy: names.get(x.replica) ?? x.replica.slice(0, 8),
    at: x.at,
  });
  return {
    id: c.id,
    kind: c.kind,
    tbl: c.tbl,
    rowId: c.rowId,
    col: c.col,
    label: rowLabel(db, c.tbl, c.rowId),
    field: c.kind === 'delete' ? 'Deleted' : fieldLabel(db, c.tbl, c.rowId, c.col),
    current: sideView(c.current),
    others: c.others.map(sideView),
  };
}
