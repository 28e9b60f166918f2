import type { CustomField } from '../../preload/contract/grid-types.js';
import { parseIsoDate, resolvePerson, type PersonRef } from './measures.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const TEXT_MAX = 100_000;

/** A field key from its label: lower-case words joined by "_", unique among `taken`. */
export function fieldKey(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'field';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  return key;
}

/** Money typed as "1,250.50", "1250", "-3.5" → minor units; null when it is not an amount. */
export function parseMoney(text: string): number | null {
  const t = text.trim().replace(/[\s,']/g, '');
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return null;
  return m[1] ? -cents : cents;
}

const YES = new Set(['yes', 'y', 'true', '1', 'x', '✓', 'ja', 'oui']);
const NO = new Set(['no', 'n', 'false', '0', '', 'nein', 'non']);

/** The stored text of a custom value, or an error message. null = empty. */
export function validateCustomValue(field: CustomField, raw: string | null, people: PersonRef[]): { value: string | null } | { error: string } {
  const text = raw ?? '';
  const t = text.trim();
  if (field.type === 'checkbox') {
    const v = t.toLowerCase();
    if (YES.has(v)) return { value: '1' };
    if (NO.has(v)) return { value: '0' };
    return { error: `"${t.slice(0, 40)}" is not yes or no` };
  }
  if (t === '') return { value: null };
  switch (field.type) {
    case 'text':
      if (text.length > TEXT_MAX) return { error: `is too long (${text.length} characters, at most ${TEXT_MAX})` };
      if (CONTROL.test(text)) return { error: 'contains a control character' };
      return { value: text };
    case 'number': {
      const n = Number(t.replace(/[\s,']/g, ''));
      if (!/^[-+]?[\d\s,'.]+(e[-+]?\d+)?$/i.test(t) || !Number.isFinite(n)) return { error: `"${t.slice(0, 40)}" is not a number` };
      return { value: String(n) };
    }
    case 'money': {
      const c = parseMoney(t);
      return c === null ? { error: `"${t.slice(0, 40)}" is not an amount; use e.g. 1250.50` } : { value: String(c) };
    }
    case 'date': {
      const d = parseIsoDate(t);
      return d ? { value: d } : { error: `"${t.slice(0, 40)}" is not a date; use YYYY-MM-DD` };
    }
    case 'choice': {
      const c = field.choices.find((x) => x.toLowerCase() === t.toLowerCase());
      return c ? { value: c } : { error: `"${t.slice(0, 40)}" is not one of the choices (${field.choices.join(', ')})` };
    }
    case 'multi': {
      const parts = t.split(/[;\n]/).map((p) => p.trim()).filter(Boolean);
      const out: string[] = [];
      for (const p of parts) {
        const c = field.choices.find((x) => x.toLowerCase() === p.toLowerCase());
        if (!c) return { error: `"${p.slice(0, 40)}" is not one of the choices (${field.choices.join(', ')})` };
        if (!out.includes(c)) out.push(c);
      }
      return { value: JSON.stringify(out) };
    }
    case 'person': {
      const r = resolvePerson(t, people);
      return 'error' in r ? { error: r.error } : { value: r.id };
    }
  }
}
