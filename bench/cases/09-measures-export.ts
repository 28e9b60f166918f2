/**
 * measures-export: "Export…" of every measure to an Excel workbook through `measures:export`
 * (read, column mapping, exceljs workbook with typed cells, temp file + rename) vs the raw
 * floor of getting the same data to disk: a SELECT of the rows (statement prepared once) +
 * JSON.stringify + writeFileSync. The CSV export is reported alongside. Median of a few runs.
 */
import { writeFileSync } from 'node:fs';
import { median, settle, time, timeAsync, type BenchCase, type BenchContext, type Measurement } from '../harness.js';

const RAW_SQL = `
  SELECT m.id, m.code, m.node_id AS nodeId, m.title, m.description, o.name AS owner, s.name AS sponsor, c.name AS controller,
         m.business_unit AS businessUnit, m.function, m.legal_entity AS legalEntity, m.start_date AS startDate, m.due_date AS dueDate,
         m.di_level AS diLevel, m.lifecycle, m.implementation_status AS implementationStatus, m.potential_status AS potentialStatus,
         m.closure_criteria AS closureCriteria
  FROM measures m
  LEFT JOIN people o ON o.id = m.owner_id
  LEFT JOIN people s ON s.id = m.sponsor_id
  LEFT JOIN people c ON c.id = m.controller_id
  WHERE m.deleted = 0 ORDER BY m.code`;

const RUNS = 3;

const measuresExport: BenchCase = {
  name: 'measures-export',
  description: 'measures:export of all N measures to .xlsx vs raw SELECT + JSON + write',
  target: { ratio: 25 },
  async run(ctx: BenchContext): Promise<Measurement> {
    const api = ctx.api();
    await api.call('workspace:open', { path: ctx.seededCopy() });
    const raw = api.session.db().prepare(RAW_SQL);
    const apps: number[] = [];
    const raws: number[] = [];
    const csvs: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      settle();
      apps.push(
        await timeAsync(async () => {
          rows = (await api.call('measures:export', { path: ctx.newPath('export.xlsx'), format: 'xlsx' })).rows;
        }),
      );
      settle();
      raws.push(time(() => writeFileSync(ctx.newPath('raw.json'), JSON.stringify(raw.all()))));
      settle();
      csvs.push(await timeAsync(() => api.call('measures:export', { path: ctx.newPath('export.csv'), format: 'csv' })));
    }
    return {
      appMs: median(apps),
      rawMs: median(raws),
      stat: `median of ${RUNS} interleaved runs (${rows} rows)`,
      extra: { rows, csvMs: Math.round(median(csvs)), csvRatio: Number((median(csvs) / median(raws)).toFixed(2)) },
    };
  },
};

export default measuresExport;
