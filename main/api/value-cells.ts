import { ValidationError } from '../../db/errors.js';
import { listLines, validatedPeriods } from '../../db/repositories/value.js';
import type { Measure, ValueField } from '../../preload/contract.js';
import { LINE_TYPE_RULES, measureRange } from '../domain/value-lines.js';
import { minorDigits } from '../domain/value-money.js';
import { parseMoney } from '../../preload/contract/parse.js';
import { getMeta } from '../../db/connection.js';
import type { ApiSession } from './session.js';
import { currentPeriod } from '../../db/clock.js';

export interface CellInput {
  lineId: string;
  period: string;
  field: ValueField;
  value: string | null;
}

export interface CheckedCell {
  lineId: string;
  period: string;
  field: ValueField;
  value: number | null;
}

/**
 * Checks every cell of a grid edit or paste before anything is written; one issue per
 * refused cell (field '<line>:<month>:<plan|forecast|actual>'), so the grid marks each.
 */
export function checkCells(s: ApiSession, m: Measure, cells: CellInput[], locale?: string): CheckedCell[] {
  const db = s.db();
  const digits = minorDigits(getMeta(db, 'currency') ?? 'EUR');
  const lines = new Map(listLines(db, m.id).map((l) => [l.id, l]));
  const locked = validatedPeriods(db, m.id);
  const range = measureRange(m.startDate, m.dueDate, currentPeriod());
  const current = currentPeriod();
  const issues: { field: string; row: string; message: string }[] = [];
  const out: CheckedCell[] = [];
  for (const c of cells) {
    const field = `${c.lineId}:${c.period}:${c.field}`;
    const refuse = (message: string) => issues.push({ field, row: m.code, message: `${c.period} ${c.field}: ${message}` });
    const line = lines.get(c.lineId);
    if (!line) {
      refuse('this effect line is not part of the measure (it may have been deleted)');
      continue;
    }
    if (c.period < range.from || c.period > range.to) {
      refuse(`outside the measure's months (${range.from} to ${range.to})`);
      continue;
    }
    if (c.field === 'actual' && c.period > current && c.value !== null && c.value.trim() !== '') {
      refuse(`actuals cannot be entered for a future month (now ${current})`);
      continue;
    }
    if (locked.has(c.period)) {
      refuse(`validated by the controller${m.controller ? ` (${m.controller})` : ''}; it must be reopened before editing`);
      continue;
    }
    if (c.value === null || c.value.trim() === '') {
      out.push({ ...c, value: null });
      continue;
    }
    const r = parseMoney(c.value, digits, locale);
    if (!r.ok) {
      refuse(r.message);
      continue;
    }
    if (r.value < 0 && LINE_TYPE_RULES[line.type].nonNegative) {
      refuse(`${LINE_TYPE_RULES[line.type].label} is entered as a positive amount (the line type gives the sign)`);
      continue;
    }
    out.push({ ...c, value: r.value });
  }
  if (issues.length) {
    const head = issues.length === 1 ? issues[0]!.message : `${issues.length} amounts refused, nothing saved: ${issues[0]!.message}; …`;
    throw new ValidationError(`${m.code} not saved — ${head}`, issues);
  }
  return out;
}
