/** Types of the grid feature: custom fields, bulk edits, milestones, saved views. Pure types. */
import type { MeasurePatch } from './types.js';

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'money', 'date', 'choice', 'multi', 'person', 'checkbox'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];
export const CUSTOM_FIELD_TYPE_LABELS: Record<CustomFieldType, string> = {
  text: 'Text',
  number: 'Number',
  money: 'Money',
  date: 'Date',
  choice: 'Single choice',
  multi: 'Multiple choice',
  person: 'Person',
  checkbox: 'Checkbox',
};

export interface CustomField {
  id: string;
  /** Stable key used in `Measure.custom` and in edits (derived from the label at creation). */
  key: string;
  label: string;
  type: CustomFieldType;
  choices: string[];
  /** From this DI level on, the field may not be empty (null = never required). */
  requiredFromDi: number | null;
  sortOrder: number;
}

/**
 * Custom values of a measure as shown and edited: text, dates (YYYY-MM-DD), choices,
 * multi choices joined with "; ", people by name, checkboxes "yes"/"no", numbers as
 * numbers, money in minor units (cents).
 */
export type CustomValues = Record<string, string | number | null>;

/** One measure's part of a bulk edit / paste: built-in fields and custom fields (by key), as typed. */
export interface MeasureEdit {
  id: string;
  patch?: MeasurePatch;
  custom?: Record<string, string | null>;
  /** Template fields by key, as typed ('' clears); only a measure whose template has the field takes one. */
  workflow?: Record<string, string>;
}

export interface BulkUpdateResult {
  /** Measures that changed. */
  measures: number;
  /** Cells that changed (unchanged cells are not written). */
  cells: number;
  /** The undo step's label. */
  label: string;
}

export interface Milestone {
  id: string;
  measureId: string;
  title: string;
  ownerId: string | null;
  owner: string | null;
  dueDate: string | null;
  done: boolean;
  doneDate: string | null;
  sortOrder: number;
}

/** What a saved view restores. Column/filter/sort state is ag-grid's own (opaque here). */
export interface ViewState {
  columns?: unknown[];
  filters?: Record<string, unknown>;
  chips?: Record<string, string>;
  search?: string;
  /** The hierarchy shown in the grid (node rows), and the nodes collapsed in it. */
  hierarchy?: boolean;
  collapsed?: string[];
}

export interface SavedView {
  id: string;
  name: string;
  state: ViewState;
}

/** Progress of a long export (measures to Excel/CSV). */
export interface ExportProgressEvent {
  done: number;
  total: number;
  phase: 'rows' | 'writing' | 'done';
}

export interface GridEvents {
  'export:progress': ExportProgressEvent;
}
