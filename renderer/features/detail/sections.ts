import { createElement, type ReactNode } from 'react';
import { FieldsSection } from './FieldsSection';
import { HistorySection } from './HistorySection';
import { MilestonesSection } from './MilestonesSection';

/** One part of the measure detail panel. */
export interface DetailSection {
  id: string;
  title: string;
  render(measureId: string): ReactNode;
}

/**
 * The panel's sections, in order. Other features add theirs with `addDetailSection`
 * (e.g. gates, value), placed before the history unless `before` says otherwise.
 */
export const detailSections: DetailSection[] = [
  { id: 'fields', title: 'Fields', render: (id) => createElement(FieldsSection, { measureId: id }) },
  { id: 'milestones', title: 'Milestones', render: (id) => createElement(MilestonesSection, { measureId: id }) },
  { id: 'history', title: 'History', render: (id) => createElement(HistorySection, { measureId: id }) },
];

export function addDetailSection(section: DetailSection, before = 'history'): void {
  if (detailSections.some((s) => s.id === section.id)) return;
  const at = detailSections.findIndex((s) => s.id === before);
  detailSections.splice(at < 0 ? detailSections.length : at, 0, section);
}
