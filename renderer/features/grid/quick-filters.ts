import type { Measure } from '../../../preload/contract';

/** Quick filter chips; empty string / absent = no filter on that dimension. */
export type Chips = {
  di?: string;
  impl?: string;
  potential?: string;
  function?: string;
  owner?: string;
  /** "30": due within the next 30 days (overdue ones included, they are due too). */
  due?: string;
};

export const chipsActive = (c: Chips) => Object.values(c).some((v) => v);

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Whether a measure passes every active chip. `today` is YYYY-MM-DD. */
export function chipsPass(m: Measure, c: Chips, today: string): boolean {
  if (c.di && String(m.diLevel) !== c.di) return false;
  if (c.impl && m.implementationStatus !== c.impl) return false;
  if (c.potential && m.potentialStatus !== c.potential) return false;
  if (c.function && m.function !== c.function) return false;
  if (c.owner && m.owner !== c.owner) return false;
  if (c.due) {
    if (!m.dueDate || m.dueDate > addDays(today, Number(c.due))) return false;
    if (m.lifecycle === 'closed' || m.lifecycle === 'cancelled') return false;
  }
  return true;
}

export interface Preset {
  id: string;
  name: string;
  /** Chips of the preset; null when it needs something missing (the acting person). */
  chips(actorName: string | null): Chips | null;
}

/** Built-in views every workshop needs; they set chips only, so the user sees why rows are hidden. */
export const PRESETS: Preset[] = [
  { id: 'preset:all', name: 'All measures', chips: () => ({}) },
  { id: 'preset:mine', name: 'My measures', chips: (me) => (me ? { owner: me } : null) },
  { id: 'preset:red-potential', name: 'Red on potential', chips: () => ({ potential: 'red' }) },
  { id: 'preset:due-30', name: 'Due in 30 days', chips: () => ({ due: '30' }) },
];
