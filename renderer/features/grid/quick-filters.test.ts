import { describe, expect, it } from 'vitest';
import type { Measure } from '../../../preload/contract';
import { chipsPass, PRESETS } from './quick-filters';

const m = (p: Partial<Measure>): Measure => ({ diLevel: 2, implementationStatus: 'green', potentialStatus: 'red', function: 'IT', owner: 'Ana', dueDate: '2026-01-20', lifecycle: 'active', ...p }) as Measure;

describe('quick filter chips', () => {
  it('filters on DI, both statuses, function and owner together', () => {
    expect(chipsPass(m({}), { di: '2', potential: 'red', function: 'IT', owner: 'Ana' }, '2026-01-01')).toBe(true);
    expect(chipsPass(m({}), { di: '3' }, '2026-01-01')).toBe(false);
    expect(chipsPass(m({}), { impl: 'red' }, '2026-01-01')).toBe(false);
  });
  it('"Due in 30 days" keeps open measures due by then, overdue included', () => {
    const due = PRESETS.find((p) => p.id === 'preset:due-30')!.chips(null)!;
    expect(chipsPass(m({ dueDate: '2026-01-31' }), due, '2026-01-01')).toBe(true);
    expect(chipsPass(m({ dueDate: '2025-12-01' }), due, '2026-01-01')).toBe(true);
    expect(chipsPass(m({ dueDate: '2026-02-01' }), due, '2026-01-01')).toBe(false);
    expect(chipsPass(m({ dueDate: '2026-01-05', lifecycle: 'closed' }), due, '2026-01-01')).toBe(false);
    expect(chipsPass(m({ dueDate: null }), due, '2026-01-01')).toBe(false);
  });
  it('"My measures" needs to know who is acting', () => {
    const mine = PRESETS.find((p) => p.id === 'preset:mine')!;
    expect(mine.chips(null)).toBeNull();
    expect(mine.chips('Ana')).toEqual({ owner: 'Ana' });
  });
});
