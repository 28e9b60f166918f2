import { LEVEL_LABELS, LEVELS, type Level } from '../../preload/contract/types.js';

/** The level a child of `parent` has; null for a measure package (its children are measures). */
export function childLevel(parent: Level | null): Level | null {
  if (parent === null) return 'organization';
  const i = LEVELS.indexOf(parent);
  return LEVELS[i + 1] ?? null;
}

/** Why a node of `level` cannot sit under `parent`, or null when it can. */
export function placementError(level: Level, parent: Level | null): string | null {
  const expected = childLevel(parent);
  if (expected === level) return null;
  if (parent === null) return `A ${LEVEL_LABELS[level].toLowerCase()} must sit inside a ${LEVEL_LABELS[LEVELS[LEVELS.indexOf(level) - 1]!].toLowerCase()}`;
  if (expected === null) return `A measure package holds measures only; it cannot contain a ${LEVEL_LABELS[level].toLowerCase()}`;
  return `A ${LEVEL_LABELS[parent].toLowerCase()} can only contain ${LEVEL_LABELS[expected].toLowerCase()}s, not a ${LEVEL_LABELS[level].toLowerCase()}`;
}
