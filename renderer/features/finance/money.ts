/** Display of integer minor units per locale, without ever going through a float. */

export function minorToDecimal(minor: number, digits: number): string {
  if (digits === 0) return String(minor);
  const neg = minor < 0;
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${neg ? '-' : ''}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

const cache = new Map<string, Intl.NumberFormat>();
function nf(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make()));
  return f;
}

// Intl.NumberFormat formats a decimal string exactly (ES2023); the cast only satisfies older lib types.
const exact = (f: Intl.NumberFormat, s: string) => f.format(s as unknown as number);

/** "1,234.56" / "1.234,56" per the user's locale; for cells. */
export function formatAmount(minor: number | null, digits: number, locale = navigator.language): string {
  if (minor === null) return '';
  return exact(nf(`a:${locale}:${digits}`, () => new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })), minorToDecimal(minor, digits));
}

/** "€1,234.56" for totals. */
export function formatMoney(minor: number, currency: string, digits: number, locale = navigator.language): string {
  return exact(nf(`m:${locale}:${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits })), minorToDecimal(minor, digits));
}

/** "€1.2M" for chart axes and tiles. */
export function formatCompact(minor: number, currency: string, digits: number, locale = navigator.language): string {
  return nf(`c:${locale}:${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 })).format(minor / 10 ** digits);
}
