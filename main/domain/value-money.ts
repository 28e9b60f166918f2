/**
 * Money input and arithmetic in integer minor units (cents). Pure: no I/O.
 *
 * Parsing rule (documented in README "Value tracking"):
 * - spaces, non-breaking spaces and apostrophes are digit grouping and ignored;
 * - when both '.' and ',' appear, the LAST one is the decimal mark, the other groups digits
 *   ("1,234.56" and "1.234,56" are both 1234.56);
 * - when only one kind appears more than once it groups digits ("1,234,567");
 * - when one appears once, it is the decimal mark if it is the decimal mark of the user's
 *   locale (`decimalMark`, sent by the renderer), else digit grouping; without a locale hint
 *   (CLI) it groups digits when followed by exactly three digits ("1,234" = 1234), otherwise
 *   it is the decimal mark ("12,5" = 12.50);
 * - more decimals than the currency has (2 for EUR, 0 for JPY) is refused, never rounded.
 */

export type ParsedAmount = { ok: true; value: number } | { ok: false; message: string };

/** Decimal digits of a currency's minor unit (EUR 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Largest amount accepted: keeps every sum of a workspace far inside 2^53 and SQLite's int64. */
export const MAX_MINOR = 10 ** 15;

export function parseAmount(input: string, digits = 2, decimalMark?: '.' | ','): ParsedAmount {
  let s = input.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (s === '') return { ok: false, message: 'is empty' };
  let sign = 1;
  if (s.startsWith('(') && s.endsWith(')')) {
    sign = -1;
    s = s.slice(1, -1);
  }
  if (s.startsWith('-') || s.startsWith('\u2212')) {
    sign = -sign;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  if (!/^[0-9.,]+$/.test(s) || !/[0-9]/.test(s)) return { ok: false, message: `"${input.trim()}" is not a number` };
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let mark: string | null = null;
  if (lastDot >= 0 && lastComma >= 0) mark = lastDot > lastComma ? '.' : ',';
  else {
    const only = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
    if (only) {
      const count = s.split(only).length - 1;
      const after = s.length - s.lastIndexOf(only) - 1;
      // "0.001" has no thousands to group: the separator is a decimal mark.
      const head = s.slice(0, s.indexOf(only));
      if (count === 1) mark = decimalMark ? (only === decimalMark ? only : null) : after !== 3 || /^0*$/.test(head) ? only : null;
    }
  }
  let intPart = s;
  let frac = '';
  if (mark) {
    const at = s.lastIndexOf(mark);
    intPart = s.slice(0, at);
    frac = s.slice(at + 1);
    if (/[.,]/.test(frac)) return { ok: false, message: `"${input.trim()}" is not a number` };
  }
  const group = mark === '.' ? ',' : mark === ',' ? '.' : null;
  const groups = group ? intPart.split(group) : intPart.split(/[.,]/);
  if (groups.length > 1 && (groups.slice(1).some((g) => g.length !== 3) || !/^[1-9]\d{0,2}$/.test(groups[0]!))) return { ok: false, message: `"${input.trim()}" has misplaced digit grouping` };
  intPart = groups.join('');
  if (/[.,]/.test(intPart)) return { ok: false, message: `"${input.trim()}" is not a number` };
  if (frac.length > digits) {
    return { ok: false, message: digits === 0 ? `"${input.trim()}" has decimals; this currency has no minor unit` : `"${input.trim()}" has more than ${digits} decimals` };
  }
  const digitsStr = (intPart || '0') + frac.padEnd(digits, '0');
  // Compare as strings first so a 30-digit paste never turns into an imprecise float.
  const trimmed = digitsStr.replace(/^0+(?=\d)/, '');
  if (trimmed.length > 16 || Number(trimmed) > MAX_MINOR) return { ok: false, message: `"${input.trim()}" is too large` };
  const value = Number(trimmed) * sign;
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

/** Minor units as a plain decimal string for exports and the CLI ("1234.56", "-0.05"). */
export function minorToDecimal(minor: number, digits = 2): string {
  if (digits === 0) return String(minor);
  const neg = minor < 0;
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${neg ? '-' : ''}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** Integer division rounding half away from zero: exact for risk weighting (value × pct / 100). */
export function divRound(n: number, d: number): number {
  const q = Math.trunc(n / d);
  const r = n - q * d;
  if (Math.abs(r) * 2 >= d) return q + Math.sign(n);
  return q;
}
