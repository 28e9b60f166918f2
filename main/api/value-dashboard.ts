import { rollup, scopedMeasures } from '../../db/repositories/value-rollup.js';
import { getNode } from '../../db/repositories/nodes.js';
import { NotFoundError } from '../../db/errors.js';
import { RAG, type BlockedMeasure, type DashboardData, type QuestionKey, type Rag, type RollupDim, type RollupRow } from '../../preload/contract.js';
import type { ApiSession } from './session.js';
import { fiveQuestions } from './five-questions.js';
import { currencyOf } from './currency.js';
import { currentPeriod } from '../../db/clock.js';

const EMPTY: Omit<RollupRow, 'keys'> = {
  measures: 0, plan: 0, baseline: 0, forecast: 0, actual: 0, runRate: 0, riskWeightedPlan: 0, riskWeightedForecast: 0, target: 0, gap: 0,
};

function labels(s: ApiSession, dim: RollupDim): Map<string, string> {
  const db = s.db();
  if (dim === 'node' || dim === 'workstream') return new Map((db.prepare('SELECT id, name FROM nodes').all() as { id: string; name: string }[]).map((r) => [r.id, r.name]));
  if (dim === 'owner') return new Map((db.prepare('SELECT id, name FROM people').all() as { id: string; name: string }[]).map((r) => [r.id, r.name]));
  if (dim === 'measure') return new Map((db.prepare("SELECT id, code || ' ' || title AS name FROM measures").all() as { id: string; name: string }[]).map((r) => [r.id, r.name]));
  return new Map();
}

/** The roll-up the API, the CLI and the dashboard share; labels for id-valued keys. */
export function rollupFor(s: ApiSession, q: { nodeId?: string; by: RollupDim[]; from?: string; to?: string; noRunRate?: boolean }): RollupRow[] {
  if (q.nodeId && !getNode(s.db(), q.nodeId)) throw new NotFoundError(`No hierarchy node ${q.nodeId} (it may have been deleted).`);
  const by = [...new Set(q.by)];
  const rows = rollup(s.db(), { ...q, by, runRatePeriod: q.to ?? currentPeriod() });
  const named = by.find((d) => d === 'node' || d === 'workstream' || d === 'owner' || d === 'measure');
  if (!named) return rows;
  const names = labels(s, named);
  return rows.map((r) => ({ ...r, label: names.get(String(r.keys[named])) ?? '(none)' }));
}

function groupIds<T extends string | number>(list: { id: string; key: T }[]): Map<T, string[]> {
  const m = new Map<T, string[]>();
  for (const x of list) {
    const ids = m.get(x.key);
    if (ids) ids.push(x.id);
    else m.set(x.key, [x.id]);
  }
  return m;
}

/** Everything the dashboard draws, for the whole workspace or one hierarchy node. */
export function dashboard(s: ApiSession, nodeId?: string, blocked?: BlockedMeasure[]): DashboardData {
  const db = s.db();
  const total = rollupFor(s, { nodeId, by: [] })[0];
  const totals: RollupRow = total ? { ...total, keys: {} } : { ...EMPTY, keys: {} };
  const measures = scopedMeasures(db, nodeId);
  const levels = db.prepare('SELECT level, name, risk_weight_pct AS pct FROM gate_levels WHERE deleted = 0 ORDER BY level').all() as { level: number; name: string; pct: number }[];
  const byDi = new Map(rollupFor(s, { nodeId, by: ['di'], noRunRate: true }).map((r) => [Number(r.keys.di), r]));
  const diIds = groupIds(measures.map((m) => ({ id: m.id, key: m.diLevel })));
  const pipeline = levels.map((l) => {
    const r = byDi.get(l.level);
    return { level: l.level, name: l.name, weightPct: l.pct, plan: r?.plan ?? 0, forecast: r?.forecast ?? 0, riskWeightedForecast: r?.riskWeightedForecast ?? 0, measureIds: diIds.get(l.level) ?? [] };
  });
  let cumPlan = 0;
  let cumForecast = 0;
  let cumActual = 0;
  const monthly = rollupFor(s, { nodeId, by: ['period'] }).map((r) => {
    cumPlan += r.plan;
    cumForecast += r.forecast;
    cumActual += r.actual;
    return { period: String(r.keys.period), plan: r.plan, forecast: r.forecast, actual: r.actual, cumPlan, cumForecast, cumActual, measureIds: [] as string[] };
  });
  const wsIds = groupIds(measures.filter((m) => m.workstream).map((m) => ({ id: m.id, key: m.workstream! })));
  const bridge = rollupFor(s, { nodeId, by: ['workstream'], noRunRate: true })
    .filter((r) => r.keys.workstream)
    .map((r) => ({ nodeId: String(r.keys.workstream), name: r.label ?? '', target: r.target, forecast: r.forecast, gap: r.gap, measureIds: wsIds.get(String(r.keys.workstream)) ?? [] }));
  const cellValue = new Map(rollupFor(s, { nodeId, by: ['implementation', 'potential'], noRunRate: true }).map((r) => [`${r.keys.implementation}/${r.keys.potential}`, r.forecast]));
  const cellIds = groupIds(measures.map((m) => ({ id: m.id, key: `${m.implementation}/${m.potential}` })));
  const matrix = RAG.flatMap((i) =>
    RAG.map((p) => {
      const ids = cellIds.get(`${i}/${p}`) ?? [];
      return { implementation: i as Rag, potential: p as Rag, count: ids.length, forecast: cellValue.get(`${i}/${p}`) ?? 0, measureIds: ids };
    }),
  );
  return {
    ...currencyOf(s),
    pipeline,
    monthly,
    target: totals.target,
    bridge,
    matrix,
    questions: fiveQuestions(s, measures, totals, blocked).counts,
    totals,
  };
}

/** The measures behind one figure of the five questions, in code order. */
export function questionMeasures(s: ApiSession, nodeId: string | undefined, question: QuestionKey): string[] {
  if (nodeId && !getNode(s.db(), nodeId)) throw new NotFoundError(`No hierarchy node ${nodeId} (it may have been deleted).`);
  const total = rollupFor(s, { nodeId, by: [], noRunRate: true })[0];
  return fiveQuestions(s, scopedMeasures(s.db(), nodeId), total ? { ...total, keys: {} } : { ...EMPTY, keys: {} }).ids[question];
}
