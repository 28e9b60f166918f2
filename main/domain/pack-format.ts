/** Formatting shared by every pack output (preview, PDF, slides), so figures read the same everywhere. */
import { formatDay, minorDigits } from '../../preload/contract/parse.js';

/**
 * A stored day as the pack writes it: in the locale of the one who built it (the app's one
 * date format, preload/contract/parse.ts), ISO when no locale was given (the CLI, tests).
 */
export function day(iso: string | null | undefined, locale: string | null | undefined, empty = '—'): string {
  if (!iso) return empty;
  return locale ? formatDay(iso, locale) : iso;
}

/** How the pack writes money: the workspace currency, its minor digits, the reader's locale (null: the CLI's "EUR 1,234,567"). */
export interface MoneyIn {
  currency: string;
  digits: number;
  locale: string | null;
}

/** The money format of a pack's facts: their currency (and its decimals), in the locale of the one who built it. */
export function moneyIn(f: { currency: string; locale?: string | null }): MoneyIn {
  return { currency: f.currency, digits: minorDigits(f.currency), locale: f.locale ?? null };
}

const formats = new Map<string, Intl.NumberFormat>();
function codeFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}\u0000${currency}`;
  let nf = formats.get(key);
  if (!nf) {
    try {
      nf = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'code', minimumFractionDigits: 0, maximumFractionDigits: 0 });
    } catch {
      nf = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'XXX', currencyDisplay: 'code', minimumFractionDigits: 0, maximumFractionDigits: 0 });
    }
    if (formats.size > 64) formats.clear();
    formats.set(key, nf);
  }
  return nf;
}

/**
 * Minor units as whole major units with the currency code, by the currency's own decimals
 * (JPY has none): "EUR 1,234,567" without a locale, "1.234.567 EUR" in de, "EUR 1,234,567" in en-US.
 */
export function money(minor: number, m: MoneyIn | string): string {
  const f = typeof m === 'string' ? { currency: m, digits: minorDigits(m), locale: null } : m;
  const major = Math.round(minor / 10 ** f.digits);
  const sign = major < 0 ? '−' : '';
  if (!f.locale) return `${sign}${f.currency} ${Math.abs(major).toLocaleString('en-US')}`;
  return `${sign}${codeFormat(f.locale, f.currency).format(Math.abs(major))}`;
}

/** A signed money delta, "+EUR 12,000" / "−EUR 3,000". */
export function moneyDelta(minor: number, m: MoneyIn | string): string {
  return minor > 0 ? `+${money(minor, m)}` : money(minor, m);
}

/** Minor units as thousands of major units for charts (one decimal), by the currency's decimals. */
export function thousands(minor: number, digits = 2): number {
  return Math.round(minor / 10 ** digits / 10) / 100;
}

export function pct(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${Math.round((part / whole) * 100)}%`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** YYYY-MM-DD plus `days`, in UTC (dates carry no time zone). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A file-name-safe stem: "Northwind-launch_Program-A_2026-11-25". */
export function fileStem(workspace: string, scope: string, date: string): string {
  const safe = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .slice(0, 60) || 'pack';
  return `${safe(workspace)}_${safe(scope)}_${date}`;
}
