import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dateFormat, formatDay, inputLocale, numberMarks, parseDay, parseMoney, parseNumber, type Parsed } from './parse.js';

const ok = <T>(r: Parsed<T>): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const no = <T>(r: Parsed<T>): string => {
  if (r.ok) throw new Error(`accepted as ${String(r.value)}`);
  return r.message;
};

describe('parseDay', () => {
  it('reads ISO days in every locale, strictly real days', () => {
    for (const l of ['de-DE', 'en-US', 'en-GB']) {
      expect(ok(parseDay('2026-12-31', l))).toBe('2026-12-31');
      expect(ok(parseDay(' 2028-02-29 ', l))).toBe('2028-02-29');
      expect(no(parseDay('2026-02-30', l))).toBe('"2026-02-30" is not a day: February 2026 has 28 days');
      expect(no(parseDay('2027-02-29', l))).toBe('"2027-02-29" is not a day: February 2027 has 28 days');
      expect(no(parseDay('2026-13-01', l))).toBe('"2026-13-01" is not a date: there is no month 13');
      expect(no(parseDay('2026-04-31', l))).toBe('"2026-04-31" is not a day: April 2026 has 30 days');
    }
    expect(ok(parseDay('2000-02-29', 'en-US'))).toBe('2000-02-29');
    expect(no(parseDay('2100-02-29', 'en-US'))).toMatch(/February 2100 has 28 days/);
  });
  it('reads year-first with one-digit month and day as year-month-day (the same in every locale)', () => {
    for (const l of ['de-DE', 'en-US', 'en-GB']) expect(ok(parseDay('2026-1-5', l))).toBe('2026-01-05');
    expect(ok(parseDay('2026/12/31', 'en-US'))).toBe('2026-12-31');
  });
  it('reads the locale order: de day.month.year, en-US month/day/year, en-GB day/month/year', () => {
    expect(ok(parseDay('31.12.2026', 'de-DE'))).toBe('2026-12-31');
    expect(ok(parseDay('5.1.2026', 'de-DE'))).toBe('2026-01-05');
    expect(ok(parseDay('12/31/2026', 'en-US'))).toBe('2026-12-31');
    expect(ok(parseDay('11/15/2026', 'en-US'))).toBe('2026-11-15');
    expect(ok(parseDay('31/12/2026', 'en-GB'))).toBe('2026-12-31');
    expect(ok(parseDay('29.02.2028', 'de-DE'))).toBe('2028-02-29');
    expect(ok(parseDay('02/29/2028', 'en-US'))).toBe('2028-02-29');
    // The order is the locale's whatever the separator: 01/02/2026 is 1 February in de and en-GB, 2 January in en-US.
    expect(ok(parseDay('01/02/2026', 'de-DE'))).toBe('2026-02-01');
    expect(ok(parseDay('01/02/2026', 'en-GB'))).toBe('2026-02-01');
    expect(ok(parseDay('01/02/2026', 'en-US'))).toBe('2026-01-02');
  });
  it('refuses what does not fit the locale order, with the reason, never reading it another way', () => {
    expect(no(parseDay('31.12.2026', 'en-US'))).toBe('"31.12.2026" is not a date in en-US (month/day/year, 12/31/2026): there is no month 31');
    expect(no(parseDay('11/15/2026', 'de-DE'))).toBe('"11/15/2026" is not a date in de-DE (day.month.year, 31.12.2026): there is no month 15');
    expect(no(parseDay('11/15/2026', 'en-GB'))).toMatch(/there is no month 15/);
    expect(no(parseDay('12/31/2026', 'en-GB'))).toMatch(/there is no month 31/);
    expect(no(parseDay('31.02.2026', 'de-DE'))).toBe('"31.02.2026" is not a day: February 2026 has 28 days');
    expect(no(parseDay('29.02.2027', 'de-DE'))).toBe('"29.02.2027" is not a day: February 2027 has 28 days');
    expect(no(parseDay('31.12.26', 'de-DE'))).toBe('"31.12.26" is not a date: write the year with four digits');
  });
  it('says how to write a date when the text is none', () => {
    expect(no(parseDay('someday', 'de-DE'))).toBe('"someday" is not a date; use 31.12.2026 or 2026-12-31');
    expect(no(parseDay('someday', 'en-US'))).toBe('"someday" is not a date; use 12/31/2026 or 2026-12-31');
    expect(no(parseDay('someday', 'en-GB'))).toBe('"someday" is not a date; use 31/12/2026 or 2026-12-31');
    expect(no(parseDay('2026-12', 'en-US'))).toMatch(/is not a date/);
    expect(no(parseDay('1.2.3.4', 'de-DE'))).toMatch(/is not a date/);
  });
  it('knows the order of other locales and falls back to the runtime default', () => {
    expect(dateFormat('de-DE')).toMatchObject({ order: ['day', 'month', 'year'], separator: '.', example: '31.12.2026' });
    expect(dateFormat('en-US')).toMatchObject({ order: ['month', 'day', 'year'], separator: '/' });
    expect(dateFormat('ja-JP').order).toEqual(['year', 'month', 'day']);
    expect(ok(parseDay('2026. 12. 31.', 'ko-KR'))).toBe('2026-12-31');
    expect(inputLocale('not a tag!')).toBe(Intl.DateTimeFormat().resolvedOptions().locale);
  });
  it('round-trips every day of 1900–2200 in ISO and in each locale', () => {
    const fmt = (l: string) => new Intl.DateTimeFormat(l, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 11, 31) }), (ms) => {
        const iso = new Date(ms).toISOString().slice(0, 10);
        expect(ok(parseDay(iso, 'de-DE'))).toBe(iso);
        for (const l of ['de-DE', 'en-US', 'en-GB']) expect(ok(parseDay(fmt(l).format(ms), l))).toBe(iso);
      }),
    );
  });
});

describe('formatDay', () => {
  it("shows a stored day in the locale's order, and parseDay reads it back in every locale", () => {
    expect(formatDay('2026-03-07', 'de-DE')).toBe('07.03.2026');
    expect(formatDay('2026-03-07', 'en-US')).toBe('03/07/2026');
    expect(formatDay('2026-03-07', 'en-GB')).toBe('07/03/2026');
    expect(formatDay('2026-03-07', 'ja-JP')).toBe('2026/03/07');
    expect(formatDay('not a day', 'de-DE')).toBe('not a day');
    const locales = ['de-DE', 'en-US', 'en-GB', 'fr-FR', 'ja-JP', 'sv-SE', 'ko-KR', 'hu-HU', 'nl-NL', 'zh-CN'];
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2999, 11, 31)), noInvalidDate: true }), fc.constantFrom(...locales), (d, l) => {
        const iso = d.toISOString().slice(0, 10);
        expect(ok(parseDay(formatDay(iso, l), l))).toBe(iso);
      }),
    );
  });
});

describe('parseNumber', () => {
  it('reads the locale marks: de 1.234,5 and en 1,234.5', () => {
    expect(ok(parseNumber('1,5', 'de-DE'))).toBe('1.5');
    expect(ok(parseNumber('1.234,5', 'de-DE'))).toBe('1234.5');
    expect(ok(parseNumber('1.234', 'de-DE'))).toBe('1234');
    expect(ok(parseNumber('1 234,5', 'de-DE'))).toBe('1234.5');
    expect(ok(parseNumber('1,234.5', 'en-US'))).toBe('1234.5');
    expect(ok(parseNumber('1,234', 'en-US'))).toBe('1234');
    expect(ok(parseNumber('1.5', 'en-GB'))).toBe('1.5');
    expect(ok(parseNumber('-0,25', 'de-DE'))).toBe('-0.25');
    expect(ok(parseNumber('−3', 'en-US'))).toBe('-3');
    expect(ok(parseNumber('(42.10)', 'en-US'))).toBe('-42.1');
    expect(ok(parseNumber('007', 'en-US'))).toBe('7');
    expect(ok(parseNumber(',5', 'de-DE'))).toBe('0.5');
    expect(ok(parseNumber('-0', 'en-US'))).toBe('0');
    expect(ok(parseNumber("1'234.5", 'de-CH'))).toBe('1234.5');
  });
  it('refuses 1,5 in en-US (there "," groups thousands) and 1.5 in de, saying how to write it', () => {
    expect(no(parseNumber('1,5', 'en-US'))).toBe('"1,5" is not a number in en-US, where "." marks decimals and "," groups thousands; use 1234.5 or 1,234.5');
    expect(no(parseNumber('1,5', 'en-GB'))).toMatch(/not a number in en-GB/);
    expect(no(parseNumber('1.5', 'de-DE'))).toBe('"1.5" is not a number in de-DE, where "," marks decimals and "." groups thousands; use 1234,5 or 1.234,5');
    expect(no(parseNumber('1,234.5', 'de-DE'))).toMatch(/not a number in de-DE/);
    expect(no(parseNumber('1.234,5', 'en-US'))).toMatch(/not a number in en-US/);
    expect(no(parseNumber('1,23,4.5', 'en-US'))).toMatch(/not a number in en-US/);
    expect(no(parseNumber('1.2.3', 'en-US'))).toMatch(/not a number in en-US/);
  });
  it('says what a non-number is in words, never NaN', () => {
    expect(no(parseNumber('abc', 'en-US'))).toBe('"abc" is not a number; use 1234.5 or 1,234.5');
    expect(no(parseNumber('abc', 'de-DE'))).toBe('"abc" is not a number; use 1234,5 or 1.234,5');
    expect(no(parseNumber('NaN', 'en-US'))).toMatch(/is not a number; use/);
    expect(no(parseNumber('1e5', 'en-US'))).toMatch(/is not a number; use/);
    expect(no(parseNumber('-', 'en-US'))).toMatch(/is not a number; use/);
    expect(no(parseNumber('1234567890123456', 'en-US'))).toMatch(/more than 15 digits/);
  });
  it('round-trips numbers formatted by the locale', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), fc.integer({ min: 0, max: 3 }), (n, d) => {
        const x = n / 10 ** d;
        for (const l of ['de-DE', 'en-US', 'en-GB']) {
          const typed = new Intl.NumberFormat(l, { maximumFractionDigits: 3 }).format(x);
          expect(Number(ok(parseNumber(typed, l)))).toBe(x);
        }
      }),
    );
  });
});

describe('parseMoney', () => {
  it('reads amounts in the locale into integer minor units', () => {
    expect(ok(parseMoney('1,5', 2, 'de-DE'))).toBe(150);
    expect(ok(parseMoney('1.234,56', 2, 'de-DE'))).toBe(123456);
    expect(ok(parseMoney('1,234.56', 2, 'en-US'))).toBe(123456);
    expect(ok(parseMoney('1,234', 2, 'en-US'))).toBe(123400);
    expect(ok(parseMoney('1.234', 2, 'de-DE'))).toBe(123400);
    expect(ok(parseMoney('0.1', 2, 'en-GB'))).toBe(10);
    expect(ok(parseMoney('-42', 2, 'en-US'))).toBe(-4200);
    expect(ok(parseMoney('7', 0, 'en-US'))).toBe(7);
    expect(ok(parseMoney('1000000000000', 2, 'en-US'))).toBe(100000000000000);
    expect(ok(parseMoney("1'234'567.8", 2, 'en-US'))).toBe(123456780);
    expect(ok(parseMoney('1 234,5', 2, 'de-DE'))).toBe(123450);
    expect(ok(parseMoney('(42.10)', 2, 'en-US'))).toBe(-4210);
  });
  it('never rounds: more decimals than the currency has are refused', () => {
    expect(no(parseMoney('12.345', 2, 'en-US'))).toBe('"12.345" has more than 2 decimals');
    expect(no(parseMoney('12,345', 2, 'de-DE'))).toBe('"12,345" has more than 2 decimals');
    expect(no(parseMoney('1,234', 2, 'de-DE'))).toMatch(/more than 2 decimals/);
    expect(no(parseMoney('1.5', 0, 'en-US'))).toMatch(/no minor unit/);
    expect(no(parseMoney('99999999999999999', 2, 'en-US'))).toMatch(/too large/);
    expect(no(parseMoney('1,5', 2, 'en-US'))).toMatch(/not a number in en-US/);
    expect(no(parseMoney('abc', 2, 'en-US'))).toBe('"abc" is not a number; use 1234.5 or 1,234.5');
  });
  it('knows the marks of a locale', () => {
    expect(numberMarks('de-DE')).toMatchObject({ decimal: ',', group: '.' });
    expect(numberMarks('en-US')).toMatchObject({ decimal: '.', group: ',' });
    expect(numberMarks('fr-FR')).toMatchObject({ decimal: ',', group: '.' });
  });
});
