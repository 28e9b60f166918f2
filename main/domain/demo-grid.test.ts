import { describe, expect, it } from 'vitest';
import { demoMilestones, demoSegment } from './demo-grid.js';

describe('grid demo data', () => {
  it('plans three milestones inside each detailed measure, done as far as its DI level says', () => {
    const plan = demoMilestones([
      { id: 'a', startDate: '2026-01-01', dueDate: '2026-04-01', diLevel: 4, ownerId: 'p' },
      { id: 'b', startDate: '2026-01-01', dueDate: '2026-04-01', diLevel: 3, ownerId: null },
      { id: 'c', startDate: '2026-01-01', dueDate: '2026-04-01', diLevel: 1, ownerId: 'p' },
    ]);
    expect(plan.filter((m) => m.measureId === 'a').map((m) => [m.dueDate, m.done])).toEqual([
      ['2026-01-31', true],
      ['2026-03-02', true],
      ['2026-04-01', true],
    ]);
    expect(plan.filter((m) => m.measureId === 'b').map((m) => m.done)).toEqual([true, false, false]);
    expect(plan.some((m) => m.measureId === 'c')).toBe(false);
  });
  it('leaves some segments empty for the workshop to fill', () => {
    expect([0, 1, 2, 3, 4].map(demoSegment)).toEqual(['Enterprise', 'Mid-market', 'SMB', 'Enterprise', null]);
  });
});
