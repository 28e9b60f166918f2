import type { CustomField } from '../../preload/contract/grid-types.js';
import { parseDay, parseMoney, parseNumber } from '../../preload/contract/parse.js';
import { resolvePerson, type PersonRef } from './measures.js';

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

const YES = new Set(['yes', 'y', 'true', '1', 'x', '✓', 'ja', 'oui']);
const NO = new Set(['no', 'n', 'false', '0', '', 'nein', 'non']);

/**
 * The stored text of a custom value, or an error message. null = empty. Numbers, money and
 * dates are read in `read.locale` by the shared parser; money in minor units of `read.digits`
 * decimals (the workspace currency's), never rounded.
 */
export function validateCustomValue(
  field: CustomField,
  raw: string | null,
  people: PersonRef[],
  read: { locale?: string; digits?: number } = {},
): { value: string | null } | { error: string } {
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
      const n = parseNumber(t, read.locale);
      return n.ok ? { value: n.value } : { error: n.message };
    }
    case 'money': {
      const c = parseMoney(t, read.digits ?? 2, read.locale);
      return c.ok ? { value: String(c.value) } : { error: c.message };
    }
    case 'date': {
      const d = parseDay(t, read.locale);
      return d.ok ? { value: d.value } : { error: d.message };
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

/**
 * A DI-governed field: one required from a DI level may not be emptied on a measure at or
 * above that level (the gate that required it has been passed).
 */
export function requiredFromDiProblem(field: Pick<CustomField, 'requiredFromDi'>, value: string | null, diLevel: number): string | null {
  if (value !== null || field.requiredFromDi === null || diLevel < field.requiredFromDi) return null;
  return `is required from DI${field.requiredFromDi} and cannot be empty`;
}
