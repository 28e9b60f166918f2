import { describe, expect, it } from 'vitest';
import { money, moneyDelta, moneyIn, thousands } from './pack-format.js';

describe('pack money', () => {
  it('follows the currency\'s decimals (JPY has none) and the reader\'s locale', () => {
    expect(money(123_456_789, 'EUR')).toBe('EUR 1,234,568');
    expect(money(123_456_789, 'JPY')).toBe('JPY 123,456,789');
    expect(money(-250_000, 'EUR')).toBe('−EUR 2,500');
    const de = moneyIn({ currency: 'EUR', locale: 'de-DE' });
    expect(money(123_456_789, de).replace(/\s/g, ' ')).toBe('1.234.568 EUR');
    expect(moneyDelta(-300_000, de).replace(/\s/g, ' ')).toBe('−3.000 EUR');
    expect(moneyDelta(1_200_000, moneyIn({ currency: 'EUR', locale: 'en-US' })).replace(/\s/g, ' ')).toBe('+EUR 12,000');
    expect(money(5_000_000, moneyIn({ currency: 'JPY', locale: 'ja-JP' })).replace(/\s/g, ' ')).toMatch(/^JPY 5,000,000$/);
  });

  it('charts in thousands of major units, by the currency\'s decimals', () => {
    expect(thousands(123_456_789)).toBe(1234.57);
    expect(thousands(123_456_789, 0)).toBe(123456.79);
    expect(thousands(123_456_789, moneyIn({ currency: 'JPY' }).digits)).toBe(123456.79);
  });
});
