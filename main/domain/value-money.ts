/**
 * Money arithmetic in integer minor units (cents). Pure: no I/O. Typed amounts are read by
 * the one parser shared with the renderer (preload/contract/parse.ts): the locale's
 * decimal mark, the other mark only groups thousands, more decimals than the currency
 * has are refused, never rounded.
 */
export { MAX_MINOR, minorDigits } from '../../preload/contract/parse.js';

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
