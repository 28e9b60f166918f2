import { describe, expect, it } from 'vitest';
import { parseMoney, parseNumber } from '../../../preload/contract';
import { typedProblem, typedText } from './typed-values';

describe('typed cells', () => {
  it('shows stored numbers and money in the locale, as text the parser reads back', () => {
    for (const [locale, n, m] of [
      ['de-DE', '1.234,5', '1.234,50'],
      ['en-US', '1,234.5', '1,234.50'],
      ['en-GB', '1,234.5', '1,234.50'],
    ] as const) {
      expect(typedText('number', 1234.5, locale)).toBe(n);
      expect(typedText('money', 123450, locale)).toBe(m);
      const back = parseNumber(typedText('number', 1234.5, locale), locale);
      expect(back.ok && back.value).toBe('1234.5');
      const money = parseMoney(typedText('money', 123450, locale), 2, locale);
      expect(money.ok && money.value).toBe(123450);
    }
    // A date in the locale's order, the one date format (the parser reads it back).
    expect(typedText('date', '2026-12-31', 'de-DE')).toBe('31.12.2026');
    expect(typedText('date', '2026-12-31', 'en-GB')).toBe('31/12/2026');
    expect(typedText('money', null, 'de-DE')).toBe('');
  });
  it('says why typed text cannot be read, and lets empty text through to the workspace rules', () => {
    expect(typedProblem('date', 'someday', 'de-DE')).toBe('"someday" is not a date; use 31.12.2026 or 2026-12-31');
    expect(typedProblem('number', '1,5', 'en-US')).toMatch(/not a number in en-US/);
    expect(typedProblem('money', '1,555', 'de-DE')).toBe('"1,555" has more than 2 decimals');
    expect(typedProblem('money', '1,5', 'de-DE')).toBeNull();
    expect(typedProblem('date', '  ', 'en-US')).toBeNull();
    expect(typedProblem('text', 'anything', 'en-US')).toBeNull();
  });
});
