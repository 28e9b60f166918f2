import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, resetClock, setClock, today } from '../../db/clock.js';
import type { Lifecycle, Rag } from '../../preload/contract.js';
import { ApiError, type Api } from './index.js';
import { cacheDrift, disagreements } from './status-test-helpers.js';
import { apiWithWorkspace } from './test-helpers.js';

/**
 * Random status-affecting edits on the demo — milestones, dates, amounts, targets,
 * lifecycle, manual statuses (panel and grid), undo / redo, tolerance and stale window, and
 * the local day moving — never leave the cache apart from a derivation from scratch, nor
 * two surfaces showing different statuses.
 */
const RUNS = Number(process.env.STATUS_PROPERTY_RUNS ?? 10);
const OPS = 100;

type Kind = 'implementation' | 'potential';
type Op =
  | { t: 'msAdd'; m: number; due: number }
  | { t: 'msDue'; m: number; k: number; due: number }
  | { t: 'msDone'; m: number; k: number; done: boolean }
  | { t: 'msDelete'; m: number; k: number }
  | { t: 'dueDate'; m: number; due: number }
  | { t: 'cell'; m: number; k: number; month: number; field: 'plan' | 'forecast' | 'actual'; amount: number }
  | { t: 'target'; m: number; k: number; target: number | null }
  | { t: 'lifecycle'; m: number; state: Lifecycle }
  | { t: 'override'; m: number; kind: Kind; status: Rag }
  | { t: 'clear'; m: number; kind: Kind }
  | { t: 'gridStatus'; m: number; kind: Kind; status: Rag }
  | { t: 'undo' }
  | { t: 'redo' }
  | { t: 'day'; days: number }
  | { t: 'settings'; tolerancePct: number; staleDays: number };

const m = fc.nat(48);
const k = fc.nat(9);
const rag = fc.constantFrom<Rag>('green', 'amber', 'red', 'grey');
const kind = fc.constantFrom<Kind>('implementation', 'potential');
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('msAdd' as const), m, due: fc.integer({ min: -40, max: 40 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('msDue' as const), m, k, due: fc.integer({ min: -40, max: 40 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('msDone' as const), m, k, done: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('msDelete' as const), m, k }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('dueDate' as const), m, due: fc.integer({ min: 0, max: 400 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({ t: fc.constant('cell' as const), m, k, month: fc.integer({ min: -6, max: 6 }), field: fc.constantFrom('plan' as const, 'forecast' as const, 'actual' as const), amount: fc.integer({ min: 0, max: 5_000_000 }) }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('target' as const), m, k, target: fc.option(fc.integer({ min: 0, max: 9_000_000 })) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('lifecycle' as const), m, state: fc.constantFrom<Lifecycle>('active', 'on_hold', 'cancelled', 'closed') }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('override' as const), m, kind, status: rag }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('clear' as const), m, kind }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('gridStatus' as const), m, kind, status: rag }) },
  { weight: 2, arbitrary: fc.constant({ t: 'undo' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'redo' as const }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('day' as const), days: fc.integer({ min: -10, max: 45 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('settings' as const), tolerancePct: fc.integer({ min: 0, max: 30 }), staleDays: fc.integer({ min: 1, max: 60 }) }) },
);

const addMonths = (period: string, n: number): string => {
  const [y, mo] = period.split('-').map(Number) as [number, number];
  const t = y * 12 + (mo - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};

/** Runs one edit through the API; a refusal (bad month, nothing to undo …) is a valid outcome that writes nothing. */
async function apply(api: Api, ids: string[], o: Op, clock: { base: string; offset: number }): Promise<void> {
  const id = 'm' in o ? ids[o.m % ids.length]! : '';
  const day = () => addDays(clock.base, clock.offset);
  const milestone = async (n: number) => {
    const list = await api.call('milestones:list', { measureId: id });
    return list.length ? list[n % list.length]! : null;
  };
  const line = async (n: number) => {
    const v = await api.call('value:get', { measureId: id });
    const lines = v.lines.filter((l) => ['recurring_benefit', 'one_time_benefit', 'one_time_cost', 'recurring_cost', 'capex'].includes(l.type));
    return lines.length ? { line: lines[n % lines.length]!, v } : null;
  };
  try {
    switch (o.t) {
      case 'msAdd':
        await api.call('milestones:create', { measureId: id, title: 'Random milestone', dueDate: addDays(day(), o.due) });
        break;
      case 'msDue': {
        const ms = await milestone(o.k);
        if (ms) await api.call('milestones:update', { id: ms.id, dueDate: addDays(day(), o.due) });
        break;
      }
      case 'msDone': {
        const ms = await milestone(o.k);
        if (ms) await api.call('milestones:update', { id: ms.id, done: o.done });
        break;
      }
      case 'msDelete': {
        const ms = await milestone(o.k);
        if (ms) await api.call('milestones:delete', { id: ms.id });
        break;
      }
      case 'dueDate':
        await api.call('measures:update', { id, patch: { dueDate: addDays(day(), o.due) } });
        break;
      case 'cell': {
        const l = await line(o.k);
        if (!l) break;
        const period = addMonths(l.v.currentPeriod, o.month);
        await api.call('value:setCells', { measureId: id, locale: 'en-US', cells: [{ lineId: l.line.id, period, field: o.field, value: String(o.amount / 100) }] });
        break;
      }
      case 'target': {
        const l = await line(o.k);
        if (l) await api.call('value:updateLine', { lineId: l.line.id, target: o.target === null ? null : String(o.target / 100), locale: 'en-US' });
        break;
      }
      case 'lifecycle':
        // Lifecycle decisions need the gate panel's roles; the write itself is what matters here.
        api.session.act('Lifecycle', (w) => w.update('measures', id, { lifecycle: o.state }));
        break;
      case 'override':
        await api.call('value:setOverride', { measureId: id, kind: o.kind, status: o.status, reason: 'Random report' });
        break;
      case 'clear':
        await api.call('value:clearOverride', { measureId: id, kind: o.kind });
        break;
      case 'gridStatus':
        await api.call('measures:update', { id, patch: o.kind === 'implementation' ? { implementationStatus: o.status } : { potentialStatus: o.status } });
        break;
      case 'undo':
        await api.call('history:undo', {});
        break;
      case 'redo':
        await api.call('history:redo', {});
        break;
      case 'day':
        clock.offset = Math.max(-400, Math.min(400, clock.offset + o.days));
        setClock(day());
        // The next call notices the new day.
        await api.call('history:state', {});
        break;
      case 'settings':
        await api.call('value:setSettings', { tolerancePct: o.tolerancePct, staleDays: o.staleDays });
        break;
    }
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
}

const totals = { edits: 0, drifted: 0, differing: 0 };

afterEach(() => resetClock());

describe('derived statuses (property)', () => {
  it('random status-affecting edits and day changes keep the cache equal to a fresh derivation and every surface equal to value:get', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: OPS, maxLength: OPS }), async (ops) => {
        const clock = { base: today(), offset: 0 };
        setClock(clock.base);
        const { api, dir, cleanup } = await apiWithWorkspace({ demo: true });
        try {
          const ids = (await api.call('measures:list', {})).map((x) => x.id);
          for (const [i, o] of ops.entries()) {
            await apply(api, ids, o, clock);
            totals.edits++;
            const drift = cacheDrift(api);
            totals.drifted += drift.length;
            expect(drift, `after op ${i} ${JSON.stringify(o)}`).toEqual([]);
          }
          const wrong = await disagreements(api, dir);
          totals.differing += wrong.length;
          expect(wrong).toEqual([]);
        } finally {
          cleanup();
          resetClock();
        }
      }),
      { numRuns: RUNS },
    );
    console.log(`status property: ${totals.edits} random edits, ${totals.drifted} cache drifts, ${totals.differing} measures differing between surfaces`);
  }, 600_000);
});
