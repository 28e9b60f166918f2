import type ExcelJS from 'exceljs';
import { HEADER_FONT } from './xlsx-style.js';

/**
 * The About sheet says what a workbook is (workspace, scope, currency, when) and where the
 * workspace's change log stood when it was made: the import reads it back to tell a cell
 * changed in Steerco since the export from a cell changed in the file.
 */
export interface ExportMeta {
  title: string;
  workspaceId: string;
  scope: string;
  currency: string;
  digits: number;
  exportedAt: string;
  /** The copy (replica) that made the export. */
  replica: string;
  /** The last change-log entry of that copy at export time (its local sequence number). */
  position: number;
  /** The highest clock of every copy's changes the exporting copy held: what "since the export" means on any copy. */
  vector: Record<string, string>;
  measures?: number;
}

export const ABOUT_SHEET = 'About';

const LABELS = {
  title: 'Workspace',
  workspaceId: 'Workspace id',
  scope: 'Scope',
  currency: 'Currency',
  exportedAt: 'Exported',
  measures: 'Measures',
  replica: 'Exported from copy',
  position: 'Change-log position',
  vector: 'Version vector',
} as const;

export function writeAboutSheet(wb: ExcelJS.Workbook, meta: ExportMeta): void {
  const about = wb.addWorksheet(ABOUT_SHEET);
  about.addRows([
    [LABELS.title, meta.title],
    [LABELS.workspaceId, meta.workspaceId],
    [LABELS.scope, meta.scope],
    [LABELS.currency, `${meta.currency} (${meta.digits} decimal${meta.digits === 1 ? '' : 's'})`],
    [LABELS.exportedAt, meta.exportedAt],
    [LABELS.measures, meta.measures ?? 0],
    [LABELS.replica, meta.replica],
    [LABELS.position, meta.position],
    [LABELS.vector, JSON.stringify(meta.vector)],
    ['Exported by', 'Steerco'],
    [],
    [
      'Re-import',
      'Edit the Measures (and Value) sheet and import the workbook back (File › Import…, or steerco measures import). Rows are matched by Code; keep this sheet: it lets the import show a cell changed both in Steerco since this export and in the workbook as a conflict instead of overwriting it.',
    ],
  ]);
  about.getColumn(1).font = HEADER_FONT;
  about.getColumn(1).width = 20;
  about.getColumn(2).width = 60;
  about.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
}

/** What the import reads back from an About sheet (label → text); null fields when absent or unreadable. */
export interface AboutInfo {
  title: string | null;
  workspaceId: string | null;
  exportedAt: string | null;
  replica: string | null;
  position: number | null;
  vector: Record<string, string> | null;
}

export function readAbout(rows: Map<string, string>): AboutInfo {
  const get = (k: keyof typeof LABELS) => rows.get(LABELS[k].toLowerCase())?.trim() || null;
  let vector: Record<string, string> | null = null;
  try {
    const v = JSON.parse(get('vector') ?? 'null') as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string')) vector = v as Record<string, string>;
  } catch {
    vector = null;
  }
  const pos = Number(get('position'));
  return {
    title: get('title'),
    workspaceId: get('workspaceId'),
    exportedAt: get('exportedAt'),
    replica: get('replica'),
    position: Number.isInteger(pos) && pos >= 0 && get('position') !== null ? pos : null,
    vector,
  };
}
