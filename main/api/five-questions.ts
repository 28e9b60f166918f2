import { evidenceSets, validatedActuals } from '../../db/repositories/five-questions.js';
import type { ScopedMeasure } from '../../db/repositories/value-rollup.js';
import type { BlockedMeasure, FiveQuestions, QuestionKey, RollupRow } from '../../preload/contract.js';
import { blockedList } from './raid-deps.js';
import type { ApiSession } from './session.js';

/**
 * The five questions of the brief, each figure defined once, with the measures behind it:
 * the dashboard's tiles, their click-through to the grid and the pack's summary read these.
 * `measures` are the scope's non-cancelled measures (value-rollup's scopedMeasures);
 * `blockedAll` the RAID feature's blocked list when the caller already has it (the pack).
 */
export function fiveQuestions(
  s: ApiSession,
  measures: ScopedMeasure[],
  totals: RollupRow,
  blockedAll: BlockedMeasure[] = blockedList(s.db()),
): { counts: FiveQuestions; ids: Record<QuestionKey, string[]> } {
  const db = s.db();
  const active = measures.filter((m) => m.lifecycle === 'active');
  const inScope = new Set(measures.map((m) => m.id));
  const blocked = blockedAll.filter((b) => inScope.has(b.measure.id)).map((b) => b.measure.id);
  const ev = evidenceSets(db);
  const actuals = validatedActuals(db);
  const evidenced = measures.filter((m) => ev.documented.has(m.id) || ev.validated.has(m.id) || ev.confirmed.has(m.id)).map((m) => m.id);
  let validatedBenefits = 0;
  let validatedCosts = 0;
  for (const m of measures) {
    const a = actuals.get(m.id);
    if (a) {
      validatedBenefits += a.benefits;
      validatedCosts += a.costs;
    }
  }
  const ids: Record<QuestionKey, string[]> = {
    inProgress: active.map((m) => m.id),
    owners: active.filter((m) => m.ownerId).map((m) => m.id),
    unowned: active.filter((m) => !m.ownerId).map((m) => m.id),
    // The forecast counts active and closed (realised) measures; on-hold ones are out of it.
    expected: measures.filter((m) => m.lifecycle !== 'on_hold').map((m) => m.id),
    blocked,
    evidenced,
  };
  const counts: FiveQuestions = {
    inProgress: active.length,
    owners: new Set(active.map((m) => m.ownerId).filter(Boolean)).size,
    unowned: ids.unowned.length,
    expectedValue: totals.forecast,
    riskWeightedForecast: totals.riskWeightedForecast,
    blocked: blocked.length,
    evidenced: evidenced.length,
    evidence: {
      documented: measures.filter((m) => ev.documented.has(m.id)).length,
      validatedActuals: measures.filter((m) => ev.validated.has(m.id)).length,
      valueConfirmed: measures.filter((m) => ev.confirmed.has(m.id)).length,
      validatedBenefits,
      validatedCosts,
    },
    measures: measures.length,
  };
  return { counts, ids };
}
