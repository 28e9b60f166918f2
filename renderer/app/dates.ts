import { formatDay, parseDay, type Parsed } from '../../preload/contract';
import { userLocale } from './locale';

/**
 * The one way the renderer shows a date: a stored day (YYYY-MM-DD) in the user's locale
 * order (de 31.12.2026, en-US 12/31/2026, en-GB 31/12/2026), which the one parser reads
 * back when it is typed. `empty` stands for a missing day.
 */
export function showDay(iso: string | null | undefined, empty = '—'): string {
  return iso ? formatDay(iso, userLocale()) : empty;
}

/** The local calendar day of an ISO timestamp, YYYY-MM-DD ('' when it is none). */
export function localDay(stamp: string | null | undefined): string {
  if (!stamp) return '';
  // A day without a time is already a calendar day (read as UTC midnight it could shift a day).
  if (/^\d{4}-\d{2}-\d{2}$/.test(stamp)) return stamp;
  const d = new Date(stamp);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The local day of a timestamp, shown like every date. */
export function showStampDay(stamp: string | null | undefined, empty = '—'): string {
  return showDay(localDay(stamp), empty);
}

/** A timestamp as its local day (shown like every date) and time of day, "31.12.2026 14:05". */
export function showStamp(stamp: string | null | undefined, empty = '—'): string {
  const day = localDay(stamp);
  if (!day) return empty;
  const d = new Date(stamp!);
  return `${showDay(day)} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * A typed day read by the one parser in the user's locale: null for an empty text (the
 * field is cleared), else the day or the reason it cannot be read.
 */
export function readDay(text: string): Parsed<string | null> {
  return text.trim() === '' ? { ok: true, value: null } : parseDay(text, userLocale());
}
