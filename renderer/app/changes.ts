import type { Events } from '../../preload/contract';

export type ChangeEvent = Events['workspace:changed'];

/**
 * The measures a change touched, when it touched nothing else among `watched` tables but
 * measure rows and custom values (whose row ids start with the measure id): a view can
 * then reload just those rows. Null when it must reload everything.
 */
export function changedMeasureIds(change: ChangeEvent | undefined, watched: readonly string[], max = Infinity): string[] | null {
  if (!change?.rows) return null;
  const perRow = new Set(['measures', 'custom_values']);
  if (change.tables.some((t) => watched.includes(t) && !perRow.has(t))) return null;
  const ids = new Set(change.rows.measures ?? []);
  for (const id of change.rows.custom_values ?? []) {
    const i = id.indexOf(':');
    if (i <= 0) return null;
    ids.add(id.slice(0, i));
  }
  return ids.size > max ? null : [...ids];
}
