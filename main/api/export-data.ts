import type { Database } from '../../db/connection.js';
import { getMeta } from '../../db/connection.js';
import { replicaId } from '../../db/changes.js';
import { listNodes } from '../../db/repositories/nodes.js';
import { localVector } from '../../db/repositories/sync.js';
import { cachedStatement } from '../../db/statements.js';
import type { EffectLineType, HierarchyNode, Measure, RollupRow, TemplateGrid } from '../../preload/contract.js';
import { templateGrid } from './template-grid.js';
import { addMonths, periodsBetween } from '../domain/value-lines.js';
import type { ExportMeta } from '../exchange/about-sheet.js';
import type { ExportColumn, ExportContext, Hierarchy } from '../exchange/export-columns.js';
import type { ValueSheetData, ValueSheetRow } from '../exchange/value-sheet.js';
import type { ApiSession } from './session.js';
import { rollupFor } from './value-dashboard.js';
import { currencyOf } from './currency.js';
import { currentPeriod, nowIso } from '../../db/clock.js';

/** The program, project and package names above each package (what the hierarchy columns show and the import reads). */
export function hierarchyNames(nodes: HierarchyNode[]): (nodeId: string) => Hierarchy {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const cache = new Map<string, Hierarchy>();
  return (id) => {
    let h = cache.get(id);
    if (!h) {
      h = { program: '', project: '', package: '' };
      for (let n = byId.get(id); n; n = n.parentId ? byId.get(n.parentId) : undefined) {
        if (n.level === 'program' || n.level === 'project' || n.level === 'package') h[n.level] = n.name;
      }
      cache.set(id, h);
    }
    return h;
  };
}

/** Reasons of the statuses set by hand, by measure and kind. */
export function manualReasons(db: Database): (measureId: string, kind: 'implementation' | 'potential') => string | null {
  const rows = cachedStatement(db, 'SELECT measure_id AS m, kind, reason FROM status_overrides WHERE deleted = 0').all() as { m: string; kind: string; reason: string }[];
  const map = new Map(rows.map((r) => [`${r.m}:${r.kind}`, r.reason]));
  return (id, kind) => map.get(`${id}:${kind}`) ?? null;
}

/** What the export columns read besides the measure: hierarchy, value totals (read only when a totals column is written), manual reasons. */
/** `workflow`: the measures' templates and values when the caller has read them already (else read when a workflow column asks). */
export function exportContext(s: ApiSession, columns: ExportColumn[], nodeId?: string, workflow?: TemplateGrid['measures']): ExportContext {
  const db = s.db();
  let totals: Map<string, RollupRow> | null = null;
  const needTotals = columns.some((c) => c.role === 'computed');
  let measures: TemplateGrid['measures'] | null = workflow ?? null;
  const needWorkflow = columns.some((c) => c.role === 'template' || c.role === 'tplfield');
  return {
    workflow: (id) => {
      if (!needWorkflow) return undefined;
      measures ??= templateGrid(db).measures;
      return measures[id];
    },
    hierarchy: hierarchyNames(listNodes(db)),
    manualReason: manualReasons(db),
    totals: (id) => {
      if (!needTotals) return undefined;
      totals ??= new Map(rollupFor(s, { by: ['measure'], ...(nodeId ? { nodeId } : {}), noRunRate: true }).map((r) => [String(r.keys.measure), r]));
      return totals.get(id);
    },
  };
}

/** Where the workspace stood when the export was made, for the About sheet. */
export function exportMeta(s: ApiSession, scope: string): ExportMeta {
  const db = s.db();
  const position = (cachedStatement(db, 'SELECT coalesce(max(seq), 0) AS n FROM change_log').get() as { n: number }).n;
  return {
    title: getMeta(db, 'name') ?? 'Workspace',
    workspaceId: getMeta(db, 'workspace_id') ?? '',
    scope,
    ...currencyOf(s),
    exportedAt: nowIso(),
    replica: replicaId(db),
    position,
    vector: localVector(db),
  };
}

const MAX_MONTHS = 120;

/** Effect lines and monthly plan, forecast and actual of `measures`, for the Value sheet. */
export function valueSheetData(db: Database, measures: Measure[]): ValueSheetData {
  const ids = JSON.stringify(measures.map((m) => m.id));
  const lines = cachedStatement(
    db,
    `SELECT id, measure_id AS measureId, type, label, target FROM effect_lines
     WHERE deleted = 0 AND measure_id IN (SELECT value FROM json_each(?)) ORDER BY sort_order, rowid`,
  ).all(ids) as { id: string; measureId: string; type: EffectLineType; label: string; target: number | null }[];
  const values = cachedStatement(
    db,
    `SELECT v.line_id AS lineId, v.period, v.plan, v.forecast, v.actual FROM effect_values v JOIN effect_lines l ON l.id = v.line_id
     WHERE v.deleted = 0 AND l.deleted = 0 AND l.measure_id IN (SELECT value FROM json_each(?))`,
  ).all(ids) as { lineId: string; period: string; plan: number | null; forecast: number | null; actual: number | null }[];
  const rowsByLine = new Map<string, ValueSheetRow>();
  const byMeasure = new Map<string, ValueSheetRow[]>();
  const measureById = new Map(measures.map((m) => [m.id, m]));
  let from: string | null = null;
  let to: string | null = null;
  const widen = (p: string) => {
    if (!from || p < from) from = p;
    if (!to || p > to) to = p;
  };
  for (const l of lines) {
    const m = measureById.get(l.measureId)!;
    const row: ValueSheetRow = { code: m.code, title: m.title, lineType: l.type, line: l.label, target: l.target, lineId: l.id, values: new Map() };
    rowsByLine.set(l.id, row);
    const list = byMeasure.get(m.id);
    if (list) list.push(row);
    else byMeasure.set(m.id, [row]);
    if (m.startDate) widen(m.startDate.slice(0, 7));
    if (m.dueDate) widen(m.dueDate.slice(0, 7));
  }
  for (const v of values) {
    const row = rowsByLine.get(v.lineId);
    if (!row) continue;
    for (const f of ['plan', 'forecast', 'actual'] as const) {
      const x = v[f];
      if (x !== null) {
        row.values.set(`${f}:${v.period}`, x);
        widen(v.period);
      }
    }
  }
  const start: string = from ?? `${currentPeriod().slice(0, 4)}-01`;
  const end: string = to ?? addMonths(start, 11);
  const periods = periodsBetween(start, end).slice(0, MAX_MONTHS);
  // Rows in the order of the exported measures (the grid's order when it is the grid's view).
  const rows = measures.flatMap((m) => byMeasure.get(m.id) ?? []);
  return { periods, rows };
}
