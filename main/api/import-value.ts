import { ValidationError } from '../../db/errors.js';
import { listMeasures } from '../../db/repositories/measures.js';
import { cachedStatement } from '../../db/statements.js';
import type { EffectLineType, ImportRefusal, Measure, ValueField } from '../../preload/contract.js';
import { parseMoney } from '../../preload/contract/parse.js';
import { LINE_TYPE_RULES } from '../domain/value-lines.js';
import { minorToDecimal } from '../domain/value-money.js';
import { inputText } from '../exchange/import-cells.js';
import { findValueHeader } from '../exchange/import-columns.js';
import { cellKey, type SheetTable } from '../exchange/import-table.js';
import { lineTypeOf } from '../exchange/value-sheet.js';
import { columnLetter } from '../exchange/xlsx-style.js';
import type { SinceExport } from './import-since.js';
import type { Analysis, ValueCellPlan } from './import-types.js';
import { mergeIssues } from './import-merges.js';
import type { ApiSession } from './session.js';
import { checkCells, type CellInput } from './value-cells.js';
import { currencyOf } from './currency.js';

/*
 * The Value sheet of an import: amounts per effect line and month that differ from Steerco's
 * are checked by the effects grid's own rules (checkCells: validated months locked, actuals
 * only up to the current month, the measure's months only, the line type's sign) and
 * written like an edit in the effects grid. Baselines are never read from a file.
 */

interface LineRow {
  id: string;
  measureId: string;
  type: EffectLineType;
  label: string;
  target: number | null;
}

export function analyzeValue(
  s: ApiSession,
  table: SheetTable,
  opts: { locale?: string; since: SinceExport | null; personName: Map<string, string>; kept: Analysis['kept'] },
): { analysis: NonNullable<Analysis['value']>; refused: ImportRefusal[]; notes: string[] } | null {
  const header = findValueHeader(table);
  if (!header) return null;
  const db = s.db();
  const { digits } = currencyOf(s);
  const locale = opts.locale;
  const measures = new Map(listMeasures(db).map((m) => [m.code.toLowerCase(), m]));
  const lines = cachedStatement(db, 'SELECT id, measure_id AS measureId, type, label, target FROM effect_lines WHERE deleted = 0').all() as LineRow[];
  const lineById = new Map(lines.map((l) => [l.id, l]));
  const linesOf = new Map<string, LineRow[]>();
  for (const l of lines) linesOf.set(l.measureId, [...(linesOf.get(l.measureId) ?? []), l]);
  const values = new Map(
    (cachedStatement(db, 'SELECT id, plan, forecast, actual FROM effect_values WHERE deleted = 0').all() as { id: string; plan: number | null; forecast: number | null; actual: number | null }[]).map((r) => [r.id, r]),
  );
  const refused: ImportRefusal[] = [...mergeIssues(table, header.row)];
  const notes: string[] = header.unknown.length ? [`Value sheet: not imported: ${header.unknown.join(', ')}.`] : [];
  const money = (n: number | null | undefined) => (n === null || n === undefined ? '' : minorToDecimal(n, digits));
  const cells: ValueCellPlan[] = [];
  const perMeasure = new Map<string, { m: Measure; inputs: CellInput[]; plans: Map<string, ValueCellPlan> }>();
  let rows = 0;
  const col = (i: number | null) => (i === null ? null : columnLetter(i + 1));
  for (let r = header.row + 1; r < table.rows.length; r++) {
    const row = table.rows[r] ?? [];
    if (row.every((v) => v === null || v === undefined || (typeof v === 'string' && v.trim() === ''))) continue;
    rows++;
    const rowNo = r + 1;
    const text = (i: number | null) => (i === null ? '' : inputText(row[i] ?? null, 'money', locale).trim());
    const refuse = (c: number | null, reason: string, code: string | null = null) => refused.push({ row: rowNo, column: col(c), header: null, code, reason: `Value sheet: ${reason}` });
    const code = text(header.code);
    const m = measures.get(code.toLowerCase());
    if (!m) {
      refuse(header.code, code ? `there is no measure ${code} in this workspace` : 'a row of the Value sheet needs the measure code');
      continue;
    }
    // The line: by its id when the sheet has it, else by type and label among the measure's lines.
    const lineId = text(header.lineId);
    let line = lineId ? lineById.get(lineId) : undefined;
    if (lineId && (!line || line.measureId !== m.id)) {
      refuse(header.lineId, `the line ${lineId.slice(0, 12)}… is not an effect line of ${m.code} (deleted in Steerco?)`, m.code);
      continue;
    }
    if (!line) {
      const type = lineTypeOf(text(header.lineType));
      const label = text(header.line).toLowerCase();
      const candidates = (linesOf.get(m.id) ?? []).filter((l) => (type === null || l.type === type) && (!label || l.label.toLowerCase() === label));
      if (candidates.length !== 1) {
        refuse(header.line ?? header.lineType, candidates.length ? `${m.code} has several lines "${text(header.line)}"; keep the Line ID column to tell them apart` : `${m.code} has no effect line "${text(header.line) || text(header.lineType)}"; add it in Effects… first`, m.code);
        continue;
      }
      line = candidates[0]!;
    }
    let entry = perMeasure.get(m.id);
    if (!entry) perMeasure.set(m.id, (entry = { m, inputs: [], plans: new Map() }));
    const lineName = line.label || LINE_TYPE_RULES[line.type].label;
    if (header.target !== null && !table.unreadable.has(cellKey(r, header.target))) {
      const t = text(header.target);
      const parsed = t === '' ? { ok: true as const, value: null } : parseMoney(t, digits, locale);
      if (!parsed.ok) refuse(header.target, `${m.code} ${lineName} target: ${parsed.message}`, m.code);
      else if (parsed.value !== line.target) {
        if (parsed.value !== null && parsed.value < 0 && LINE_TYPE_RULES[line.type].nonNegative) refuse(header.target, `${m.code} ${lineName} target: cannot be negative for this line type`, m.code);
        else {
          cells.push({ row: rowNo, code: m.code, measureId: m.id, diLevel: m.diLevel, line: lineName, column: col(header.target)!, old: money(line.target), new: money(parsed.value), cell: { lineId: line.id, target: parsed.value } });
        }
      }
    }
    for (const mc of header.months) {
      const why = table.unreadable.get(cellKey(r, mc.index));
      if (why) {
        refuse(mc.index, `${m.code} ${mc.header}: the cell ${why}`, m.code);
        continue;
      }
      const t = text(mc.index);
      const cur = values.get(`${line.id}:${mc.period}`)?.[mc.field as ValueField] ?? null;
      const parsed = t === '' ? { ok: true as const, value: null } : parseMoney(t, digits, locale);
      if (parsed.ok && parsed.value === cur) continue;
      const key = `${line.id}:${mc.period}:${mc.field}`;
      const plan: ValueCellPlan = {
        row: rowNo,
        code: m.code,
        measureId: m.id,
        diLevel: m.diLevel,
        line: lineName,
        column: mc.letter,
        old: money(cur),
        new: parsed.ok ? money(parsed.value) : t,
        cell: { lineId: line.id, period: mc.period, field: mc.field, value: parsed.ok ? parsed.value : null },
      };
      const since = opts.since?.('effect_values', `${line.id}:${mc.period}`, mc.field);
      if (since && parsed.ok && String(since.exported ?? '') === String(parsed.value ?? '')) {
        opts.kept.push({ row: rowNo, code: m.code, label: `${lineName} ${mc.header}`, steerco: money(cur) });
        continue;
      }
      if (since) {
        plan.conflict = {
          id: `v:${key}`,
          row: rowNo,
          code: m.code,
          field: key,
          label: `${lineName} ${mc.header}`,
          column: mc.letter,
          exported: money(typeof since.exported === 'number' ? since.exported : null),
          steerco: money(cur),
          file: plan.new,
          changedBy: opts.personName.get(since.by) ?? since.by.replace(/^user:/, ''),
          changedAt: since.at,
          take: false,
        };
      }
      entry.inputs.push({ lineId: line.id, period: mc.period, field: mc.field, value: t === '' ? null : t });
      entry.plans.set(key, plan);
    }
  }
  // The effects grid's rules, per measure; each refused amount is reported at its row and column.
  for (const { m, inputs, plans } of perMeasure.values()) {
    if (inputs.length === 0) continue;
    try {
      for (const c of checkCells(s, m, inputs, locale)) {
        const plan = plans.get(`${c.lineId}:${c.period}:${c.field}`)!;
        plan.cell = c;
        cells.push(plan);
      }
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      for (const i of e.issues) {
        const plan = i.field ? plans.get(i.field) : undefined;
        refused.push({ row: plan?.row ?? null, column: plan?.column ?? null, header: null, code: m.code, reason: `Value sheet: ${m.code} ${i.message}` });
      }
    }
  }
  return { analysis: { sheet: table.name ?? 'Value', rows, cells }, refused, notes };
}
