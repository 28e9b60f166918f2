import { showStampDay } from '../../app/dates';
import { RAG_LABELS, type ManualStatus, type Measure, type Rag, type StatusKind } from '../../../preload/contract';

export const STATUS_FIELD: Record<StatusKind, 'implementationStatus' | 'potentialStatus'> = {
  implementation: 'implementationStatus',
  potential: 'potentialStatus',
};
export const KIND_OF_FIELD: Record<string, StatusKind | undefined> = { implementationStatus: 'implementation', potentialStatus: 'potential' };
export const KIND_LABEL: Record<StatusKind, string> = { implementation: 'Implementation status', potential: 'Potential status' };

export { localDay } from '../../app/dates';

/** Who set a manual status, as a person reads it: their name, else the account the copy ran as. */
export function setBy(o: ManualStatus): string {
  return o.byName ?? (o.by ? o.by.replace(/^user:/, '') : 'someone');
}

/** "Manual: Amber — reason, by Hanna Berg, 03/01/2027" (the day in the user's locale): what the grid says on hover, the panel and the dialog show. */
export function manualText(o: ManualStatus): string {
  const at = showStampDay(o.at, '');
  return `Manual: ${RAG_LABELS[o.status]} — ${o.reason}, by ${setBy(o)}${at ? `, ${at}` : ''}`;
}

/**
 * The hover text of a status cell: the manual statement, or "Derived". A manual status that
 * does not show (the measure is stale: nothing updated within the reporting window) says so.
 */
export function statusHover(m: Measure, kind: StatusKind): string {
  const o = m.manual?.[kind];
  const shown: Rag = m[STATUS_FIELD[kind]];
  if (!o) return `Derived: ${RAG_LABELS[shown]} (Enter to set it by hand, with a reason)`;
  if (o.status !== shown) return `${RAG_LABELS[shown]}: stale, no update within the reporting window. ${manualText(o)}`;
  return manualText(o);
}
