import { RAG_LABELS, type MeasureEdit, type Rag, type StatusKind } from '../../../preload/contract';
import type { Slice } from '../../app/store';
import { ApiCallError } from '../../app/api';
import { KIND_LABEL, STATUS_FIELD } from './manual-text';

/** What the status dialog is asked to do: the measures, the kind, and how it was opened. */
export interface StatusDialogRequest {
  ids: string[];
  kind: StatusKind;
  /** A status chosen before the dialog opened (a letter typed on the cell). */
  preset?: Rag;
  /** Ticked rows (bulk edit): the dialog lets the person switch between the two kinds. */
  chooseKind?: boolean;
  /** Codes for the title when the measures are not in the grid's list. */
  codes?: string[];
}

export type StatusResult = { ok: true } | { ok: false; message: string; issues: { field?: string; message: string }[] };

export interface StatusSlice {
  statusDialog: StatusDialogRequest | null;
  openStatusDialog(r: StatusDialogRequest): void;
  closeStatusDialog(): void;
  /**
   * The one way a status is set by hand (status + reason) or cleared (null: back to derived),
   * for one measure or many: one call, one transaction, one undo step.
   */
  setManualStatus(ids: string[], kind: StatusKind, status: Rag | null, reason: string, codes: string[]): Promise<StatusResult>;
}

function label(kind: StatusKind, status: Rag | null, codes: string[], n: number): string {
  const what = KIND_LABEL[kind];
  if (n === 1 && codes[0]) return status ? `Set ${codes[0]} ${kind} status to ${RAG_LABELS[status]}` : `${codes[0]} ${kind} status back to derived`;
  return status ? `Set ${what.toLowerCase()} to ${RAG_LABELS[status]} on ${n} measures` : `${what} back to derived on ${n} measures`;
}

export const createStatusSlice: Slice<StatusSlice> = (set, get) => ({
  statusDialog: null,
  openStatusDialog: (statusDialog) => set({ statusDialog }),
  closeStatusDialog: () => set({ statusDialog: null }),
  setManualStatus: async (ids, kind, status, reason, codes) => {
    const field = STATUS_FIELD[kind];
    const edits: MeasureEdit[] = ids.map((id) => ({ id, patch: { [field]: status ?? '' } }));
    const name = label(kind, status, codes, ids.length);
    try {
      const r = await get().api.call('measures:bulkUpdate', { edits, label: name, ...(status ? { reason } : {}) });
      get().notify('info', `${name}${ids.length > 1 ? `: ${r.measures} changed` : ''} — one undo step (Ctrl+Z)`);
      return { ok: true };
    } catch (e) {
      const err = e instanceof ApiCallError ? e : new ApiCallError({ code: 'internal', message: String(e) });
      return { ok: false, message: err.message, issues: err.body.issues ?? [] };
    }
  },
});
