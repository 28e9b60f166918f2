/**
 * Statuses set by hand. A person's status is a statement with a reason: every way of
 * setting one (grid, detail panel, bulk edit, effects drawer, command line) goes through
 * measures:update / measures:bulkUpdate / value:setOverride, and each refuses a status
 * without a reason with the same message, at the status field. Going back to the derived
 * status needs no reason: the derivation explains itself, and the change log keeps who and when.
 */
import { statusReasonProblem } from '../../preload/contract/value.js';
import type { Rag, StatusKind } from '../../preload/contract/types.js';
import { FIELD_LABELS, type Issue } from './measures.js';

export const STATUS_COLUMNS: Record<string, { kind: StatusKind; field: 'implementationStatus' | 'potentialStatus' }> = {
  implementation_status: { kind: 'implementation', field: 'implementationStatus' },
  potential_status: { kind: 'potential', field: 'potentialStatus' },
};

/** Refusals of validated columns whose statuses are set (not cleared) without a usable reason. */
export function manualStatusIssues(columns: Record<string, unknown>, reason: string | null | undefined): Issue[] {
  const problem = statusReasonProblem(reason);
  if (!problem) return [];
  const issues: Issue[] = [];
  for (const [col, { field }] of Object.entries(STATUS_COLUMNS)) {
    if (typeof columns[col] === 'string') issues.push({ field, message: `${FIELD_LABELS[field]}: ${problem}` });
  }
  return issues;
}

/** The reason as stored: trimmed. */
export const cleanReason = (reason: string | null | undefined): string => (reason ?? '').trim();

/** A new measure's statuses are derived: one is set by hand, with its reason, once the measure exists. */
export function newMeasureStatusIssues(columns: Record<string, unknown>): Issue[] {
  return Object.entries(STATUS_COLUMNS)
    .filter(([col]) => col in columns)
    .map(([, { field }]) => ({ field, message: `${FIELD_LABELS[field]}: is derived for a new measure; set it by hand, with a reason, once the measure exists` }));
}

/**
 * Validated columns split into the measure's own cells and the statuses a person states:
 * a status column is the system's cache of the derivation, so a person's status becomes a
 * manual override (null: back to derived), never a write of the cache.
 */
export function splitStatusColumns<V>(columns: Record<string, V>): { plain: Record<string, V>; overrides: [StatusKind, Rag | null][] } {
  const plain: Record<string, V> = {};
  const overrides: [StatusKind, Rag | null][] = [];
  for (const [col, v] of Object.entries(columns)) {
    const kind = STATUS_COLUMNS[col]?.kind;
    if (kind) overrides.push([kind, typeof v === 'string' ? (v as Rag) : null]);
    else plain[col] = v;
  }
  return { plain, overrides };
}

/** A person's statement is an edit even when the colour stays (a reason given, a status confirmed). */
export function statusEdited(before: Rag | undefined, after: Rag | undefined, stated: boolean): boolean {
  return stated || before !== after;
}
