import { describe, expect, it } from 'vitest';
import type { Measure } from '../../../preload/contract';
import { showStampDay } from '../../app/dates';
import { localDay, manualText, statusHover } from './manual-text';

const at = '2027-03-01T10:00:00.000Z';
const m = (p: Partial<Measure>): Measure => ({ id: 'm', implementationStatus: 'amber', potentialStatus: 'red', ...p }) as Measure;

describe('the hover text of a status', () => {
  it('names a manual status with its reason, who and when (the local day)', () => {
    const o = { status: 'amber' as const, reason: 'Vendor slipped', by: 'p1', byName: 'Hanna Berg', at };
    expect(manualText(o)).toBe(`Manual: Amber — Vendor slipped, by Hanna Berg, ${showStampDay(at)}`);
    expect(statusHover(m({ manual: { implementation: o } }), 'implementation')).toBe(manualText(o));
    // Not acting as a person: the account the copy ran as.
    expect(manualText({ ...o, byName: undefined, by: 'user:ana' })).toMatch(/, by ana, /);
  });
  it('says Derived without a manual status, and stale when the manual one does not show', () => {
    expect(statusHover(m({}), 'potential')).toMatch(/^Derived: Red /);
    const o = { status: 'green' as const, reason: 'Signed', by: null, at };
    expect(statusHover(m({ potentialStatus: 'grey', manual: { potential: o } }), 'potential')).toMatch(/^Not reported: stale, .*Manual: Green — Signed, by someone/);
  });
  it('reads a local day, and nothing from a missing or bad timestamp', () => {
    expect(localDay(null)).toBe('');
    expect(localDay('soon')).toBe('');
    expect(localDay('2027-03-01T12:00:00')).toBe('2027-03-01');
  });
});
