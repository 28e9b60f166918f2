import { formatDay, parseDay, parseMoney, parseNumber } from '../../../preload/contract';
import { userLocale } from '../../app/locale';
import { formatAmount } from '../finance/money';

/** What a typed cell or panel field holds: read by the one parser before anything is sent. */
export type TypedKind = 'date' | 'number' | 'money' | 'text';

/** Custom money is kept in cents (see the contract's CustomValues). */
export const CUSTOM_MONEY_DIGITS = 2;

/**
 * Why the typed text cannot be read as `kind` in the user's locale, or null when it can (or
 * is empty: clearing is for the workspace's rules to allow). Main reads it again with the
 * same functions before writing.
 */
export function typedProblem(kind: TypedKind, text: string, locale = userLocale()): string | null {
  if (text.trim() === '') return null;
  const r = kind === 'date' ? parseDay(text, locale) : kind === 'number' ? parseNumber(text, locale) : kind === 'money' ? parseMoney(text, CUSTOM_MONEY_DIGITS, locale) : null;
  return r && !r.ok ? r.message : null;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A stored number in the user's locale ("1,5" in de), exactly as stored (up to 15 digits). */
export function formatNumber(v: number, locale = userLocale()): string {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 15 })));
  return f.format(v);
}

/** A stored value as the cell shows it, and as the editor starts with: text the parser reads back. */
export function typedText(kind: TypedKind, v: unknown, locale = userLocale()): string {
  if (v === null || v === undefined || v === '') return '';
  if (kind === 'money' && typeof v === 'number') return formatAmount(v, CUSTOM_MONEY_DIGITS, locale);
  if (kind === 'number' && typeof v === 'number') return formatNumber(v, locale);
  // A stored day in the locale's order, the one date format (the parser reads it back).
  if (kind === 'date' && typeof v === 'string') return formatDay(v, locale);
  return String(v);
}
