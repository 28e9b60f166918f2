import type { EffectValue, ValueField } from '../../../preload/contract';

export function addMonths(period: string, n: number): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  return `${yy}-${String((((m % 12) + 12) % 12) + 1).padStart(2, '0')}`;
}

export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let p = from; p <= to && out.length < 600; p = addMonths(p, 1)) out.push(p);
  return out;
}

/** Columns of one year: three months then their quarter subtotal, four times, then the year total. */
export type Column = { kind: 'month'; period: string } | { kind: 'quarter'; label: string; periods: string[] } | { kind: 'year'; label: string; periods: string[] };

export function yearColumns(year: number, range: { from: string; to: string }): Column[] {
  const cols: Column[] = [];
  const all: string[] = [];
  for (let q = 0; q < 4; q++) {
    const months = [1, 2, 3].map((k) => `${year}-${String(q * 3 + k).padStart(2, '0')}`).filter((p) => p >= range.from && p <= range.to);
    if (months.length === 0) continue;
    months.forEach((period) => cols.push({ kind: 'month', period }));
    cols.push({ kind: 'quarter', label: `Q${q + 1}`, periods: months });
    all.push(...months);
  }
  cols.push({ kind: 'year', label: `FY ${year}`, periods: all });
  return cols;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const monthLabel = (p: string) => `${MONTHS[Number(p.slice(5, 7)) - 1]} ${p.slice(2, 4)}`;

/** Exact integer sum of a field over months (null = nothing entered anywhere). */
export function sumOf(values: Map<string, EffectValue>, lineId: string, field: ValueField | 'baseline', periods: string[]): number | null {
  let total: number | null = null;
  for (const p of periods) {
    const v = values.get(`${lineId}:${p}`)?.[field];
    if (v !== null && v !== undefined) total = (total ?? 0) + v;
  }
  return total;
}

/** Tab- and newline-separated text copied from Excel: rows of cells. */
export function parseClipboard(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n$/, '')
    .split('\n')
    .map((r) => r.split('\t'));
}
