/** Domain types shared by every layer. */
import type { EditableMeasureField, MeasureFieldValues } from './measure-fields.js';

export { EDITABLE_MEASURE_FIELDS, type EditableMeasureField } from './measure-fields.js';

export const LEVELS = ['organization', 'portfolio', 'program', 'project', 'package'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level | 'measure', string> = {
  organization: 'Organization',
  portfolio: 'Portfolio',
  program: 'Program',
  project: 'Project',
  package: 'Measure package',
  measure: 'Measure',
};

export const RAG = ['green', 'amber', 'red', 'grey'] as const;
export type Rag = (typeof RAG)[number];
export const RAG_LABELS: Record<Rag, string> = { green: 'Green', amber: 'Amber', red: 'Red', grey: 'Not reported' };

export const LIFECYCLES = ['active', 'on_hold', 'cancelled', 'closed'] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

export const DI_NAMES = ['Defined', 'Identified', 'Detailed', 'Decided', 'Implemented', 'Closed'] as const;

export interface HierarchyNode {
  id: string;
  parentId: string | null;
  level: Level;
  name: string;
  sortOrder: number;
  /** Measures directly in this node (packages only). */
  measureCount: number;
}

export interface Role {
  id: string;
  key: string;
  name: string;
}

export interface Person {
  id: string;
  name: string;
  email: string;
  function: string;
  /** Keys of the roles the person holds. */
  roles: string[];
}

/** A measure: its registry fields (preload/contract/measure-fields.ts) and what the system keeps. */
export interface Measure extends MeasureFieldValues {
  id: string;
  code: string;
  nodeId: string;
  diLevel: number;
  lifecycle: Lifecycle;
  sortOrder: number;
  updatedAt: string | null;
  /** Custom field values by field key; absent when the measure has none. */
  custom?: Record<string, string | number | null>;
  /** The statuses a person set by hand (each wins over the derived one until cleared); absent when none. */
  manual?: ManualStatuses;
}

export type StatusKind = 'implementation' | 'potential';

/** A status set by hand, with its reason: who stated it and when. */
export interface ManualStatus {
  status: Rag;
  reason: string;
  /** The actor who set it: a person's id, or `user:NAME` when the copy acted as nobody. */
  by: string | null;
  /** The person's name, when `by` is a person. */
  byName?: string;
  /** When it was set (ISO timestamp). */
  at: string | null;
}

export type ManualStatuses = Partial<Record<StatusKind, ManualStatus>>;

/** A patch: people by id or by exact name; dates as YYYY-MM-DD; '' or null clears. */
export type MeasurePatch = Partial<Record<EditableMeasureField, string | null>>;

export interface WorkspaceInfo {
  path: string;
  name: string;
  workspaceId: string;
  currency: string;
  schemaVersion: number;
  replicaId: string;
  /** The person this copy acts as (null = not chosen). */
  actorId: string | null;
}

export interface UndoState {
  undo: string | null;
  redo: string | null;
}

export interface HistoryEntry {
  at: string;
  actor: string;
  table: string;
  rowId: string;
  field: string;
  oldValue: string | number | null;
  newValue: string | number | null;
  /** What a person reads: the field's label ("Owner", a custom field's label, "Milestone Pilot: Due date"). */
  label?: string;
  /** Old and new value as shown (people by name, custom values formatted). */
  oldText?: string;
  newText?: string;
  /** Who typed it when it was entered for `actor` on someone else's copy ("entered by X for Y"). */
  enteredBy?: string | null;
  /** The member whose copy it was made on (null for a copy not registered for sync). */
  copy?: string | null;
}

export interface CheckReport {
  integrity: string;
  schemaVersion: number;
  counts: Record<string, number>;
}
