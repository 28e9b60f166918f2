import { listCustomFields } from '../../db/repositories/custom-fields.js';
import { getMeasureStatesByIds, listMeasures, type MeasureState } from '../../db/repositories/measures.js';
import { listNodes } from '../../db/repositories/nodes.js';
import { cachedStatement } from '../../db/statements.js';
import type { ImportColumn, ImportRefusal, Measure, MeasureEdit } from '../../preload/contract.js';
import { FIELD_LABELS, measureFieldOfColumn, storedProperty } from '../../preload/contract/measure-fields.js';
import { BUILTIN_EXPORT_COLUMNS, customExportColumn, TEMPLATE_EXPORT_COLUMN, templateColumnsOf, type ExportColumn } from '../exchange/export-columns.js';
import { exportedText, inputText, MAX_CELL_CHARS } from '../exchange/import-cells.js';
import { findHeader, firstRowText, headerAliases, type MappedColumn } from '../exchange/import-columns.js';
import { cellKey, ImportFileError, type SheetTable } from '../exchange/import-table.js';
import { exportContext } from './export-data.js';
import { CUSTOM_MONEY_DIGITS, peopleRefs, planEdits } from './measure-edits.js';
import { packageResolver, sameHierarchy, type RowHierarchy } from './import-packages.js';
import { mergedCovered, mergeIssues } from './import-merges.js';
import { statusChange } from './import-status.js';
import { cellChange, mergeRefusals, storedText, type CellCompare } from './import-compare.js';
import type { SinceExport } from './import-since.js';
import type { Analysis, CellPlan, CreatePlan, PackageRefusal } from './import-types.js';
import type { ApiSession } from './session.js';
import { currencyOf } from './currency.js';
import { workflowReader, type TemplateRef } from './import-workflow.js';

/*
 * The Measures sheet of an import, read against the workspace: which cells of which
 * measures differ (matched by code), which rows create measures (no code) and where, and
 * what is refused. Cells are validated by the grid's own bulk-edit path (planEdits), so an
 * import obeys exactly the rules of a paste or a bulk edit.
 */

const STATUS_KIND: Record<string, 'implementation' | 'potential'> = { implementationStatus: 'implementation', potentialStatus: 'potential' };
const LIFECYCLE_HINT: Record<string, string> = {
  diLevel: 'the DI level changes when a gate is approved in Steerco (request the next gate), not by an import',
  diName: 'the DI stage changes when a gate is approved in Steerco (request the next gate), not by an import',
  lifecycle: 'the lifecycle changes by a gate decision in Steerco (put on hold, cancel, close), not by an import',
};

export interface MeasuresPlanInput {
  s: ApiSession;
  table: SheetTable;
  fileName: string;
  locale?: string;
  since: SinceExport | null;
  progress: (done: number, total: number) => void;
}

const isBlank = (row: unknown[] | undefined) => !row || row.every((v) => v === null || v === undefined || (typeof v === 'string' && v.trim() === ''));

function useOf(c: MappedColumn): ImportColumn['use'] {
  if (c.role === 'unknown' || c.role === 'repeated') return c.role;
  if (c.role === 'key') return 'key';
  if (c.role === 'hierarchy') return 'hierarchy';
  if (c.role === 'readonly') return 'checked';
  if (c.role === 'computed') return 'computed';
  return 'imported';
}

export function analyzeMeasures(input: MeasuresPlanInput): Omit<Analysis, 'file' | 'exported' | 'conflictsChecked' | 'value'> & { headerRow: number; rows: number } {
  const { s, table, locale, since } = input;
  const db = s.db();
  const fields = listCustomFields(db);
  const sheet = table.name ? `the sheet "${table.name}"` : 'the file';
  if (table.rows.every((r) => isBlank(r))) throw new ImportFileError(input.fileName, `${sheet} is empty.`);
  const workflow = workflowReader(db);
  const header = findHeader(table, headerAliases(fields, workflow.columns));
  if (!header) {
    throw new ImportFileError(
      input.fileName,
      `no header row was found: none of the first 30 rows names at least two columns Steerco knows, one of them Code or Title (${firstRowText(table)}). The first row of the table should hold the column names of an export (Code, Title, Owner, Due, …).`,
    );
  }
  const digits = currencyOf(s).digits;
  const people = peopleRefs(s);
  const personName = new Map(people.map((p) => [p.id, p.name]));
  const measures = listMeasures(db);
  const byCode = new Map(measures.map((m) => [m.code.toLowerCase(), m]));
  const deletedCodes = new Set((cachedStatement(db, 'SELECT code FROM measures WHERE deleted = 1').all() as { code: string }[]).map((r) => r.code.toLowerCase()));
  const nodes = listNodes(db);
  const resolver = packageResolver(nodes);
  const fieldById = new Map(fields.map((f) => [f.id, f]));
  const exportCols = new Map<string, ExportColumn>(
    [...BUILTIN_EXPORT_COLUMNS, ...fields.map(customExportColumn), TEMPLATE_EXPORT_COLUMN, ...templateColumnsOf(workflow.columns, [...BUILTIN_EXPORT_COLUMNS, ...fields.map(customExportColumn)])].map((c) => [c.key, c]),
  );
  const ectx = exportContext(s, header.columns.map((c) => exportCols.get(c.key ?? '')).filter((c): c is ExportColumn => !!c));
  const customStored = new Map(
    (cachedStatement(db, 'SELECT id, value FROM custom_values WHERE deleted = 0').all() as { id: string; value: string | null }[]).map((r) => [r.id, r.value]),
  );
  const titles = new Map<string, string>();
  for (const m of measures) titles.set(`${m.nodeId}\u0000${m.title.trim().toLowerCase()}`, m.code);

  const refused: ImportRefusal[] = [...mergeIssues(table, header.row)];
  const covered = mergedCovered(table);
  const packageRefusals: PackageRefusal[] = [];
  const notes: string[] = [];
  const columns = header.columns;
  const used = columns.filter((c) => c.key && c.role !== 'repeated');
  for (const c of columns.filter((x) => x.role === 'repeated')) {
    const first = used.find((u) => u.key === c.key)!;
    refused.push({ row: header.row + 1, column: c.letter, header: c.header, code: null, reason: `the column repeats "${first.header}" (column ${first.letter}); only one column per field can be read. Remove one of them.` });
  }
  const unknown = columns.filter((c) => c.role === 'unknown');
  if (unknown.length) notes.push(`Not imported (no field of that name in Steerco): ${unknown.map((c) => `${c.letter} "${c.header}"`).join(', ')}.`);
  const computed = columns.filter((c) => c.role === 'computed');
  if (computed.length) {
    notes.push(`${computed.map((c) => `"${c.header}"`).join(', ')} ${computed.length === 1 ? 'is' : 'are'} computed by Steerco from the months of the Value sheet and ${computed.length === 1 ? 'was' : 'were'} not imported; change the months (Value sheet or Effects…) instead.`);
  }
  const colOf = (key: string) => used.find((c) => c.key === key);
  const kindOf = (c: MappedColumn) => exportCols.get(c.key!)?.kind ?? 'text';
  const labelOf = (key: string) => (key.startsWith('tpl.') ? (exportCols.get(key)?.header ?? key) : key.startsWith('custom.') ? (fields.find((f) => `custom.${f.key}` === key)?.label ?? key) : (FIELD_LABELS[key as keyof typeof FIELD_LABELS] ?? exportCols.get(key)?.header ?? key));
  if (colOf('implementationReason') && !colOf('implementationStatus')) notes.push('"Implementation reason" is read together with an Implementation column only; it was ignored.');
  if (colOf('potentialReason') && !colOf('potentialStatus')) notes.push('"Potential reason" is read together with a Potential column only; it was ignored.');

  const cells: CellPlan[] = [];
  const creates: CreatePlan[] = [];
  const missing: Analysis['missing'] = new Map();
  const kept: Analysis['kept'] = [];
  const edits: MeasureEdit[] = [];
  const states = new Map<string, MeasureState>();
  const editRow = new Map<string, { row: number; code: string; m: Measure | null }>();
  const createByEdit = new Map<string, CreatePlan>();
  const refusedRows = new Set<number>();
  const changedRows = new Set<number>();
  const measureRows = new Set<number>();
  const refuse = (row: number, c: MappedColumn | undefined, code: string | null, reason: string) => {
    refused.push({ row, column: c?.letter ?? null, header: c?.header ?? null, code, reason });
    refusedRows.add(row);
  };
  const compare: CellCompare = { since, kept, cells, personName, fieldById, changedRows };

  // Codes that appear more than once are refused on every row that has them.
  const codeCol = colOf('code');
  const codeRows = new Map<string, number[]>();
  if (codeCol) {
    table.rows.forEach((r, i) => {
      if (i <= header.row) return;
      const code = inputText(r?.[codeCol.index] ?? null, 'text').trim().toLowerCase();
      if (code) codeRows.set(code, [...(codeRows.get(code) ?? []), i + 1]);
    });
  }
  /** A measure's Template cell and template field cells: what differs, through the same comparison as every cell. */
  const workflowCells = (rowNo: number, m: Measure, texts: Map<string, { text: string; col: MappedColumn }>) => {
    let tpl = workflow.current(m.id);
    const tplText = texts.get('template');
    if (tplText) {
      const t = workflow.template(tplText.text);
      if ('problem' in t) {
        refuse(rowNo, tplText.col, m.code, t.problem);
        return;
      }
      if ((t.ref?.id ?? null) !== (tpl?.id ?? null)) {
        const cur = tpl?.id ?? null;
        cellChange(compare, { row: rowNo, m, field: 'template', label: 'Template', column: tplText.col.letter, table: 'measure_templates', rowId: m.id, col: 'template_id', cur, value: t.ref?.id ?? null, op: { t: 'template', templateId: t.ref?.id ?? null }, shown: (v) => workflow.name(v === null ? null : String(v)) });
        tpl = t.ref;
      }
    }
    for (const [key, { text, col }] of texts) {
      if (col.role !== 'tplfield') continue;
      const c = col.template!;
      const r = workflow.field(tpl, c, text, m.code, locale);
      if (!r) continue;
      if ('problem' in r) {
        refuse(rowNo, col, m.code, r.problem);
        continue;
      }
      const id = `${m.id}:${c.key}`;
      const cur = workflow.stored(m.id, c.key);
      cellChange(compare, { row: rowNo, m, field: key, label: c.label, column: col.letter, table: 'template_values', rowId: id, col: 'value', cur, value: r.value, op: { t: 'tplfield', key: c.key, value: r.value }, shown: (v) => String(v ?? '') });
    }
  };

  let dataRows = 0;
  const total = table.rows.length - header.row - 1;
  for (let r = header.row + 1; r < table.rows.length; r++) {
    if ((r - header.row) % 2000 === 0) input.progress(r - header.row, total);
    const cellsOfRow = table.rows[r];
    if (isBlank(cellsOfRow)) continue;
    dataRows++;
    const rowNo = r + 1;
    const texts = new Map<string, { text: string; col: MappedColumn }>();
    for (const c of used) {
      const key = cellKey(r, c.index);
      if (covered.has(key)) continue;
      const why = table.unreadable.get(key);
      if (why) {
        refuse(rowNo, c, null, `${c.header}: the cell ${why}`);
        continue;
      }
      const t = inputText(cellsOfRow?.[c.index] ?? null, kindOf(c), locale);
      if (t.length > MAX_CELL_CHARS) {
        refuse(rowNo, c, null, `${c.header}: the cell holds ${t.length.toLocaleString('en')} characters; a cell may hold at most ${MAX_CELL_CHARS.toLocaleString('en')}`);
        continue;
      }
      texts.set(c.key!, { text: t, col: c });
    }
    const code = texts.get('code')?.text.trim() ?? '';
    const hierarchy: RowHierarchy = {};
    for (const k of ['program', 'project', 'package'] as const) if (texts.has(k)) hierarchy[k] = texts.get(k)!.text.trim();

    if (code) {
      const rowsOfCode = codeRows.get(code.toLowerCase()) ?? [];
      if (rowsOfCode.length > 1) {
        refuse(rowNo, codeCol, code, `the code ${code} appears in rows ${rowsOfCode.join(', ')}; each measure may appear once in a file`);
        continue;
      }
      const m = byCode.get(code.toLowerCase());
      if (!m) {
        refuse(
          rowNo,
          codeCol,
          code,
          deletedCodes.has(code.toLowerCase())
            ? `the measure ${code} was deleted in Steerco; restore it (undo), or empty the code to create a new measure`
            : `there is no measure ${code} in this workspace; empty the code to create a new measure`,
        );
        continue;
      }
      measureRows.add(rowNo);
      const patch: Record<string, string> = {};
      const custom: Record<string, string> = {};
      for (const [key, { text, col }] of texts) {
        const xc = exportCols.get(key);
        if (!xc || col.role === 'key' || col.role === 'hierarchy' || col.role === 'reason' || col.role === 'computed' || col.role === 'template' || col.role === 'tplfield') continue;
        if (col.role === 'status') {
          const kind = STATUS_KIND[key]!;
          const r = statusChange({ m, kind, text, header: col.header, reason: texts.get(`${kind}Reason`), manual: ectx.manualReason(m.id, kind), since });
          if (r?.refuse) refuse(rowNo, r.refuse.col ?? col, m.code, r.refuse.reason);
          else if (r?.op) {
            cells.push({ row: rowNo, code: m.code, measureId: m.id, title: m.title, field: key, label: labelOf(key), column: col.letter, old: r.old, new: r.new, op: r.op });
            changedRows.add(rowNo);
          }
          continue;
        }
        const now = exportedText(xc.value(m, ectx), xc.kind, digits, locale);
        if (text === now || (col.role !== 'custom' && xc.kind === 'text' && text.trim() === now && !/description|closureCriteria/.test(key))) continue;
        if (col.role === 'field') patch[key] = text;
        else if (col.role === 'custom') custom[key.slice('custom.'.length)] = text;
        else if (col.role === 'readonly') {
          // Changed in Steerco since the export (a gate approved): the file still shows the exported value.
          const at = since?.('measures', m.id, key === 'lifecycle' ? 'lifecycle' : 'di_level');
          const was = at ? exportedText(xc.value({ ...m, diLevel: Number(at.exported), lifecycle: String(at.exported) as Measure['lifecycle'] }, ectx), xc.kind, digits, locale) : null;
          if (was !== text) refuse(rowNo, col, m.code, `${col.header}: ${LIFECYCLE_HINT[key]} (Steerco has "${now}", the file "${text.slice(0, 40)}")`);
        }
      }
      workflowCells(rowNo, m, texts);
      if (Object.keys(hierarchy).length && !sameHierarchy(hierarchy, ectx.hierarchy(m.nodeId))) {
        const target = resolver.resolve(hierarchy);
        const col = colOf('package') ?? colOf('project') ?? colOf('program');
        const from = resolver.pathOf(nodes.find((n) => n.id === m.nodeId)!);
        const move = (t: { id: string } | { missing: string }, to: string) => {
          cells.push({ row: rowNo, code: m.code, measureId: m.id, title: m.title, field: 'package', label: 'Package', column: col!.letter, old: from, new: to, op: { t: 'move', target: t } });
          changedRows.add(rowNo);
        };
        if ('error' in target) refuse(rowNo, col, m.code, `cannot move ${m.code}: ${target.error}`);
        else if ('missing' in target) {
          missing.set(target.missing.key, target.missing);
          packageRefusals.push({ row: rowNo, column: col!.letter, header: col!.header, code: m.code, reason: `the package "${target.missing.path}" does not exist; choose "create missing packages" to create it`, packageKey: target.missing.key });
          move({ missing: target.missing.key }, `${target.missing.path} (new)`);
        } else if (target.id !== m.nodeId) move({ id: target.id }, target.path);
      }
      if (Object.keys(patch).length || Object.keys(custom).length) {
        edits.push({ id: m.id, patch, custom });
        editRow.set(m.id, { row: rowNo, code: m.code, m });
      }
      continue;
    }

    // No code: a new measure in the package the hierarchy columns name.
    const title = texts.get('title')?.text.trim() ?? '';
    if (!title) {
      refuse(rowNo, colOf('title') ?? codeCol, null, 'a row without a code creates a new measure and needs a title');
      continue;
    }
    const target = resolver.resolve(hierarchy);
    const pkgCol = colOf('package') ?? colOf('project') ?? colOf('program');
    if ('error' in target) {
      refuse(rowNo, pkgCol, null, Object.keys(hierarchy).length ? `cannot create "${title.slice(0, 60)}": ${target.error}` : `cannot create "${title.slice(0, 60)}": a row without a code creates a measure in the package named by its Program, Project and Package columns; add them`);
      continue;
    }
    const plan: CreatePlan = {
      row: rowNo,
      title,
      target: 'missing' in target ? { missing: target.missing.key } : { id: target.id },
      packagePath: 'missing' in target ? target.missing.path : target.path,
      columns: {},
      custom: [],
      workflow: [],
      fields: [],
    };
    if ('missing' in target) {
      missing.set(target.missing.key, target.missing);
      packageRefusals.push({ row: rowNo, column: pkgCol?.letter ?? null, header: pkgCol?.header ?? null, code: null, reason: `the package "${target.missing.path}" does not exist; choose "create missing packages" to create it`, packageKey: target.missing.key });
    }
    const placeKey = `${'missing' in target ? target.missing.key : target.id}\u0000${title.toLowerCase()}`;
    plan.duplicateOf = titles.get(placeKey);
    if (!plan.duplicateOf) titles.set(placeKey, `row ${rowNo}`);
    const patch: Record<string, string> = {};
    const custom: Record<string, string> = {};
    const tplText = texts.get('template');
    let tpl: TemplateRef = null;
    if (tplText) {
      const t = workflow.template(tplText.text);
      if ('problem' in t) refuse(rowNo, tplText.col, null, t.problem);
      else if ((tpl = t.ref)) {
        plan.template = tpl;
        plan.fields.push({ label: 'Template', value: tpl.name });
      }
    }
    for (const [key, { text, col }] of texts) {
      if (text.trim() === '' || col.role === 'key' || col.role === 'hierarchy' || col.role === 'reason' || col.role === 'template') continue;
      if (col.role === 'tplfield') {
        const r = workflow.field(tpl, col.template!, text, `row ${rowNo}`, locale);
        if (r && 'problem' in r) refuse(rowNo, col, null, r.problem);
        else if (r && r.value !== '') {
          plan.workflow.push([col.template!.key, r.value]);
          plan.fields.push({ label: col.header, value: r.value.slice(0, 200) });
        }
        continue;
      }
      if (col.role === 'field') patch[key] = text;
      else if (col.role === 'custom') custom[key.slice('custom.'.length)] = text;
      else if (col.role === 'status' && !/^(not reported|grey|gray|derived)$/i.test(text.trim())) {
        refuse(rowNo, col, null, `${col.header}: a new measure's status is derived by Steerco; set it by hand, with a reason, once the measure exists`);
      } else if (col.role === 'readonly' && !/^(0|defined|active)$/i.test(text.trim())) {
        refuse(rowNo, col, null, `${col.header}: a new measure starts at DI0 (Defined), active; ${LIFECYCLE_HINT[key]}`);
      }
      if (col.role === 'field' || col.role === 'custom') plan.fields.push({ label: labelOf(key), value: text.trim().slice(0, 200) });
    }
    const id = `new:${rowNo}`;
    states.set(id, { id, code: `Row ${rowNo}`, diLevel: 0, startDate: null, dueDate: null });
    edits.push({ id, patch: { ...patch, title }, custom });
    editRow.set(id, { row: rowNo, code: `Row ${rowNo}`, m: null });
    createByEdit.set(id, plan);
    creates.push(plan);
  }

  // Validate every differing cell at once with the bulk-edit rules, then keep what still differs.
  for (const st of getMeasureStatesByIds(db, edits.filter((e) => !e.id.startsWith('new:')).map((e) => e.id))) states.set(st.id, st);
  const { planned, issues } = planEdits(edits, states, people, fields, { locale, digits: CUSTOM_MONEY_DIGITS });
  const byEditCode = new Map([...editRow.values()].map((v) => [v.code, v]));
  mergeRefusals(issues, byEditCode, (key) => colOf(key) ?? colOf(`custom.${key}`), refused, refusedRows);
  for (const p of planned) {
    const at = editRow.get(p.id)!;
    const create = createByEdit.get(p.id);
    if (create) {
      create.columns = p.columns;
      create.custom = p.custom;
      continue;
    }
    const m = at.m!;
    for (const [col, value] of Object.entries(p.columns)) {
      // Statuses come as their own cells (statusChange); every other column is a registry field.
      const f = measureFieldOfColumn(col);
      if (!f || f.kind === 'status') continue;
      const prop = storedProperty(f) as keyof Measure;
      const field = f.key;
      const c = colOf(field)!;
      const cur = (m[prop] as string | null) ?? null;
      cellChange(compare, { row: at.row, m, field, label: labelOf(field), column: c.letter, table: 'measures', rowId: m.id, col, cur, value, op: { t: 'col', col, value }, shown: (v) => storedText(compare, col, v) });
    }
    for (const [fieldId, value] of p.custom) {
      const f = fieldById.get(fieldId)!;
      const c = colOf(`custom.${f.key}`)!;
      const id = `${m.id}:${fieldId}`;
      cellChange(compare, { row: at.row, m, field: `custom.${f.key}`, label: f.label, column: c.letter, table: 'custom_values', rowId: id, col: 'value', cur: customStored.get(id) ?? null, value, op: { t: 'custom', fieldId, value }, shown: (v) => storedText(compare, f, v) });
    }
  }
  if (dataRows === 0) throw new ImportFileError(input.fileName, `${sheet} has a header row (row ${header.row + 1}) but no rows below it.`);
  const formulas = [...table.formulas].filter((k) => Number(k.split(':')[0]) > header.row).length;
  if (formulas) notes.push(`${formulas} cell${formulas === 1 ? ' is a formula' : 's are formulas'}: the result last saved in the file was imported, not the formula.`);
  const touched = new Set([...changedRows, ...refusedRows]);
  const unchanged = [...measureRows].filter((r) => !touched.has(r)).length;
  return {
    headerRow: header.row + 1,
    rows: dataRows,
    columns: columns.map((c) => ({ column: c.letter, header: c.header, key: c.key, use: useOf(c) })),
    notes,
    cells,
    creates,
    missing,
    packageRefusals,
    refused,
    kept,
    unchanged,
  };
}

