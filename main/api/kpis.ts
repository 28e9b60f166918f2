import type { Database } from '../../db/connection.js';
import { currentPeriod } from '../../db/clock.js';
import { NotFoundError, ValidationError } from '../../db/errors.js';
import { fieldValues, kpiRows, type KpiRow } from '../../db/repositories/kpis.js';
import { getNode } from '../../db/repositories/nodes.js';
import { parseNumber, type Kpi, type KpiRollupRow, type RollupRow } from '../../preload/contract.js';
import { rollupFor } from './value-dashboard.js';
import { thresholdProblem, worstStatus } from '../domain/kpis.js';
import type { Handlers } from './handlers.js';
import type { ApiSession } from './session.js';
import { serviceKpis } from './kpi-figures.js';

import { kpisUnder, toKpis } from './kpi-list.js';

type K = 'kpi:list' | 'kpi:save' | 'kpi:remove' | 'kpi:setActual' | 'kpi:rollup' | 'kpi:figures' | 'decisions:setStatus' | 'value:byField';

function mustKpi(db: Database, id: string): KpiRow {
  const r = kpiRows(db, { id })[0];
  if (!r) throw new NotFoundError(`No KPI ${id} (it may have been removed).`);
  return r;
}

/** Roll-up of KPIs by key (and by a choice field's value of their measure). */
export function kpiRollup(db: Database, nodeId: string | undefined, by: string | undefined): KpiRollupRow[] {
  const kpis = kpisUnder(db, nodeId);
  let groupOf: (k: Kpi) => string | null = () => null;
  if (by) {
    const values = fieldValues(db, by);
    if (!values) throw new ValidationError(`Unknown --by "${by}": roll KPIs up by a workspace field or a template field (e.g. customer_segment).`, [{ field: 'by', message: 'Unknown field' }]);
    groupOf = (k) => (k.measureId ? (values.get(k.measureId) ?? '') : '');
  }
  const groups = new Map<string, Kpi[]>();
  for (const k of kpis) {
    const g = `${k.key}\u0000${groupOf(k) ?? ''}`;
    (groups.get(g) ?? groups.set(g, []).get(g)!).push(k);
  }
  return [...groups.entries()].map(([g, list]) => {
    const reported = list.filter((k) => k.latest);
    const count = (s: string) => list.filter((k) => k.status === s).length;
    return {
      key: list[0]!.key,
      name: list[0]!.name,
      unit: list[0]!.unit,
      group: by ? g.split('\u0000')[1]! : null,
      count: list.length,
      green: count('green'),
      amber: count('amber'),
      red: count('red'),
      grey: count('grey'),
      average: reported.length ? reported.reduce((n, k) => n + k.latest!.value, 0) / reported.length : null,
      status: worstStatus(list.map((k) => k.status)),
    };
  });
}

export function kpiHandlers(s: ApiSession): Pick<Handlers, K> {
  return {
    'kpi:list': ({ measureId, nodeId, under }) => {
      const db = s.db();
      if (under) return kpisUnder(db, under);
      return toKpis(db, kpiRows(db, measureId ? { measureId } : nodeId ? { nodeId } : {}));
    },
    'kpi:save': ({ id, measureId, nodeId, kpi }) => {
      const db = s.db();
      const problem = thresholdProblem(kpi);
      if (problem) throw new ValidationError(problem, [{ field: 'red', message: problem }]);
      const values = { key: kpi.key, name: kpi.name, unit: kpi.unit, direction: kpi.direction, baseline: kpi.baseline, target: kpi.target, amber: kpi.amber, red: kpi.red };
      if (id) {
        mustKpi(db, id);
        s.act(`Edit KPI ${kpi.name}`, (w) => w.update('kpis', id, values));
        return toKpis(db, kpiRows(db, { id }))[0]!;
      }
      if (measureId && !db.prepare('SELECT 1 FROM measures WHERE id = ? AND deleted = 0').get(measureId)) throw new NotFoundError(`No measure ${measureId} (it may have been deleted).`);
      if (nodeId && !getNode(db, nodeId)) throw new NotFoundError(`No hierarchy node ${nodeId} (it may have been deleted).`);
      if (measureId && nodeId) throw new ValidationError('A KPI is on a measure or on a node, not both.');
      const { value } = s.act(`Add KPI ${kpi.name}`, (w) => w.insert('kpis', { ...values, measure_id: measureId ?? null, node_id: nodeId ?? null, sort_order: 0 }));
      return toKpis(db, kpiRows(db, { id: value }))[0]!;
    },
    'kpi:remove': ({ id }) => {
      const r = mustKpi(s.db(), id);
      s.act(`Remove KPI ${r.name}`, (w) => w.remove('kpis', id));
      return { removed: 1 };
    },
    'kpi:setActual': ({ id, period, value, locale }) => {
      const db = s.db();
      const k = mustKpi(db, id);
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new ValidationError(`"${period}" is not a month (YYYY-MM).`, [{ field: 'period', message: 'Not a month' }]);
      const now = currentPeriod();
      if (period > now) throw new ValidationError(`${k.name}: ${period} is in the future (this month is ${now}); an actual is reported for a month that has begun.`, [{ field: 'period', message: 'Future month' }]);
      const rowId = `${id}:${period}`;
      const text = value.replace(/%/g, '').trim();
      if (text === '') {
        if (db.prepare('SELECT 1 FROM kpi_actuals WHERE id = ? AND deleted = 0').get(rowId)) s.act(`Clear ${k.name} actual ${period}`, (w) => w.remove('kpi_actuals', rowId));
        return toKpis(db, kpiRows(db, { id }))[0]!;
      }
      const n = parseNumber(text, locale);
      if (!n.ok) throw new ValidationError(`${k.name}: ${n.message}`, [{ field: 'value', message: n.message }]);
      const v = Number(n.value);
      s.act(`${k.name} actual ${period}`, (w) => {
        if (db.prepare('SELECT 1 FROM kpi_actuals WHERE id = ?').get(rowId)) w.update('kpi_actuals', rowId, { value: v, deleted: 0 });
        else w.insert('kpi_actuals', { kpi_id: id, period, value: v }, rowId);
      });
      return toKpis(db, kpiRows(db, { id }))[0]!;
    },
    'kpi:rollup': ({ nodeId, by }) => kpiRollup(s.db(), nodeId, by),
    'kpi:figures': ({ nodeId, locale }) => serviceKpis(s, nodeId, locale),
    'value:byField': ({ nodeId, field }) => {
      const values = fieldValues(s.db(), field);
      if (!values) throw new ValidationError(`Unknown --by "${field}": not a value dimension, a workspace field or a template field.`, [{ field: 'by', message: 'Unknown field' }]);
      const groups = new Map<string, RollupRow & { group: string }>();
      const SUMS = ['measures', 'plan', 'baseline', 'forecast', 'actual', 'runRate', 'riskWeightedPlan', 'riskWeightedForecast', 'target', 'gap'] as const;
      for (const r of rollupFor(s, { ...(nodeId ? { nodeId } : {}), by: ['measure'] })) {
        const group = values.get(String(r.keys.measure)) ?? '';
        let g = groups.get(group);
        if (!g) groups.set(group, (g = { keys: {}, group, measures: 0, plan: 0, baseline: 0, forecast: 0, actual: 0, runRate: 0, riskWeightedPlan: 0, riskWeightedForecast: 0, target: 0, gap: 0 }));
        for (const k of SUMS) g[k] += r[k];
      }
      return { field, rows: [...groups.values()].sort((a, b) => (a.group === '' ? 1 : b.group === '' ? -1 : a.group.localeCompare(b.group))) };
    },
    'decisions:setStatus': ({ id, status }) => {
      const d = s.db().prepare('SELECT code FROM decisions WHERE id = ? AND deleted = 0').get(id) as { code: string } | undefined;
      if (!d) throw new NotFoundError(`No decision ${id}.`);
      s.act(`Mark ${d.code} ${status}`, (w) => w.update('decisions', id, { status }));
      return { id, status };
    },
  };
}
