/**
 * The demo's milestone plan: one plan per measure (deterministic, pure), consistent with
 * its level and lifecycle. Implemented (DI4) and closed measures have done every step (DI4's
 * entry criterion); others have done what was due before today, except a few stories: a step
 * overdue and re-forecast, one overdue that nobody re-forecast, steps slipping ahead.
 * Profile 3 (see demo-value.ts) keeps every milestone on track: green milestones, red value.
 */
export interface PlanMeasure {
  /** Position of the measure in code order. */
  index: number;
  startDate: string | null;
  dueDate: string | null;
  diLevel: number;
  lifecycle: string;
  /** The demo gives the measure financial effects (measures without them plan from DI2). */
  hasValue: boolean;
}

export interface DemoMilestone {
  title: string;
  dueDate: string;
  forecastDate: string | null;
  done: boolean;
  doneDate: string | null;
}

const STEPS = ['Design signed off', 'Build complete', 'Pilot with first customers', 'Go-live', 'Hypercare closed'];

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function demoPlan(m: PlanMeasure, today: string): DemoMilestone[] {
  if (!m.startDate || !m.dueDate || (!m.hasValue && m.diLevel < 2)) return [];
  const i = m.index;
  const onTrack = i % 5 === 3;
  const span = Math.max(30, (Date.parse(m.dueDate) - Date.parse(m.startDate)) / 86_400_000);
  const n = 3 + (i % 3);
  const finished = m.diLevel >= 4 || m.lifecycle === 'closed';
  return STEPS.slice(0, n).map((title, k) => {
    const due = addDays(m.startDate!, Math.round((span * (k + 1)) / n));
    if (finished) {
      // Done on time, or early when the plan date is still ahead.
      return { title, dueDate: due, forecastDate: due, done: true, doneDate: due <= today ? due : addDays(today, k - n) };
    }
    const overdue = !onTrack && i % 6 === 1 && k === n - 2 && due < today;
    if (overdue) return { title, dueDate: due, forecastDate: i % 12 === 7 ? null : addDays(today, 14), done: false, doneDate: null };
    if (due < today) return { title, dueDate: due, forecastDate: due, done: true, doneDate: due };
    const slipping = !onTrack && i % 6 === 4;
    return { title, dueDate: due, forecastDate: slipping ? addDays(due, 21) : due, done: false, doneDate: null };
  });
}
