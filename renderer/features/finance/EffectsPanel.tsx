import { useEffect, useMemo, useState } from 'react';
import { EFFECT_LINE_TYPES, type EffectLine, type EffectLineType, type EffectValue, type MeasureValue, type ValueField } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { AmountCell } from './AmountCell';
import { formatAmount, formatMoney } from './money';
import { userLocale } from '../../app/locale';
import { monthLabel, monthsBetween, parseClipboard, sumOf, yearColumns } from './periods';
import { StatusCards } from './StatusCards';
import { ValidationRow } from './ValidationRow';
import type { CellEdit } from './slice';

export const LINE_LABELS: Record<EffectLineType, string> = {
  recurring_benefit: 'Recurring benefit (run-rate)',
  one_time_benefit: 'One-time benefit',
  one_time_cost: 'One-time cost (setup)',
  recurring_cost: 'Recurring cost',
  capex: 'Capex',
  baseline_service_cost: 'Baseline service cost',
  target_margin: 'Target margin',
  forecast_margin: 'Forecast margin',
  actual_service_cost: 'Actual service cost',
  billing_leakage: 'Billing leakage',
  customer_profitability: 'Customer profitability',
  capacity_impact: 'Capacity impact',
};
const FIELDS: ValueField[] = ['plan', 'forecast', 'actual'];
const FIELD_LABELS: Record<ValueField | 'baseline', string> = { plan: 'Plan', baseline: 'Baseline', forecast: 'Forecast', actual: 'Actual' };

/** Period grid of one measure: months as columns, lines × plan/forecast/actual as rows, quarter and year subtotals. */
export function EffectsPanel({ measureId }: { measureId: string }) {
  const v = useApp((s) => (s.measureValue?.measureId === measureId ? s.measureValue : null));
  const openEffects = useApp((s) => s.openEffects);
  useEffect(() => {
    void openEffects(measureId);
  }, [measureId, openEffects]);
  if (!v) return <div className="muted">Loading effects…</div>;
  return <PeriodGrid v={v} />;
}

function PeriodGrid({ v }: { v: MeasureValue }) {
  const api = useApp((s) => s.api);
  const setCells = useApp((s) => s.setCells);
  const valueAction = useApp((s) => s.valueAction);
  const errors = useApp((s) => s.valueErrors);
  const years = useMemo(() => {
    const ys: number[] = [];
    for (let y = Number(v.range.from.slice(0, 4)); y <= Number(v.range.to.slice(0, 4)); y++) ys.push(y);
    return ys;
  }, [v.range]);
  const [year, setYear] = useState(() => {
    const now = Number(v.currentPeriod.slice(0, 4));
    return years.includes(now) ? now : years[0]!;
  });
  const [newType, setNewType] = useState<EffectLineType>('recurring_benefit');
  const values = useMemo(() => new Map<string, EffectValue>(v.values.map((x) => [`${x.lineId}:${x.period}`, x])), [v.values]);
  const validated = useMemo(() => new Map(v.validations.filter((x) => x.state === 'validated').map((x) => [x.period, x])), [v.validations]);
  const cols = yearColumns(year, v.range);
  const allMonths = useMemo(() => monthsBetween(v.range.from, v.range.to), [v.range]);
  const fmt = (n: number | null) => formatAmount(n, v.digits);

  /** Excel paste: rows go down the line's plan/forecast/actual rows, columns along the months. */
  const paste = (line: EffectLine, field: ValueField, period: string, text: string): boolean => {
    const grid = parseClipboard(text);
    const start = allMonths.indexOf(period);
    const fi = FIELDS.indexOf(field);
    const cells: CellEdit[] = [];
    grid.forEach((row, r) =>
      row.forEach((raw, c) => {
        const f = FIELDS[fi + r];
        const p = allMonths[start + c] ?? `${period}+${c}`;
        if (f) cells.push({ lineId: line.id, period: /^\d{4}-\d{2}$/.test(p) ? p : '9999-12', field: f, value: raw.trim() === '' ? null : raw });
      }),
    );
    if (cells.length === 0) return false;
    void setCells(cells);
    return true;
  };

  return (
    <div className="effects" data-testid="effects-panel">
      <StatusCards v={v} />
      <div className="effects-toolbar">
        <div className="row" role="group" aria-label="Year">
          {years.map((y) => (
            <button key={y} className={y === year ? 'active' : ''} aria-pressed={y === year} onClick={() => setYear(y)}>
              {y}
            </button>
          ))}
        </div>
        <span className="muted">
          {v.currency} · {v.baselineLocked ? 'baseline locked at DI3' : v.diLevel >= 3 ? 'baseline locks at the next plan edit' : 'baseline locks when the measure passes DI3'} · controller:{' '}
          {v.controller ?? 'none'}
          {v.canValidate ? ' (you)' : ''}
        </span>
        <span className="spacer" />
        <select aria-label="New line type" value={newType} onChange={(e) => setNewType(e.target.value as EffectLineType)}>
          {EFFECT_LINE_TYPES.map((t) => (
            <option key={t} value={t}>
              {LINE_LABELS[t]}
            </option>
          ))}
        </select>
        <button onClick={() => void valueAction(() => api.call('value:addLine', { measureId: v.measureId, type: newType }))}>+ Add line</button>
      </div>
      <div className="effects-scroll">
        <table className="period-grid">
          <thead>
            <tr>
              <th className="sticky">Line</th>
              {cols.map((c) => (
                <th key={c.kind === 'month' ? c.period : c.label} className={c.kind}>
                  {c.kind === 'month' ? monthLabel(c.period) : c.label}
                </th>
              ))}
            </tr>
            <ValidationRow v={v} cols={cols} validated={validated} />
          </thead>
          {v.lines.map((line) => (
            <tbody key={line.id} data-line={line.id}>
              <tr className="line-head">
                <th className="sticky" colSpan={1}>
                  <input
                    aria-label="Line label"
                    defaultValue={line.label}
                    key={line.label}
                    onBlur={(e) => e.target.value !== line.label && void valueAction(() => api.call('value:updateLine', { lineId: line.id, label: e.target.value }))}
                  />
                  <small className="muted">{LINE_LABELS[line.type]}</small>
                </th>
                <td colSpan={cols.length} className="line-meta">
                  Target{' '}
                  <input
                    aria-label={`Target of ${line.label}`}
                    className="target"
                    defaultValue={fmt(line.target)}
                    key={String(line.target)}
                    onBlur={(e) =>
                      e.target.value !== fmt(line.target) &&
                      void valueAction(() => api.call('value:updateLine', { lineId: line.id, target: e.target.value, locale: userLocale() }))
                    }
                  />{' '}
                  {line.target !== null && <span className="muted">forecast total {formatMoney(sumOf(values, line.id, 'forecast', allMonths) ?? 0, v.currency, v.digits)}</span>}
                  <button className="link" onClick={() => void valueAction(() => api.call('value:deleteLine', { lineId: line.id }))}>
                    Delete line
                  </button>
                </td>
              </tr>
              {(v.baselineLocked ? (['plan', 'baseline', 'forecast', 'actual'] as const) : FIELDS).map((field) => (
                <tr key={field} className={`field-${field}`}>
                  <th className="sticky field">{FIELD_LABELS[field]}</th>
                  {cols.map((c) => {
                    if (c.kind !== 'month') return <td key={c.label} className={`subtotal ${c.kind}`}>{fmt(sumOf(values, line.id, field, c.periods))}</td>;
                    const cell = values.get(`${line.id}:${c.period}`);
                    const amount = cell?.[field] ?? null;
                    if (field === 'baseline') {
                      const dev = cell && cell.plan !== null && cell.baseline !== null && cell.plan !== cell.baseline ? cell.plan - cell.baseline : null;
                      return (
                        <td key={c.period} className="amount baseline" title={dev !== null ? `Plan deviates from baseline by ${fmt(dev)}` : undefined}>
                          {fmt(amount)}
                          {dev !== null && <small className={dev < 0 ? 'dev neg' : 'dev'}> Δ{fmt(dev)}</small>}
                        </td>
                      );
                    }
                    const locked = validated.has(c.period);
                    const future = field === 'actual' && c.period > v.currentPeriod;
                    const key = `${line.id}:${c.period}:${field}`;
                    const unvalidated = field === 'actual' && amount !== null && !cell?.validated;
                    return (
                      <AmountCell
                        key={c.period}
                        value={amount}
                        digits={v.digits}
                        label={`${line.label} ${FIELD_LABELS[field]} ${c.period}`}
                        error={errors[key]}
                        readOnly={locked || future}
                        className={`${locked ? 'locked' : ''} ${unvalidated ? 'unvalidated' : ''} ${future ? 'future' : ''}`}
                        title={locked ? 'Validated by the controller: locked' : unvalidated ? 'Not yet validated by the controller' : future ? 'Actuals only for past and current months' : undefined}
                        onCommit={(text) => setCells([{ lineId: line.id, period: c.period, field, value: text === '' ? null : text }])}
                        onPasteGrid={(text) => paste(line, field, c.period, text)}
                      />
                    );
                  })}
                </tr>
              ))}
            </tbody>
          ))}
        </table>
        {v.lines.length === 0 && <p className="muted">No effect lines yet: add one to plan the value of this measure.</p>}
      </div>
    </div>
  );
}
