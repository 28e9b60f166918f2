import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RAG_LABELS, type Rag } from '../../preload/contract.js';
import type { Api } from './index.js';
import { gatherFacts } from './pack-facts.js';
import { statusesOf } from './value-status.js';
import { statusFacts } from '../../db/repositories/value-status.js';
import { today } from '../../db/clock.js';

/** Test helpers: every surface that shows a measure's statuses, read through the real API. */

export type Pair = `${Rag}/${Rag}`;
const pair = (i: Rag, p: Rag): Pair => `${i}/${p}`;
const FROM_LABEL = new Map(Object.entries(RAG_LABELS).map(([k, v]) => [v, k as Rag]));

/** value:get for every live measure: the rule applied from scratch (the reference). */
export async function valueGetStatuses(api: Api): Promise<Map<string, Pair>> {
  const out = new Map<string, Pair>();
  for (const m of await api.call('measures:list', {})) {
    const v = await api.call('value:get', { measureId: m.id });
    out.set(m.id, pair(v.implementation.status, v.potential.status));
  }
  return out;
}

/** The grid's list, the detail panel's measures:get, the CSV export, the pack's facts and baseline, the dashboard matrix. */
export async function surfaceStatuses(api: Api, dir: string): Promise<Record<string, Map<string, Pair>>> {
  const list = await api.call('measures:list', {});
  const byCode = new Map(list.map((m) => [m.code, m.id]));
  const grid = new Map(list.map((m) => [m.id, pair(m.implementationStatus, m.potentialStatus)]));
  const panel = new Map<string, Pair>();
  for (const m of list) {
    const g = await api.call('measures:get', { id: m.id });
    panel.set(m.id, pair(g.implementationStatus, g.potentialStatus));
  }
  const file = join(dir, `statuses-${list.length}.csv`);
  await api.call('measures:export', { path: file, format: 'csv', columns: ['implementationStatus', 'potentialStatus'] });
  const csv = new Map<string, Pair>();
  // The export puts a status's reason beside it: columns are found by their headers.
  const [head, ...rows] = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  const cols = head!.split(',');
  const [ci, cp] = [cols.indexOf('Implementation'), cols.indexOf('Potential')];
  for (const line of rows) {
    if (!line) continue;
    const cells = line.split(',');
    const [code, impl, pot] = [cells[0], cells[ci], cells[cp]];
    csv.set(byCode.get(code!)!, pair(FROM_LABEL.get(impl!)!, FROM_LABEL.get(pot!)!));
  }
  const facts = await gatherFacts(api.session, {});
  const packFacts = new Map(facts.measures.map((m) => [m.id, pair(m.implementationStatus, m.potentialStatus)]));
  const pack = await api.call('pack:build', {});
  const packBaseline = new Map(Object.entries(pack.baseline.measures).map(([id, m]) => [id, pair(m.impl, m.pot)]));
  const dashboard = new Map<string, Pair>();
  for (const cell of (await api.call('value:dashboard', {})).matrix) for (const id of cell.measureIds) dashboard.set(id, pair(cell.implementation, cell.potential));
  return { grid, panel, csv, packFacts, packBaseline, dashboard };
}

/** Measures (by code) whose status on some surface differs from value:get, with what each showed. */
export async function disagreements(api: Api, dir: string): Promise<string[]> {
  const truth = await valueGetStatuses(api);
  const surfaces = await surfaceStatuses(api, dir);
  const codes = new Map((await api.call('measures:list', {})).map((m) => [m.id, m.code]));
  const out: string[] = [];
  for (const [id, want] of truth) {
    const wrong = Object.entries(surfaces).filter(([, s]) => s.has(id) && s.get(id) !== want);
    if (wrong.length) out.push(`${codes.get(id)} value:get ${want}, ${wrong.map(([n, s]) => `${n} ${s.get(id)}`).join(', ')}`);
  }
  return out;
}

/** Measures whose cached status differs from a derivation from scratch on the clock's day. */
export function cacheDrift(api: Api): string[] {
  const db = api.session.db();
  const day = today();
  const cached = statusFacts(db, null, day);
  const fresh = statusesOf(
    db,
    cached.map((f) => f.id),
    day,
  );
  return cached
    .filter((f) => {
      const s = fresh.get(f.id)!;
      return s.implementation.status !== f.implementationStatus || s.potential.status !== f.potentialStatus;
    })
    .map((f) => f.id);
}
