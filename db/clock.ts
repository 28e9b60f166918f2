/**
 * The one clock of the main process, the CLI and the database layer. Everything that
 * depends on "now" or "today" (late, overdue, stale, due in N days, future months,
 * approval age, escalations, change stamps) reads it; nothing else calls Date.now() or
 * new Date() (a lint rule keeps it so).
 *
 * "Today" is the user's local calendar day. STEERCO_TODAY=YYYY-MM-DD moves the clock to
 * that day (same time of day), to reproduce last month's pack or look ahead; tests use
 * setClock() / advanceClock().
 */

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Offset added to the system clock (ms); STEERCO_TODAY and the test helpers set it. */
let offsetMs = 0;
/** A fixed instant (tests), or null to follow the system clock. */
let fixedMs: number | null = null;

function systemNow(): number {
  return Date.now();
}

/** Milliseconds since the epoch, as the app's clock says. */
export function now(): number {
  return fixedMs ?? systemNow() + offsetMs;
}

/** The clock's now as a Date (a fresh object each call). */
export function nowDate(): Date {
  return new Date(now());
}

/** The clock's now as an ISO 8601 UTC string: what `updated_at`, `created_at` … store. */
export function nowIso(): string {
  return nowDate().toISOString();
}

/** A Date's local calendar day, YYYY-MM-DD. */
export function localDay(d: Date): string {
  return `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Today, the user's local calendar day, YYYY-MM-DD. */
export function today(): string {
  return localDay(nowDate());
}

/** This month, YYYY-MM (local calendar). */
export function currentPeriod(): string {
  return today().slice(0, 7);
}

/** True when `s` is a real calendar day written YYYY-MM-DD. */
export function isIsoDay(s: string): boolean {
  const m = ISO_DAY.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** Whole days from `a` to `b` (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** `day` (YYYY-MM-DD) moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Offset in ms that moves the system clock to the local day `day`, keeping the time of day. */
function offsetTo(day: string): number {
  return daysBetween(localDay(new Date(systemNow())), day) * DAY_MS;
}

/**
 * Reads STEERCO_TODAY. Returns the refusal in words when it is set but not a real
 * YYYY-MM-DD day (the app and the CLI refuse to start with it), else null.
 */
export function applyTodayFromEnv(env: Record<string, string | undefined> = process.env): string | null {
  const v = env.STEERCO_TODAY;
  if (v === undefined || v === '') {
    offsetMs = 0;
    return null;
  }
  if (!isIsoDay(v)) return `STEERCO_TODAY must be a calendar day written YYYY-MM-DD (for example 2026-11-30), not "${v}".`;
  offsetMs = offsetTo(v);
  return null;
}

/** Test helper: freeze the clock at an instant (ISO string, YYYY-MM-DD at local noon, or ms). */
export function setClock(at: string | number): void {
  if (typeof at === 'number') fixedMs = at;
  else if (isIsoDay(at)) {
    const [y, m, d] = at.split('-').map(Number) as [number, number, number];
    fixedMs = new Date(y, m - 1, d, 12, 0, 0, 0).getTime();
  } else {
    const t = Date.parse(at);
    if (Number.isNaN(t)) throw new Error(`setClock: not a time: ${at}`);
    fixedMs = t;
  }
}

/** Test helper: move the clock on by `ms` (freezing it first if it follows the system clock). */
export function advanceClock(ms: number): void {
  fixedMs = now() + ms;
}

/** Test helper: follow the system clock again (STEERCO_TODAY still applies). */
export function resetClock(): void {
  fixedMs = null;
  applyTodayFromEnv();
}

applyTodayFromEnv();
