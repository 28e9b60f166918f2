import type { Events } from '../../preload/contract';

export type ChangeEvent = Events['workspace:changed'];

/** Tables whose row ids start with their measure's id ("<measure id>:<field or kind>"). */
const PER_ROW = new Set(['measures', 'custom_values', 'status_overrides']);

/**
 * The measures a change touched, when it touched nothing else among `watched` tables but
 * measure rows, custom values and manual statuses (whose row ids start with the measure id):
 * a view can then reload just those rows. Null when it must reload everything.
 */
export function changedMeasureIds(change: ChangeEvent | undefined, watched: readonly string[], max = Infinity): string[] | null {
  if (!change?.rows) return null;
  if (change.tables.some((t) => watched.includes(t) && !PER_ROW.has(t))) return null;
  const ids = new Set(change.rows.measures ?? []);
  for (const id of [...(change.rows.custom_values ?? []), ...(change.rows.status_overrides ?? [])]) {
    const i = id.indexOf(':');
    if (i <= 0) return null;
    ids.add(id.slice(0, i));
  }
  return ids.size > max ? null : [...ids];
}
