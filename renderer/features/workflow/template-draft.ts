import type { ApiErrorBody, TemplateInput } from '../../../preload/contract';

/** A template being edited: the typed text stays here until a save is accepted. */
export type Draft = TemplateInput;

export const emptyDraft = (): Draft => ({ key: '', name: '', ownerRole: '', description: '', fields: [], checklist: [], gates: [], triggers: [], reporting: [] });

/** A key from a label, as the api expects it (lower-case words joined by _). */
export function keyOf(label: string): string {
  const k = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  return /^[a-z]/.test(k) ? k : k ? `f_${k}` : '';
}

/** A key not yet in `taken`: `base`, else base_2, base_3… */
export function freeKey(base: string, taken: string[]): string {
  let k = base || 'item';
  for (let n = 2; taken.includes(k); n++) k = `${base || 'item'}_${n}`;
  return k;
}

export type Issues = NonNullable<ApiErrorBody['issues']>;

/**
 * The refusals about one part of the draft. The api names a part by its key (`fields.sla`,
 * `gates.3`) for what does not hold together, by its place (`template.fields.0.label`) for a
 * shape the schema refused; either way the reason shows beside the part.
 */
export function issuesFor(issues: Issues, section: string, key: string | number, index?: number): string[] {
  return issues
    .filter((i) => i.field === `${section}.${key}` || (index !== undefined && (i.field === `template.${section}.${index}` || i.field?.startsWith(`template.${section}.${index}.`))))
    .map((i) => i.message);
}

/** Refusals about the whole template (its key, name, owner role, reporting fields). */
export function topIssues(issues: Issues, part: string): string[] {
  return issues.filter((i) => i.field === part || i.field === `template.${part}`).map((i) => i.message);
}
