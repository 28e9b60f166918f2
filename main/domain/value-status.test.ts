import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveImplementation, derivePotential, deriveStatuses, effective, isStale, type StatusFacts } from './value-status.js';

const ms = (total: number, overdue = 0, slipping = 0) => ({ total, overdue, slipping });

describe('implementation status (milestones)', () => {
  it('is grey without milestones', () => expect(deriveImplementation(ms(0))).toBe('grey'));
  it('is red when an open milestone is past due', () => expect(deriveImplementation(ms(3, 1))).toBe('red'));
  it('is red when one is past due even if another only slips', () => expect(deriveImplementation(ms(3, 1, 2))).toBe('red'));
  it('is amber when an open milestone not yet due is forecast after its due date', () => expect(deriveImplementation(ms(3, 0, 1))).toBe('amber'));
  it('is green when every milestone is done or on time', () => expect(deriveImplementation(ms(3))).toBe('green'));
});

describe('potential status (value lines)', () => {
  const tol = 10;
  it('is grey without any line reference', () => expect(derivePotential({ reference: null, estimate: 500 }, tol)).toBe('grey'));
  it('is grey without any estimate', () => expect(derivePotential({ reference: 500, estimate: null }, tol)).toBe('grey'));
  it('is green at or above the reference', () => {
    expect(derivePotential({ reference: 1000, estimate: 1000 }, tol)).toBe('green');
    expect(derivePotential({ reference: 1000, estimate: 1200 }, tol)).toBe('green');
  });
  it('is amber within the tolerance, up to and including its edge', () => {
    expect(derivePotential({ reference: 1000, estimate: 950 }, tol)).toBe('amber');
    expect(derivePotential({ reference: 1000, estimate: 900 }, tol)).toBe('amber');
  });
  it('is red beyond the tolerance', () => expect(derivePotential({ reference: 1000, estimate: 899 }, tol)).toBe('red'));
  it('judges a net cost (negative reference) against its size', () => {
    // Planned net cost 100: spending 105 is within 10 %, 120 is not; spending less is green.
    expect(derivePotential({ reference: -100, estimate: -105 }, tol)).toBe('amber');
    expect(derivePotential({ reference: -100, estimate: -120 }, tol)).toBe('red');
    expect(derivePotential({ reference: -100, estimate: -90 }, tol)).toBe('green');
  });
  it('is green at a break-even reference met, red below it (no tolerance of nothing)', () => {
    expect(derivePotential({ reference: 0, estimate: 0 }, tol)).toBe('green');
    expect(derivePotential({ reference: 0, estimate: -1 }, tol)).toBe('red');
  });
  it('with tolerance 0 any shortfall is red', () => expect(derivePotential({ reference: 1000, estimate: 999 }, 0)).toBe('red'));
});

describe('stale and manual statuses', () => {
  it('is stale after more than the window of calendar days, never within it', () => {
    expect(isStale('2027-01-31', '2027-03-02', 30)).toBe(false);
    expect(isStale('2027-01-31', '2027-03-03', 30)).toBe(true);
    expect(isStale(null, '2027-03-03', 30)).toBe(true);
    // Across a leap day: 2028-01-30 → 2028-02-29 is 30 days.
    expect(isStale('2028-01-30', '2028-02-29', 30)).toBe(false);
    expect(isStale('2028-01-30', '2028-03-01', 30)).toBe(true);
  });
  it('a manual status wins over the derived one; stale shows grey either way', () => {
    const manual = { status: 'amber' as const, reason: 'Deal signed next week', by: 'p1', at: '2027-03-01T10:00:00.000Z' };
    expect(effective('red', manual, false)).toEqual({ status: 'amber', derived: 'red', override: manual, stale: false });
    expect(effective('red', null, false).status).toBe('red');
    expect(effective('red', manual, true).status).toBe('grey');
    expect(effective('green', null, true)).toMatchObject({ status: 'grey', derived: 'green', stale: true });
  });
  it('deriveStatuses applies both rules and the staleness of the last report', () => {
    const f: StatusFacts = { ...ms(2, 0, 1), reference: 1000, estimate: 1200, lastDay: '2027-02-20', implementation: null, potential: null };
    const settings = { tolerancePct: 10, staleDays: 30 };
    expect(deriveStatuses(f, '2027-03-01', settings)).toMatchObject({ implementation: { status: 'amber' }, potential: { status: 'green' } });
    expect(deriveStatuses(f, '2027-04-01', settings)).toMatchObject({ implementation: { status: 'grey', stale: true }, potential: { status: 'grey', stale: true } });
  });
});

describe('potential: a measure whose every line is on plan is never red (property)', () => {
  // A line: sign (+1 benefit, −1 cost) and a reference; "on plan" = a benefit at or above it, a cost at or below it.
  const line = fc.record({ sign: fc.constantFrom(1, -1), reference: fc.integer({ min: 0, max: 1e9 }), slack: fc.integer({ min: 0, max: 1e8 }) });
  it('holds for any mix of benefit and cost lines and any tolerance', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 100 }), (lines, tol) => {
        const reference = lines.reduce((s, l) => s + l.sign * l.reference, 0);
        // Benefits over by `slack`, costs under by `slack` (capped at the cost itself).
        const estimate = lines.reduce((s, l) => s + l.sign * (l.sign === 1 ? l.reference + l.slack : Math.max(0, l.reference - l.slack)), 0);
        expect(derivePotential({ reference, estimate }, tol)).toBe('green');
      }),
    );
  });
});
