/** Importing measures (and their Value sheet) from a workbook or CSV: preview, then apply. */
import { z } from 'zod';
import { method } from './define.js';
import { localeSchema } from './core.js';
import { filePath } from './paths.js';

/** One cell of an existing measure that the file changes. */
export interface ImportChange {
  /** Field key (`title`, `dueDate`, `custom.savings`, `package` for a move). */
  field: string;
  label: string;
  /** Spreadsheet column letter. */
  column: string;
  old: string;
  new: string;
}

export interface ImportUpdate {
  /** Spreadsheet row number. */
  row: number;
  measureId: string;
  code: string;
  title: string;
  changes: ImportChange[];
}

export interface ImportCreate {
  row: number;
  title: string;
  /** "Program › Project › Package". */
  packagePath: string;
  /** The package does not exist yet (created with "create missing packages"). */
  newPackage: boolean;
  fields: { label: string; value: string }[];
}

/** A row without a code whose title is already in its package: skipped unless confirmed. */
export interface ImportDuplicate {
  row: number;
  title: string;
  packagePath: string;
  /** The measure it looks like, or the earlier row of the file. */
  like: string;
  /** Created anyway (the user confirmed it). */
  create: boolean;
}

/** A cell (or row, or column, or the file) that cannot be imported, and why. */
export interface ImportRefusal {
  row: number | null;
  column: string | null;
  header: string | null;
  code: string | null;
  reason: string;
}

/** A cell changed in Steerco after the export and also in the file. */
export interface ImportConflict {
  /** Stable within a preview: `<row>:<field>`. */
  id: string;
  row: number;
  code: string;
  field: string;
  label: string;
  column: string;
  /** The value when the file was exported. */
  exported: string;
  steerco: string;
  file: string;
  /** Who changed it in Steerco, and when (ISO). */
  changedBy: string;
  changedAt: string | null;
  /** true: the file's value is written; false (default): Steerco's is kept. */
  take: boolean;
}

/** A cell changed in Steerco after the export that the file left as exported: Steerco's value stays. */
export interface ImportKept {
  row: number;
  code: string;
  label: string;
  steerco: string;
}

export interface ImportColumn {
  column: string;
  header: string;
  key: string | null;
  /**
   * imported (written when it differs); checked (read-only: refused when changed); computed
   * (value totals: not read); hierarchy (the package); key (the code); unknown (ignored);
   * repeated (a second column of a field: refused).
   */
  use: 'imported' | 'checked' | 'computed' | 'hierarchy' | 'key' | 'unknown' | 'repeated';
}

export interface ImportValueChange {
  row: number;
  code: string;
  line: string;
  /** YYYY-MM, or "target". */
  period: string;
  field: 'plan' | 'forecast' | 'actual' | 'target';
  column: string;
  old: string;
  new: string;
}

export interface ImportPreview {
  /** Hand back to apply exactly this preview: refused when the file or the workspace changed since. */
  token: string;
  file: {
    name: string;
    format: 'xlsx' | 'csv';
    sheet: string | null;
    sheets: string[];
    separator: string | null;
    encoding: string;
    /** Spreadsheet row number of the header. */
    headerRow: number;
    /** Data rows below the header (blank rows not counted). */
    rows: number;
  };
  /** What the About sheet says (null for CSV and workbooks not made by Steerco). */
  exported: { at: string | null; workspace: string | null; position: number | null } | null;
  /** Whether edits made in Steerco since the export could be told apart (conflicts are only found then). */
  conflictsChecked: boolean;
  columns: ImportColumn[];
  notes: string[];
  updates: ImportUpdate[];
  creates: ImportCreate[];
  /** Packages to create ("Program › Project › Package"), with "create missing packages". */
  packages: string[];
  duplicates: ImportDuplicate[];
  conflicts: ImportConflict[];
  kept: ImportKept[];
  refused: ImportRefusal[];
  value: { sheet: string; rows: number; changes: ImportValueChange[] } | null;
  counts: {
    unchanged: number;
    measures: number;
    cells: number;
    creates: number;
    packages: number;
    duplicatesSkipped: number;
    conflicts: number;
    refused: number;
    valueCells: number;
  };
  /** Nothing refused: apply would write the preview. */
  canApply: boolean;
}

export interface ImportApplied {
  /** The undo step's label. */
  label: string;
  measures: number;
  cells: number;
  created: number;
  packages: number;
  valueCells: number;
}

export interface ImportResult {
  preview: ImportPreview;
  /** What was written; null for a dry run (and when there was nothing to write). */
  applied: ImportApplied | null;
}

export interface ImportProgressEvent {
  phase: 'reading' | 'checking' | 'writing' | 'done';
  done: number;
  total: number;
}

/** A file to import chosen outside the page (File › Import… in the desktop app). */
export interface ImportRequestedEvent {
  path: string;
}

export interface ImportEvents {
  'import:progress': ImportProgressEvent;
  'import:requested': ImportRequestedEvent;
}

/** Upload limit for a file sent by the page (browser mode, a dropped file): 40 MB as base64. */
const CONTENT_MAX = Math.ceil((40 * 1024 * 1024 * 4) / 3) + 4;
const rowList = z.array(z.number().int().min(1).max(1_100_000)).max(100_000);

export const importContract = {
  /**
   * Imports measures from an Excel workbook or CSV: `path` (read by the app) or `content`
   * (the file's bytes, base64, as a page sends a dropped or chosen file). Rows are matched
   * by code; only cells that differ are written. `dryRun`: the preview only. Otherwise
   * the preview is applied in one transaction and one undo step, unless anything is
   * refused (then nothing is written and the error lists every refusal). `token`: the
   * preview the user saw; the apply is refused when the file or the workspace changed since.
   * Decisions: `createPackages` (missing packages are created), `createDuplicates` (row
   * numbers of likely duplicates to create anyway), `takeFile` (conflict ids whose file
   * value wins; the others keep Steerco's). Dates and numbers typed as text are read in `locale`.
   */
  'measures:import': method<ImportResult>()(
    z
      .object({
        path: filePath().optional(),
        content: z.object({ name: z.string().trim().min(1).max(255), base64: z.string().max(CONTENT_MAX) }).strict().optional(),
        sheet: z.string().trim().min(1).max(100).optional(),
        locale: localeSchema.optional(),
        dryRun: z.boolean().optional(),
        token: z.string().max(200).optional(),
        createPackages: z.boolean().optional(),
        createDuplicates: rowList.optional(),
        takeFile: z.array(z.string().max(100)).max(200_000).optional(),
      })
      .strict()
      .refine((v) => (v.path === undefined) !== (v.content === undefined), 'give either a path or the file content'),
  ),
  /** Desktop app: the native open dialog for a file to import; null when cancelled. */
  'measures:pickImportPath': method<{ path: string | null }>()(z.object({}).strict()),
} as const;
