import { describe, expect, it } from 'vitest';
import { demoSegment } from './demo-grid.js';
import { demoPlan } from './demo-plan.js';

describe('demo data', () => {
  const m = { index: 0, startDate: '2026-01-01', dueDate: '2026-07-01', lifecycle: 'active', hasValue: true };
  it('plans one milestone plan per measure, done as far as its level and today say', () => {
    const implemented = demoPlan({ ...m, diLevel: 4 }, '2026-03-01');
    expect(implemented).toHaveLength(3);
    // DI4 means every milestone is done: the ones still ahead were done early, never in the future.
    expect(implemented.every((x) => x.done && x.doneDate! <= '2026-03-01')).toBe(true);
    const detailed = demoPlan({ ...m, diLevel: 2 }, '2026-03-01');
    expect(detailed.map((x) => [x.dueDate, x.done])).toEqual([
      ['2026-03-02', false],
      ['2026-05-02', false],
      ['2026-07-01', false],
    ]);
    expect(detailed.every((x) => x.forecastDate !== null)).toBe(true);
    expect(new Set(detailed.map((x) => x.title)).size).toBe(detailed.length);
    expect(demoPlan({ ...m, diLevel: 1, hasValue: false }, '2026-03-01')).toEqual([]);
  });
  it('has an overdue step re-forecast, one not re-forecast, and slipping steps', () => {
    const overdue = demoPlan({ ...m, index: 1, diLevel: 2 }, '2026-12-01').filter((x) => !x.done && x.dueDate < '2026-12-01');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.forecastDate).toBe('2026-12-15');
    expect(demoPlan({ ...m, index: 7, diLevel: 2 }, '2026-12-01').find((x) => !x.done && x.dueDate < '2026-12-01')?.forecastDate).toBeNull();
    const slipping = demoPlan({ ...m, index: 4, diLevel: 2 }, '2026-01-15').filter((x) => x.forecastDate! > x.dueDate);
    expect(slipping.length).toBeGreaterThan(0);
  });
  it('leaves some segments empty for the workshop to fill', () => {
    expect([0, 1, 2, 3, 4].map(demoSegment)).toEqual(['Enterprise', 'Mid-market', 'SMB', 'Enterprise', null]);
  });
});
