/**
 * The one reader of typed dates, numbers and money, shared by the renderer (grid, detail
 * panel, effects grid: to refuse at the cell before anything is sent) and main (which
 * validates every write with the same functions: grid edits, paste, bulk edit, CLI,
 * import). Pure TypeScript on Intl: no Node, no DOM.
 *
 * Rules (README "Typing dates and numbers"):
 * - Dates: ISO `YYYY-MM-DD`, and year-first with one or two digit month and day
 *   (`2026-1-5`; year-first is read year-month-day in every locale, so it is not a guess);
 *   otherwise three numbers in the ORDER of the user's locale (de `31.12.2026`, en-US
 *   `12/31/2026`, en-GB `31/12/2026`) with `.`, `/` or `-` between them. Text that does not
 *   fit the locale's order is refused, never re-read in another order. Only real days
 *   (`2026-02-30` is refused), four-digit years.
 * - Numbers: the locale's decimal mark; the other of `.` and `,` (and spaces or
 *   apostrophes) only groups thousands, in groups of three. In en-US `1,5` is refused:
 *   there `,` groups thousands, and reading it as 1.5 or 15 would both be guesses.
 * - Money: a number with at most as many decimals as the currency has; more is refused,
 *   never rounded. Stored as integer minor units.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Largest amount of money accepted (minor units): keeps every sum far inside 2^53. */
export const MAX_MINOR = 10 ** 15;
/** Digits a number field keeps exactly (a double holds 15 significant decimal digits). */
export const MAX_NUMBER_DIGITS = 15;

const refuse = (message: string): { ok: false; message: string } => ({ ok: false, message });
const shown = (text: string) => `"${text.trim().slice(0, 40)}"`;

let runtimeLocale: string | undefined;
const canonical = new Map<string, string>();

/**
 * A usable BCP 47 tag: the one given when it is one, else the runtime's default (Intl).
 * Both are remembered: a 20,000-row import reads every cell through here, and building an
 * Intl formatter per cell to learn the default costs seconds.
 */
export function inputLocale(locale?: string | null): string {
  if (locale) {
    let tag = canonical.get(locale);
    if (tag === undefined) {
      try {
        tag = Intl.getCanonicalLocales(locale)[0] ?? '';
      } catch {
        // Not a language tag: fall back to the default below.
        tag = '';
      }
      if (canonical.size > 200) canonical.clear();
      canonical.set(locale, tag);
    }
    if (tag) return tag;
  }
  return (runtimeLocale ??= Intl.DateTimeFormat().resolvedOptions().locale);
}

/** Whether `s` is a BCP 47 language tag Intl accepts (for the contract's schemas). */
export function isLocaleTag(s: string): boolean {
  try {
    return Intl.getCanonicalLocales(s).length === 1;
  } catch {
    return false;
  }
}

export interface NumberMarks {
  locale: string;
  decimal: '.' | ',';
  group: '.' | ',';
}

const marksCache = new Map<string, NumberMarks>();
/** The decimal mark of the locale, and the other of "." and "," as its thousands mark. */
export function numberMarks(locale?: string | null): NumberMarks {
  const tag = inputLocale(locale);
  let m = marksCache.get(tag);
  if (!m) {
    const part = new Intl.NumberFormat(tag).formatToParts(1.5).find((p) => p.type === 'decimal');
    const decimal = part?.value === ',' ? ',' : '.';
    m = { locale: tag, decimal, group: decimal === ',' ? '.' : ',' };
    marksCache.set(tag, m);
  }
  return m;
}

/** How to write a number in the locale, for messages ("use 1234,5 or 1.234,5"). */
export function numberHint(locale?: string | null): string {
  const { decimal, group } = numberMarks(locale);
  return `use 1234${decimal}5 or 1${group}234${decimal}5`;
}

interface Decimal {
  negative: boolean;
  /** Integer digits, without grouping (may be empty: ".5"). */
  int: string;
  frac: string;
}

/** Reads the digits of a typed number by the locale's marks, or says why it cannot. */
function readDecimal(text: string, locale?: string | null): Parsed<Decimal> {
  const { locale: tag, decimal, group } = numberMarks(locale);
  const hint = numberHint(tag);
  let s = text.trim();
  if (s === '') return refuse('is empty');
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (/^[-\u2212+]/.test(s)) {
    if (s[0] !== '+') negative = !negative;
    s = s.slice(1).trim();
  }
  // Spaces and apostrophes group thousands too ("1 234,5", "1'234.5"): checked like the group mark.
  s = s.replace(/[\s\u00a0\u202f'\u2019]/g, group);
  if (!/^[0-9.,]+$/.test(s) || !/[0-9]/.test(s)) return refuse(`${shown(text)} is not a number; ${hint}`);
  const misread = refuse(`${shown(text)} is not a number in ${tag}, where "${decimal}" marks decimals and "${group}" groups thousands; ${hint}`);
  const at = s.indexOf(decimal);
  if (at !== s.lastIndexOf(decimal)) return misread;
  const intPart = at < 0 ? s : s.slice(0, at);
  const frac = at < 0 ? '' : s.slice(at + 1);
  if (frac.includes(group)) return misread;
  const groups = intPart.split(group);
  if (groups.length > 1 && (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g)))) return misread;
  return { ok: true, value: { negative, int: groups.join(''), frac } };
}

/**
 * A number typed in the user's locale, as a canonical decimal string ("1.5", "-1234",
 * "0.25"): exact, and what a number field stores.
 */
export function parseNumber(text: string, locale?: string | null): Parsed<string> {
  const r = readDecimal(text, locale);
  if (!r.ok) return r;
  const int = r.value.int.replace(/^0+/, '');
  const frac = r.value.frac.replace(/0+$/, '');
  if ((int + frac).replace(/^0+/, '').length > MAX_NUMBER_DIGITS) return refuse(`${shown(text)} has more than ${MAX_NUMBER_DIGITS} digits; the app keeps numbers to ${MAX_NUMBER_DIGITS} digits exactly`);
  const body = `${int || '0'}${frac ? `.${frac}` : ''}`;
  return { ok: true, value: r.value.negative && /[1-9]/.test(body) ? `-${body}` : body };
}

/** Decimal digits of a currency's minor unit (EUR 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** An amount typed in the user's locale, in integer minor units; more decimals than `digits` are refused, never rounded. */
export function parseMoney(text: string, digits = 2, locale?: string | null): Parsed<number> {
  const r = readDecimal(text, locale);
  if (!r.ok) return r;
  const { negative, int, frac } = r.value;
  if (frac.length > digits) return refuse(digits === 0 ? `${shown(text)} has decimals; this currency has no minor unit` : `${shown(text)} has more than ${digits} decimals`);
  // Compare as strings first so a 30-digit paste never turns into an imprecise float.
  const minor = `${int}${frac.padEnd(digits, '0')}`.replace(/^0+(?=\d)/, '') || '0';
  if (minor.length > 16 || Number(minor) > MAX_MINOR) return refuse(`${shown(text)} is too large`);
  const value = Number(minor) * (negative ? -1 : 1);
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

type Part = 'day' | 'month' | 'year';
export interface DateFormat {
  locale: string;
  order: Part[];
  separator: string;
  /** 2026-12-31 as the locale writes it ("31.12.2026"). */
  example: string;
}

const formatCache = new Map<string, DateFormat>();
/** The order of day, month and year in the locale's short date, with its separator. */
export function dateFormat(locale?: string | null): DateFormat {
  const tag = inputLocale(locale);
  let f = formatCache.get(tag);
  if (!f) {
    const parts = new Intl.DateTimeFormat(tag, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).formatToParts(Date.UTC(2026, 11, 31));
    const order = parts.map((p) => p.type).filter((t): t is Part => t === 'day' || t === 'month' || t === 'year');
    const sep = parts.find((p) => p.type === 'literal')?.value.trim() ?? '';
    const ok = order.length === 3 && new Set(order).size === 3;
    const separator = ['.', '/', '-'].includes(sep) ? sep : '/';
    const finalOrder: Part[] = ok ? order : ['month', 'day', 'year'];
    const values: Record<Part, string> = { day: '31', month: '12', year: '2026' };
    f = { locale: tag, order: finalOrder, separator, example: finalOrder.map((p) => values[p]).join(separator) };
    formatCache.set(tag, f);
  }
  return f;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The ISO day of a year, month and day when it is a real day, else the reason in words. */
function realDay(text: string, y: string, m: string, d: string, orderNote: string): Parsed<string> {
  if (y.length !== 4) return refuse(`${shown(text)} is not a date: write the year with four digits`);
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  if (month < 1 || month > 12) return refuse(`${shown(text)} is not a date${orderNote}: there is no month ${month}`);
  const days = daysIn(year, month);
  if (day < 1 || day > days) return refuse(`${shown(text)} is not a day: ${MONTHS[month - 1]} ${year} has ${days} days`);
  return { ok: true, value: `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

/** How to write a date, for messages ("use 31.12.2026 or 2026-12-31"). */
export function dateHint(locale?: string | null): string {
  const f = dateFormat(locale);
  return f.example === '2026-12-31' ? 'use 2026-12-31' : `use ${f.example} or 2026-12-31`;
}

/** A day typed as ISO or in the user's locale order, as YYYY-MM-DD; the reason in words when it is not one. */
export function parseDay(text: string, locale?: string | null): Parsed<string> {
  const t = text.trim();
  if (t === '') return refuse('is empty');
  // "2026. 12. 31." (ko, hu) is year-first with spaced separators and a closing dot.
  const s = t.replace(/\s*([./-])\s*/g, '$1').replace(/(\d)\.$/, '$1');
  const iso = /^(\d{4})([-./])(\d{1,2})\2(\d{1,2})$/.exec(s);
  if (iso) return realDay(t, iso[1]!, iso[3]!, iso[4]!, '');
  const f = dateFormat(locale);
  const three = /^(\d{1,4})([-./])(\d{1,2}|\d{4})\2(\d{1,4})$/.exec(s);
  if (!three) return refuse(`${shown(t)} is not a date; ${dateHint(f.locale)}`);
  const got: Record<Part, string> = { day: '', month: '', year: '' };
  f.order.forEach((p, i) => (got[p] = three[[1, 3, 4][i]!]!));
  if (got.day.length > 2 || got.month.length > 2) return refuse(`${shown(t)} is not a date in ${f.locale}, which writes ${f.order.join(f.separator)} (${f.example}); or use 2026-12-31`);
  return realDay(t, got.year, got.month, got.day, ` in ${f.locale} (${f.order.join(f.separator)}, ${f.example})`);
}

/**
 * A stored day (YYYY-MM-DD) as the user's locale writes it, in the order and with the
 * separator `parseDay` reads back (de `31.12.2026`, en-US `12/31/2026`, en-GB `31/12/2026`,
 * year-first locales `2026/12/31`): the one way the app shows a date. Text that is not a
 * stored day is returned as it is.
 */
export function formatDay(iso: string, locale?: string | null): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const f = dateFormat(locale);
  const values: Record<Part, string> = { year: m[1]!, month: m[2]!, day: m[3]! };
  return f.order.map((p) => values[p]).join(f.separator);
}

/** Whether `s` is a stored day (strict YYYY-MM-DD, a real day). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && realDay(s, m[1]!, m[2]!, m[3]!, '').ok;
}
