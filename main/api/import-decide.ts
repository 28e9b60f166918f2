import type { ImportConflict, ImportPreview, ImportUpdate, ImportValueChange } from '../../preload/contract.js';
import type { NewPackage } from './import-packages.js';
import type { Analysis, CellPlan, CreatePlan, ValueCellPlan } from './import-types.js';

/** The user's answers to a preview: which conflicts take the file's value, which duplicates to create, whether to create packages. */
export interface Decisions {
  createPackages: boolean;
  createDuplicates: Set<number>;
  takeFile: Set<string>;
}

export interface WritePlan {
  cells: CellPlan[];
  creates: CreatePlan[];
  packages: NewPackage[];
  value: ValueCellPlan[];
}

const taken = (c: { conflict?: ImportConflict }, d: Decisions) => !c.conflict || d.takeFile.has(c.conflict.id);

/** Applies the decisions to an analysis: the preview the user sees and exactly what applying it writes. */
export function decide(a: Analysis, d: Decisions, token: string): { preview: ImportPreview; write: WritePlan } {
  const cells = a.cells.filter((c) => taken(c, d));
  const creates = a.creates.filter((c) => !c.duplicateOf || d.createDuplicates.has(c.row));
  const value = (a.value?.cells ?? []).filter((c) => taken(c, d));
  const usedKeys = new Set<string>();
  for (const c of creates) if ('missing' in c.target) usedKeys.add(c.target.missing);
  for (const c of cells) if (c.op.t === 'move' && 'missing' in c.op.target) usedKeys.add(c.op.target.missing);
  const packages = [...a.missing.values()].filter((p) => usedKeys.has(p.key));
  const includedRows = new Set([...cells.map((c) => c.row), ...creates.map((c) => c.row)]);
  const refused = [...a.refused, ...(d.createPackages ? [] : a.packageRefusals.filter((r) => r.row !== null && includedRows.has(r.row) && usedKeys.has(r.packageKey)))].map(
    ({ row, column, header, code, reason }) => ({ row, column, header, code, reason }),
  );

  const updates = new Map<string, ImportUpdate>();
  for (const c of cells) {
    let u = updates.get(c.measureId);
    if (!u) updates.set(c.measureId, (u = { row: c.row, measureId: c.measureId, code: c.code, title: c.title, changes: [] }));
    u.changes.push({ field: c.field, label: c.label, column: c.column, old: c.old, new: c.new });
  }
  const conflicts = [...a.cells, ...(a.value?.cells ?? [])].filter((c) => c.conflict).map((c) => ({ ...c.conflict!, take: d.takeFile.has(c.conflict!.id) }));
  const valueChanges: ImportValueChange[] = value.map((c) => ({
    row: c.row,
    code: c.code,
    line: c.line,
    period: 'period' in c.cell ? c.cell.period : 'target',
    field: 'field' in c.cell ? c.cell.field : 'target',
    column: c.column,
    old: c.old,
    new: c.new,
  }));
  const duplicates = a.creates
    .filter((c) => c.duplicateOf)
    .map((c) => ({ row: c.row, title: c.title, packagePath: c.packagePath, like: c.duplicateOf!, create: d.createDuplicates.has(c.row) }));
  const preview: ImportPreview = {
    token,
    file: a.file,
    exported: a.exported,
    conflictsChecked: a.conflictsChecked,
    columns: a.columns,
    notes: a.notes,
    updates: [...updates.values()],
    creates: creates.map((c) => ({ row: c.row, title: c.title, packagePath: c.packagePath, newPackage: 'missing' in c.target, fields: c.fields })),
    packages: packages.map((p) => p.path),
    duplicates,
    conflicts,
    kept: a.kept,
    refused,
    value: a.value ? { sheet: a.value.sheet, rows: a.value.rows, changes: valueChanges } : null,
    counts: {
      unchanged: a.unchanged,
      measures: updates.size,
      cells: cells.length,
      creates: creates.length,
      packages: d.createPackages ? packages.length : 0,
      duplicatesSkipped: duplicates.filter((x) => !x.create).length,
      conflicts: conflicts.length,
      refused: refused.length,
      valueCells: value.length,
    },
    canApply: refused.length === 0,
  };
  return { preview, write: { cells, creates, packages: d.createPackages ? packages : [], value } };
}
