/**
 * Grid demo data: a milestone plan for measures from DI2 (Detailed) on, and a custom
 * field ("Customer segment") so the grid's configurable columns have something true to
 * show. Pure and deterministic: dates derive from each measure's own start and due dates.
 */
export interface DemoGridMeasure {
  id: string;
  startDate: string | null;
  dueDate: string | null;
  diLevel: number;
  ownerId: string | null;
}

export interface DemoMilestone {
  measureId: string;
  title: string;
  ownerId: string | null;
  dueDate: string;
  done: boolean;
  sortOrder: number;
}

export const DEMO_SEGMENT_FIELD = { key: 'customer_segment', label: 'Customer segment', choices: ['Enterprise', 'Mid-market', 'SMB'] };

const STEPS = ['Design signed off', 'Pilot live', 'Roll-out complete'] as const;

function between(start: string, end: string, f: number): string {
  const a = Date.parse(`${start}T00:00:00Z`);
  const b = Date.parse(`${end}T00:00:00Z`);
  return new Date(a + Math.round((b - a) * f)).toISOString().slice(0, 10);
}

export function demoMilestones(measures: DemoGridMeasure[]): DemoMilestone[] {
  const out: DemoMilestone[] = [];
  for (const m of measures) {
    if (m.diLevel < 2 || !m.startDate || !m.dueDate) continue;
    STEPS.forEach((title, i) =>
      out.push({
        measureId: m.id,
        title,
        ownerId: m.ownerId,
        dueDate: between(m.startDate!, m.dueDate!, (i + 1) / STEPS.length),
        // Implemented and closed measures have done every step; detailed / decided ones the first.
        done: m.diLevel >= 4 || (m.diLevel === 3 && i === 0),
        sortOrder: i + 1,
      }),
    );
  }
  return out;
}

/** Segment of the i-th measure; every fifth has none yet (a gap a workshop fills in). */
export function demoSegment(i: number): string | null {
  return i % 5 === 4 ? null : DEMO_SEGMENT_FIELD.choices[i % 3]!;
}
