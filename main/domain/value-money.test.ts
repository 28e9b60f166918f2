import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { divRound, minorDigits, minorToDecimal, parseAmount } from './value-money.js';

const ok = (s: string, d = 2, mark?: '.' | ',') => {
  const r = parseAmount(s, d, mark);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const err = (s: string, d = 2, mark?: '.' | ',') => {
  const r = parseAmount(s, d, mark);
  if (r.ok) throw new Error(`accepted ${s}`);
  return r.message;
};

describe('parseAmount', () => {
  it('reads both decimal conventions and digit grouping into exact minor units', () => {
    expect(ok('1,234.56')).toBe(123456);
    expect(ok('1.234,56')).toBe(123456);
    expect(ok('1 234,5')).toBe(123450);
    expect(ok("1'234'567.8")).toBe(123456780);
    expect(ok('1,234')).toBe(123400);
    expect(ok('12,5')).toBe(1250);
    expect(ok('0.1')).toBe(10);
    expect(ok('-42')).toBe(-4200);
    expect(ok('(42.10)')).toBe(-4210);
    expect(ok('1000000000000')).toBe(100000000000000);
    expect(ok('7', 0)).toBe(7);
    // The locale's decimal mark settles a lone separator.
    expect(ok('1,234', 2, '.')).toBe(123400);
    expect(ok('1.234', 2, ',')).toBe(123400);
    expect(ok('1,5', 2, ',')).toBe(150);
    expect(ok('1.5', 2, '.')).toBe(150);
  });
  it('refuses non-numbers, over-precise and oversize amounts with a message', () => {
    expect(err('abc')).toMatch(/not a number/);
    expect(err('12.345', 2, '.')).toMatch(/more than 2 decimals/);
    expect(err('12,345', 2, ',')).toMatch(/more than 2 decimals/);
    expect(err('0.001')).toMatch(/more than 2 decimals/);
    expect(err('1.5', 0)).toMatch(/no minor unit/);
    expect(err('1,23,4.5')).toMatch(/grouping/);
    expect(err('99999999999999999')).toMatch(/too large/);
    expect(err('1.2.3,4')).toMatch(/grouping|not a number/);
  });
  it('keeps sums exact: 0.1 + 0.2 is 0.30 and 10^12 amounts add to the cent', () => {
    expect(ok('0.1') + ok('0.2')).toBe(ok('0.3'));
    expect(minorToDecimal(ok('0.1') + ok('0.2'))).toBe('0.30');
    const big = ok('1000000000000.01');
    expect(minorToDecimal(big + big + ok('0.01'))).toBe('2000000000000.03');
  });
  it('round-trips every amount with two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 14), max: 10 ** 14 }), (n) => {
        expect(ok(minorToDecimal(n))).toBe(n);
      }),
    );
  });
  it('knows currency minor units and rounds risk weights half away from zero', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(divRound(250, 100)).toBe(3);
    expect(divRound(-250, 100)).toBe(-3);
    expect(divRound(249, 100)).toBe(2);
  });
});
