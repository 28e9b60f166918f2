/**
 * Statuses set by hand. A person's status is a statement with a reason: every way of
 * setting one (grid, detail panel, bulk edit, effects drawer, command line) goes through
 * measures:update / measures:bulkUpdate / value:setOverride, and each refuses a status
 * without a reason with the same message, at the status field. Going back to the derived
 * status needs no reason: the derivation explains itself, and the change log keeps who and when.
 */
import { statusReasonProblem } from '../../preload/contract/value.js';
import type { StatusKind } from '../../preload/contract/types.js';
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
