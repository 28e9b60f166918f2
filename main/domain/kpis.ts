import type { KpiInput } from '../../preload/contract/kpi-types.js';
import type { Rag } from '../../preload/contract/types.js';

/**
 * Service KPI rules: thresholds that make sense, the RAG of an actual, the worst of several.
 * Pure; the api reads the rows and the clock.
 */

/** Why the thresholds cannot stand (null when they can): red lies beyond amber, away from the target. */
export function thresholdProblem(k: KpiInput): string | null {
  const higher = k.direction === 'higher';
  if (higher ? k.red >= k.amber : k.red <= k.amber) {
    return `${k.name}: the red threshold (${k.red}) is on the wrong side of amber (${k.amber}); ${higher ? 'higher' : 'lower'} is better, so red must be ${higher ? 'below' : 'above'} amber.`;
  }
  if (k.target !== null && (higher ? k.target < k.amber : k.target > k.amber)) {
    return `${k.name}: the target (${k.target}) is on the red side of the amber threshold (${k.amber}); ${higher ? 'higher' : 'lower'} is better.`;
  }
  return null;
}

const fmt = (n: number, unit: string) => `${Number.isInteger(n) ? n : Number(n.toFixed(2))}${unit ? (unit === '%' ? ' %' : ` ${unit}`) : ''}`;

/** The KPI's status from its latest actual: green, amber past the amber threshold, red past red; grey unreported. */
export function kpiStatus(k: KpiInput, latest: { period: string; value: number } | null): { status: Rag; reason: string } {
  if (!latest) return { status: 'grey', reason: 'no actual reported yet' };
  const higher = k.direction === 'higher';
  const v = latest.value;
  const past = (t: number) => (higher ? v < t : v > t);
  const side = higher ? 'below' : 'above';
  const at = `${fmt(v, k.unit)} in ${latest.period}`;
  if (past(k.red)) return { status: 'red', reason: `${at}: ${side} the red threshold ${fmt(k.red, k.unit)}` };
  if (past(k.amber)) return { status: 'amber', reason: `${at}: ${side} the amber threshold ${fmt(k.amber, k.unit)}` };
  return { status: 'green', reason: `${at}: within the amber threshold ${fmt(k.amber, k.unit)}${k.target !== null ? ` (target ${fmt(k.target, k.unit)})` : ''}` };
}

const RANK: Record<Rag, number> = { red: 3, amber: 2, green: 1, grey: 0 };

/** The worst reported status of several (red over amber over green); grey only when none is reported. */
export function worstStatus(list: readonly Rag[]): Rag {
  let out: Rag = 'grey';
  for (const s of list) if (RANK[s] > RANK[out]) out = s;
  return out;
}

