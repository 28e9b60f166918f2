/**
 * Grid demo data: a custom field ("Customer segment") so the grid's configurable columns
 * have something true to show. The milestone plan is demo-plan.ts (one plan per measure).
 */
export const DEMO_SEGMENT_FIELD = { key: 'customer_segment', label: 'Customer segment', choices: ['Enterprise', 'Mid-market', 'SMB'] };

/** Segment of the i-th measure; every fifth has none yet (a gap a workshop fills in). */
export function demoSegment(i: number): string | null {
  return i % 5 === 4 ? null : DEMO_SEGMENT_FIELD.choices[i % 3]!;
}
