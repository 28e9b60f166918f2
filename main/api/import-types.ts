import type { ImportColumn, ImportConflict, ImportKept, ImportRefusal, Rag } from '../../preload/contract.js';
import type { CheckedCell } from './value-cells.js';
import type { NewPackage } from './import-packages.js';

/** What an import would write, before the user's decisions (conflicts, duplicates, new packages). */

export type PackageTarget = { id: string } | { missing: string };

export type CellOp =
  | { t: 'col'; col: string; value: string | null }
  | { t: 'custom'; fieldId: string; value: string | null }
  | { t: 'status'; kind: 'implementation' | 'potential'; status: Rag | null; reason: string }
  | { t: 'move'; target: PackageTarget }
  | { t: 'template'; templateId: string | null }
  | { t: 'tplfield'; key: string; value: string };

export interface CellPlan {
  row: number;
  code: string;
  measureId: string;
  title: string;
  field: string;
  label: string;
  column: string;
  old: string;
  new: string;
  op: CellOp;
  /** Changed in Steerco since the export too: written only when the user takes the file's value. */
  conflict?: ImportConflict;
}

export interface CreatePlan {
  row: number;
  title: string;
  target: PackageTarget;
  packagePath: string;
  columns: Record<string, string | null>;
  custom: [fieldId: string, value: string | null][];
  /** The template the row names, and the values of its fields. */
  template?: { id: string; key: string; name: string; ownerRole: string };
  workflow: [key: string, value: string][];
  fields: { label: string; value: string }[];
  /** A measure of the same title in the same package (its code), or an earlier row ("row 12"). */
  duplicateOf?: string;
}

export interface ValueCellPlan {
  row: number;
  code: string;
  measureId: string;
  diLevel: number;
  line: string;
  column: string;
  old: string;
  new: string;
  cell: CheckedCell | { lineId: string; target: number | null };
  conflict?: ImportConflict;
}

/** A refusal that holds only while missing packages are not to be created. */
export interface PackageRefusal extends ImportRefusal {
  packageKey: string;
}

export interface Analysis {
  file: {
    name: string;
    format: 'xlsx' | 'csv';
    sheet: string | null;
    sheets: string[];
    separator: string | null;
    encoding: string;
    headerRow: number;
    rows: number;
  };
  exported: { at: string | null; workspace: string | null; position: number | null } | null;
  conflictsChecked: boolean;
  columns: ImportColumn[];
  notes: string[];
  cells: CellPlan[];
  creates: CreatePlan[];
  missing: Map<string, NewPackage>;
  packageRefusals: PackageRefusal[];
  refused: ImportRefusal[];
  kept: ImportKept[];
  unchanged: number;
  value: { sheet: string; rows: number; cells: ValueCellPlan[] } | null;
}
