/**
 * Steering pack for one program of ~1,000 measures in the 20k workspace:
 *
 * - pack-assembly: `pack:build` through the API (facts from the value, RAID and gates
 *   features, assembly, JSON) vs hand-written SQL reads of the same facts + JSON;
 * - pack-pdf: what `steerco pack --out x.pdf` does after the build (host, headless
 *   Chromium on the print route, charts drawn, page.pdf, temp + rename) vs Chromium
 *   printing an empty page of the same size (the browser's own floor); target < 3 s;
 * - pack-pptx: `pack:exportPptx` (assembly + slides + atomic write) vs pptxgenjs writing
 *   the already assembled pack (slides alone).
 *
 * Effect values for the program are bulk-inserted with plain SQL (bench data, as in
 * value-rollup); RAID items, milestones and dependencies go through the change log.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Database } from '../../db/connection.js';
import type { Api } from '../../main/api/index.js';
import { blockedMeasures, pendingGateRequests, scopeEscalations } from '../../main/api/pack-meetings.js';
import { addPackData } from '../../main/api/pack-test-data.js';
import { blockedList } from '../../main/api/raid-deps.js';
import { dashboard, rollupFor } from '../../main/api/value-dashboard.js';
import { ensureRendererBuilt } from '../../main/cli/commands/serve.js';
import { findBrowser, HEADLESS_ARGS, printPackPdf } from '../../main/exchange/pdf.js';
import { packToPptx } from '../../main/exchange/pptx.js';
import { startHost } from '../../main/host/server.js';
import { median, settle, time, timeAsync, type BenchCase, type BenchContext, type Measurement } from '../harness.js';
import { seedValues } from './05-value-rollup.js';


/** The program whose measure count is closest to 1,000, with its subtree. */
function pickProgram(db: Database): { id: string; name: string; nodeIds: string[]; measures: number } {
  const programs = db
    .prepare(
      `WITH RECURSIVE t(root, id) AS (SELECT id, id FROM nodes WHERE level = 'program' AND deleted = 0
         UNION ALL SELECT t.root, n.id FROM nodes n JOIN t ON n.parent_id = t.id WHERE n.deleted = 0)
       SELECT p.id, p.name, json_group_array(DISTINCT t.id) AS ids,
              (SELECT count(*) FROM measures m WHERE m.deleted = 0 AND m.node_id IN (SELECT id FROM t t2 WHERE t2.root = p.id)) AS measures
       FROM nodes p JOIN t ON t.root = p.id GROUP BY p.id`,
    )
    .all() as { id: string; name: string; ids: string; measures: number }[];
  const best = programs.sort((a, b) => Math.abs(a.measures - 1000) - Math.abs(b.measures - 1000))[0]!;
  return { id: best.id, name: best.name, nodeIds: JSON.parse(best.ids) as string[], measures: best.measures };
}

/** A 20k copy (the harness seeds the template once) with pack data on one ~1,000-measure program. */
async function prepare(ctx: BenchContext): Promise<{ api: Api; program: ReturnType<typeof pickProgram> }> {
  const api = ctx.api();
  await api.call('workspace:open', { path: ctx.seededCopy() });
  const db = api.session.db();
  const program = pickProgram(db);
  const values = seedValues(db, ctx.options.seed, { nodeIds: program.nodeIds, targetMax: 6e7 });
  addPackData(db, { asOf: '2026-06-15', count: 60, nodeIds: program.nodeIds });
  ctx.log(`program "${program.name}": ${program.measures} measures, ${values} period values`);
  return { api, program };
}

/** Where pack:build's time goes: each feature API it reads through, timed once. */
async function breakdown(api: Api, scopeId: string): Promise<Record<string, number>> {
  const s = api.session;
  const ids = new Set((await api.call('measures:list', { nodeId: scopeId })).map((m) => m.id));
  const out: Record<string, number> = {};
  const t = async (name: string, fn: () => unknown) => {
    settle();
    out[name] = Math.round(await timeAsync(async () => void (await fn())));
  };
  await t('valueDashboardMs', () => dashboard(s, scopeId));
  await t('valueRollupsMs', () => [rollupFor(s, { nodeId: scopeId, by: ['measure'] }), rollupFor(s, { nodeId: scopeId, by: ['period'] })]);
  await t('raidEscalationsMs', () => scopeEscalations(s, ids, new Set()));
  await t('raidBlockedMs', () => blockedMeasures(blockedList(s.db()), ids));
  await t('gatesInboxMs', () => pendingGateRequests(s, ids));
  return out;
}

const RAW_READS = [
  `SELECT m.id, m.code, m.title, o.name AS owner, m.function, m.di_level, m.lifecycle, m.implementation_status, m.potential_status, m.due_date
   FROM measures m LEFT JOIN people o ON o.id = m.owner_id WHERE m.deleted = 0 AND m.node_id IN (SELECT value FROM json_each(?)) ORDER BY m.code`,
  `SELECT l.measure_id, sum(CASE WHEN l.type LIKE '%benefit' THEN 1 ELSE -1 END * v.forecast) AS f, sum(CASE WHEN l.type LIKE '%benefit' THEN 1 ELSE -1 END * v.plan) AS p
   FROM effect_lines l JOIN effect_values v ON v.line_id = l.id JOIN measures m ON m.id = l.measure_id
   WHERE l.deleted = 0 AND m.node_id IN (SELECT value FROM json_each(?)) GROUP BY l.measure_id`,
  `SELECT v.period, m.di_level, sum(CASE WHEN l.type LIKE '%benefit' THEN 1 ELSE -1 END * v.forecast) AS f
   FROM effect_lines l JOIN effect_values v ON v.line_id = l.id JOIN measures m ON m.id = l.measure_id
   WHERE l.deleted = 0 AND m.node_id IN (SELECT value FROM json_each(?)) GROUP BY v.period, m.di_level`,
  `SELECT r.* FROM raid_items r JOIN measures m ON m.id = r.measure_id WHERE r.deleted = 0 AND m.node_id IN (SELECT value FROM json_each(?))`,
  `SELECT ms.* FROM milestones ms JOIN measures m ON m.id = ms.measure_id WHERE ms.deleted = 0 AND ms.done = 0 AND m.node_id IN (SELECT value FROM json_each(?))`,
];

const RUNS = 5;

const assembly: BenchCase = {
  name: 'pack-assembly',
  description: 'pack:build for a ~1,000-measure program of the 20k workspace: API vs raw SQL reads of the same facts',
  target: { ratio: 6, appMs: 1500 },
  async run(ctx) {
    const { api, program } = await prepare(ctx);
    const db = api.session.db();
    const raws = RAW_READS.map((sql) => db.prepare(sql));
    const scope = JSON.stringify(program.nodeIds);
    let pages = 0;
    const app = async () => {
      const pack = await api.call('pack:build', { scopeId: program.id, asOf: '2026-06-15' });
      pages = pack.sections.length;
      JSON.stringify(pack);
    };
    const base = () => JSON.stringify(raws.map((s) => s.all(scope)));
    await app();
    base();
    const apps: number[] = [];
    const rawsMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      settle();
      apps.push(await timeAsync(app));
      settle();
      rawsMs.push(time(base));
    }
    const parts = ctx.options.profile ? await breakdown(api, program.id) : {};
    return { appMs: median(apps), rawMs: median(rawsMs), stat: `median of ${RUNS} (${program.measures} measures, ${pages} sections)`, extra: { measures: program.measures, ...parts } };
  },
};

const pdf: BenchCase = {
  name: 'pack-pdf',
  description: 'PDF of the ~1,000-measure program pack in headless Chromium (print route, charts, page.pdf) vs Chromium printing an empty page',
  target: { ratio: 10, appMs: 3000 },
  async run(ctx): Promise<Measurement> {
    const { api, program } = await prepare(ctx);
    ensureRendererBuilt({ out: (l) => ctx.log(l), err: (l) => ctx.log(l) });
    const browser = findBrowser(undefined);
    const dir = mkdtempSync(join(tmpdir(), 'steerco-bench-pdf-'));
    const host = await startHost({ api });
    try {
      let pages = 0;
      let bytes = 0;
      const split = { readyMs: 0, printMs: 0 };
      // As the CLI does: the pack is assembled first (pack-assembly measures that) and handed to the page.
      const pack = await api.call('pack:build', { scopeId: program.id, asOf: '2026-06-15' });
      const app = async () => {
        const r = await printPackPdf({ url: `${host.url}/?print=pack&scope=${program.id}&asOf=2026-06-15#token=${host.token}`, out: join(dir, 'pack.pdf'), browser, pack });
        pages = r.pages;
        Object.assign(split, { readyMs: r.readyMs, printMs: r.printMs });
        bytes = statSync(join(dir, 'pack.pdf')).size;
      };
      const base = async () => {
        const b = await chromium.launch({ executablePath: browser, headless: true, args: HEADLESS_ARGS });
        const page = await b.newPage();
        await page.setContent('<style>@page { size: 297mm 210mm; margin: 0 }</style><h2>x</h2>');
        // The same options as the pack (tagged, with bookmarks), so the floor is the browser's own.
        await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
        await b.close();
      };
      await app();
      await base();
      const apps: number[] = [];
      const raws: number[] = [];
      for (let i = 0; i < 3; i++) {
        apps.push(await timeAsync(app));
        raws.push(await timeAsync(base));
      }
      return { appMs: median(apps), rawMs: median(raws), stat: 'median of 3 (browser launch included in both)', extra: { pages, pdfBytes: bytes, measures: program.measures, lastLaunchToReadyMs: split.readyMs, lastPdfMs: split.printMs } };
    } finally {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

const pptx: BenchCase = {
  name: 'pack-pptx',
  description: 'pack:exportPptx of a frozen ~1,000-measure program pack (load + slides + atomic write) vs pptxgenjs alone; live export (with assembly) in extra',
  target: { ratio: 3, appMs: 3000 },
  async run(ctx) {
    const { api, program } = await prepare(ctx);
    const dir = mkdtempSync(join(tmpdir(), 'steerco-bench-pptx-'));
    try {
      const meeting = await api.call('meetings:create', { title: 'Bench steering', date: '2026-06-15' });
      const snap = await api.call('pack:freeze', { scopeId: program.id, meetingId: meeting.id, asOf: '2026-06-15', acceptEmpty: true });
      const pack = await api.call('pack:snapshot', { id: snap.id });
      let slides = 0;
      const app = async () => {
        slides = (await api.call('pack:exportPptx', { snapshotId: snap.id, path: join(dir, 'pack.pptx') })).slides;
      };
      const base = async () => void (await packToPptx(pack));
      await app();
      await base();
      const apps: number[] = [];
      const raws: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        settle();
        apps.push(await timeAsync(app));
        settle();
        raws.push(await timeAsync(base));
      }
      const liveMs = await timeAsync(() => api.call('pack:exportPptx', { scopeId: program.id, asOf: '2026-06-15', path: join(dir, 'live.pptx') }));
      return { appMs: median(apps), rawMs: median(raws), stat: `median of ${RUNS} (${slides} slides)`, extra: { slides, bytes: statSync(join(dir, 'pack.pptx')).size, liveExportMs: Math.round(liveMs) } };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default [assembly, pdf, pptx];
