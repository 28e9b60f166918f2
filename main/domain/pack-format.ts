/** Formatting shared by every pack output (preview, PDF, slides), so figures read the same everywhere. */
import { formatDay } from '../../preload/contract/parse.js';

/**
 * A stored day as the pack writes it: in the locale of the one who built it (the app's one
 * date format, preload/contract/parse.ts), ISO when no locale was given (the CLI, tests).
 */
export function day(iso: string | null | undefined, locale: string | null | undefined, empty = '—'): string {
  if (!iso) return empty;
  return locale ? formatDay(iso, locale) : iso;
}

/** Minor units as whole major units with the currency code, e.g. "EUR 1,234,567". */
export function money(minor: number, currency: string): string {
  const major = Math.round(minor / 100);
  const sign = major < 0 ? '−' : '';
  return `${sign}${currency} ${Math.abs(major).toLocaleString('en-US')}`;
}

/** A signed money delta, "+EUR 12,000" / "−EUR 3,000". */
export function moneyDelta(minor: number, currency: string): string {
  return minor > 0 ? `+${money(minor, currency)}` : money(minor, currency);
}

/** Minor units as thousands of major units for charts (one decimal). */
export function thousands(minor: number): number {
  return Math.round(minor / 1000) / 100;
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
