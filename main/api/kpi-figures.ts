import type { Database } from '../../db/connection.js';
import { daysBetween, today } from '../../db/clock.js';
import { subtreeIds } from '../../db/repositories/nodes.js';
import { listTemplates, templateChecks, templateLinks, templateValues } from '../../db/repositories/templates.js';
import { RAG, type Rag, type ServiceFigure, type ServiceKpis } from '../../preload/contract.js';
import { worstStatus } from '../domain/kpis.js';
import { money, moneyIn, pct, plural } from '../domain/pack-format.js';
import { kpisUnder } from './kpi-list.js';
import { pendingGateRequests } from './pack-meetings.js';
import { currentTriggers } from './raid-escalations.js';
import type { ApiSession } from './session.js';
import { currencyOf } from './currency.js';

/**
 * The article's ten report figures, each derived here once: the dashboard panel, the pack
 * section, the executive summary and the CLI all show this result.
 */

interface LiveMeasure {
  id: string;
  nodeId: string;
  startDate: string | null;
}

function liveMeasures(db: Database, nodeId: string | undefined): LiveMeasure[] {
  const rows = db.prepare("SELECT id, node_id AS nodeId, start_date AS startDate FROM measures WHERE deleted = 0 AND lifecycle IN ('active', 'on_hold')").all() as LiveMeasure[];
  if (!nodeId) return rows;
  const nodes = new Set(subtreeIds(db, nodeId));
  return rows.filter((m) => nodes.has(m.nodeId));
}

const ECONOMICS = ['forecast_margin', 'target_margin', 'actual_service_cost', 'baseline_service_cost'];

/**
 * Plan, forecast and actual of the service-economics lines per type, over the measures (minor
 * units). The lines are few: walk them first (CROSS JOIN keeps that order), then their values by index.
 */
function economics(db: Database, ids: Set<string>): Record<string, { plan: number; forecast: number; actual: number }> {
  const rows = db
    .prepare(
      `SELECT l.type, l.measure_id AS m, coalesce(sum(v.plan), 0) AS plan, coalesce(sum(v.forecast), 0) AS forecast, coalesce(sum(v.actual), 0) AS actual
       FROM effect_lines l CROSS JOIN effect_values v ON v.line_id = l.id AND v.deleted = 0
       WHERE l.deleted = 0 AND l.type IN (SELECT value FROM json_each(?)) GROUP BY l.type, l.measure_id`,
    )
    .all(JSON.stringify(ECONOMICS)) as { type: string; m: string; plan: number; forecast: number; actual: number }[];
  const out = Object.fromEntries(ECONOMICS.map((t) => [t, { plan: 0, forecast: 0, actual: 0 }]));
  for (const r of rows) {
    if (!ids.has(r.m)) continue;
    const o = out[r.type]!;
    o.plan += r.plan;
    o.forecast += r.forecast;
    o.actual += r.actual;
  }
  return out;
}

/**
 * The escalations the RAID tab lists (every trigger that holds, and the RAID items escalated by
 * hand), counted without recording them: opening the dashboard writes nothing.
 */
function escalationBacklog(db: Database, ids: Set<string> | null, raidIds: Set<string>, day: string): { level: string }[] {
  const measureOf = (kind: string, id: string): string | null => {
    if (kind === 'measure') return id;
    const table = kind === 'dependency' ? 'dependencies' : kind === 'gate_request' ? 'gate_requests' : kind === 'raid_item' ? 'raid_items' : null;
    return table ? ((db.prepare(`SELECT measure_id AS m FROM ${table} WHERE id = ?`).get(id) as { m: string | null } | undefined)?.m ?? null) : null;
  };
  const seen = new Set<string>();
  const out: { level: string }[] = [];
  for (const t of currentTriggers(db, day)) {
    if (seen.has(t.subjectKey)) continue;
    seen.add(t.subjectKey);
    if (ids && !(t.subjectKind === 'raid_item' && raidIds.has(t.subjectId)) && !ids.has(measureOf(t.subjectKind, t.subjectId) ?? '')) continue;
    out.push({ level: t.level });
  }
  const manual = db.prepare("SELECT id, escalation_level AS level FROM raid_items WHERE deleted = 0 AND escalated = 1 AND status <> 'closed'").all() as { id: string; level: string | null }[];
  for (const r of manual) if (!ids || raidIds.has(r.id)) out.push({ level: r.level ?? 'project' });
  return out;
}

/** The service figures of the dashboard and the pack; money in `locale`'s way (none: "EUR 1,234"). */
export async function serviceKpis(s: ApiSession, nodeId?: string, locale?: string | null): Promise<ServiceKpis> {
  const db = s.db();
  const day = today();
  const measures = liveMeasures(db, nodeId);
  const ids = new Set(measures.map((m) => m.id));
  const currency = moneyIn({ currency: currencyOf(s).currency, locale });
  const links = templateLinks(db);
  const templates = new Map(listTemplates(db).map((t) => [t.id, t]));
  const values = templateValues(db, null);
  const checks = templateChecks(db, null).filter((c) => c.done === 1 && ids.has(c.measureId));
  const doneBy = new Map<string, typeof checks>();
  for (const c of checks) (doneBy.get(c.measureId) ?? doneBy.set(c.measureId, []).get(c.measureId)!).push(c);
  const doneOf = (m: string) => new Set((doneBy.get(m) ?? []).map((c) => c.itemKey));
  const tplOf = (m: string) => templates.get(links.get(m) ?? '');
  const valueOf = (m: string, suffix: string) => Object.entries(values.get(m) ?? {}).find(([k]) => k === suffix || k.endsWith(`_${suffix}`))?.[1] ?? '';

  // 1, 2: launch readiness and onboarding cycle time, over measures whose template carries a go/no-go.
  const launches = measures.filter((m) => tplOf(m.id)?.fields.some((f) => f.key === 'go_no_go'));
  let steps = 0;
  let done = 0;
  let decided = 0;
  const cycle: number[] = [];
  for (const m of launches) {
    const t = tplOf(m.id)!;
    const d = doneOf(m.id);
    steps += t.checklist.length;
    done += t.checklist.filter((c) => d.has(c.key)).length;
    if (['Go', 'No go'].includes(valueOf(m.id, 'go_no_go'))) decided++;
    const tick = (doneBy.get(m.id) ?? []).find((c) => /go_no_go/.test(c.itemKey));
    if (m.startDate) cycle.push(Math.max(0, daysBetween(m.startDate, tick?.at?.slice(0, 10) ?? day)));
  }
  const readiness = steps ? Math.round((done / steps) * 100) : null;
  const cycleDays = cycle.length ? Math.round(cycle.reduce((a, b) => a + b, 0) / cycle.length) : null;

  // 3, 6: the escalations and the approvals inbox the RAID and gates features list.
  const raidIds = new Set((db.prepare('SELECT id, measure_id AS m, node_id AS n FROM raid_items WHERE deleted = 0').all() as { id: string; m: string | null }[]).filter((r) => !nodeId || (r.m && ids.has(r.m))).map((r) => r.id));
  const escalations = escalationBacklog(db, nodeId ? ids : null, raidIds, day);
  const pending = await pendingGateRequests(s, nodeId ? ids : null);
  const ages = pending.map((r) => r.ageDays);

  // 4: SLA risk reported high (any template field named *sla_risk).
  const slaHigh = measures.filter((m) => valueOf(m.id, 'sla_risk') === 'High').length;
  const slaMedium = measures.filter((m) => valueOf(m.id, 'sla_risk') === 'Medium').length;

  // 5: decisions still open in the decision log.
  const openDecisions = (db.prepare("SELECT count(*) AS n FROM decisions WHERE deleted = 0 AND status = 'open'").get() as { n: number }).n;

  // 7, 8: the service-economics lines, summed over the measures in scope.
  const eco = economics(db, ids);
  const forecastMargin = eco.forecast_margin!.forecast;
  const targetMargin = eco.target_margin!.plan;
  const actualCost = eco.actual_service_cost!.actual;
  const baselineCost = eco.baseline_service_cost!.plan;

  // 9: exceptions found by quality reviews, and failed reviews.
  const reviews = measures.filter((m) => tplOf(m.id)?.fields.some((f) => f.key === 'review_exceptions'));
  const exceptions = reviews.reduce((n, m) => n + (Number(values.get(m.id)?.review_exceptions ?? 0) || 0), 0);
  const failed = reviews.filter((m) => values.get(m.id)?.review_outcome === 'Failed').length;

  // 10: KPI status per customer segment (the workspace's choice field of that name).
  const kpis = kpisUnder(db, nodeId);
  const segField = db.prepare("SELECT id FROM custom_fields WHERE key = 'customer_segment' AND deleted = 0").get() as { id: string } | undefined;
  const segOf = new Map(segField ? (db.prepare('SELECT measure_id AS m, value AS v FROM custom_values WHERE field_id = ? AND deleted = 0').all(segField.id) as { m: string; v: string }[]).map((r) => [r.m, r.v]) : []);
  const bySegment = new Map<string, Rag[]>();
  for (const k of kpis) {
    const seg = k.measureId ? segOf.get(k.measureId) : undefined;
    if (seg) (bySegment.get(seg) ?? bySegment.set(seg, []).get(seg)!).push(k.status);
  }
  const segments = [...bySegment.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([seg, list]) => ({ seg, status: worstStatus(list), n: list.length }));
  const statusCounts = Object.fromEntries(RAG.map((r) => [r, kpis.filter((k) => k.status === r).length])) as Record<Rag, number>;

  const figures: ServiceFigure[] = [
    {
      key: 'launch_readiness',
      label: 'Service launch readiness',
      value: readiness === null ? '—' : `${readiness} %`,
      raw: readiness,
      hint: launches.length ? `${done} of ${steps} readiness steps done over ${plural(launches.length, 'launch')} · go/no-go decided for ${decided} of ${launches.length}` : 'no launch follows a workflow with a go/no-go',
      ...(readiness !== null ? { rag: (readiness >= 80 ? 'green' : readiness >= 50 ? 'amber' : 'red') as Rag } : {}),
    },
    { key: 'onboarding_cycle_time', label: 'Onboarding cycle time', value: cycleDays === null ? '—' : plural(cycleDays, 'day'), raw: cycleDays, hint: cycle.length ? `mean from start to the go/no-go (or today) over ${plural(cycle.length, 'onboarding')}` : 'no onboarding with a start date' },
    { key: 'escalation_backlog', label: 'Escalation backlog', value: String(escalations.length), raw: escalations.length, hint: `${escalations.filter((e) => e.level === 'steering').length} at steering level · ${escalations.filter((e) => e.level === 'program').length} program · ${escalations.filter((e) => e.level === 'project').length} project`, rag: escalations.some((e) => e.level === 'steering') ? 'red' : escalations.length ? 'amber' : 'green' },
    { key: 'sla_risk', label: 'SLA risk', value: plural(slaHigh, 'measure'), raw: slaHigh, hint: `SLA risk reported high · ${slaMedium} medium`, rag: slaHigh ? 'red' : slaMedium ? 'amber' : 'green' },
    { key: 'open_decisions', label: 'Open decision count', value: String(openDecisions + pending.length), raw: openDecisions + pending.length, hint: `${plural(openDecisions, 'open decision')} in the log · ${plural(pending.length, 'gate request')} waiting for approval` },
    {
      key: 'approval_aging',
      label: 'Approval aging',
      value: ages.length ? plural(Math.round(ages.reduce((a, b) => a + b, 0) / ages.length), 'day') : '—',
      raw: ages.length ? Math.round(ages.reduce((a, b) => a + b, 0) / ages.length) : null,
      hint: ages.length ? `mean age of ${plural(ages.length, 'pending approval')} · oldest ${plural(Math.max(...ages), 'day')}` : 'no approval pending',
    },
    { key: 'forecast_margin', label: 'Forecast margin', value: money(forecastMargin, currency), raw: forecastMargin, hint: `forecast-margin lines summed · target margin ${money(targetMargin, currency)}`, ...(targetMargin ? { rag: (forecastMargin >= targetMargin ? 'green' : 'amber') as Rag } : {}) },
    { key: 'actual_service_cost', label: 'Actual service cost', value: money(actualCost, currency), raw: actualCost, hint: `actual-service-cost lines summed · baseline ${money(baselineCost, currency)}${baselineCost ? ` (${pct(actualCost, baselineCost)} of it)` : ''}` },
    { key: 'quality_exceptions', label: 'Quality review exceptions', value: String(exceptions), raw: exceptions, hint: `over ${plural(reviews.length, 'quality review')} · ${failed} failed`, rag: failed ? 'red' : exceptions ? 'amber' : 'green' },
    {
      key: 'segment_performance',
      label: 'Customer segment performance',
      value: segments.length ? `${segments.filter((x) => x.status === 'green').length} of ${segments.length} segments green` : '—',
      raw: segments.length,
      hint: segments.length ? segments.map((x) => `${x.seg}: ${x.status} (${plural(x.n, 'KPI')})`).join(' · ') : 'no KPI on a measure with a customer segment',
      ...(segments.length ? { rag: worstStatus(segments.map((x) => x.status)) } : {}),
    },
  ];
  return { figures, kpis, statusCounts };
}
