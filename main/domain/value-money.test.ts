import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMoney } from '../../preload/contract/parse.js';
import { divRound, minorDigits, minorToDecimal } from './value-money.js';

const ok = (s: string, d = 2, locale = 'en-US') => {
  const r = parseMoney(s, d, locale);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
// Reading typed amounts (locales, refusals) is tested with the parser: preload/contract/parse.test.ts.
describe('money in minor units', () => {
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
