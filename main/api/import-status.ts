import { RAG_LABELS, type Measure, type Rag } from '../../preload/contract.js';
import { parseRag } from '../domain/measures.js';
import type { MappedColumn } from '../exchange/import-columns.js';
import type { SinceExport } from './import-since.js';
import type { CellOp } from './import-types.js';

/**
 * A status cell of an imported row. Statuses are derived by Steerco; a status in the file
 * that differs is a status set by hand, which needs its reason (the "… reason" column the
 * export writes): without one the cell is refused. "derived" (or an empty cell) gives a
 * status set by hand back to the derivation. A status the file still has as exported is
 * left alone when Steerco derived another since.
 */
export function statusChange(x: {
  m: Measure;
  kind: 'implementation' | 'potential';
  text: string;
  header: string;
  reason: { text: string; col: MappedColumn } | undefined;
  manual: string | null;
  since: SinceExport | null;
}): { refuse: { reason: string; col?: MappedColumn } } | { refuse?: undefined; op: CellOp; old: string; new: string } | null {
  const { m, kind, text, header, manual } = x;
  const derived = /^\s*(derived)?\s*$/i.test(text);
  const parsed = derived ? null : parseRag(text);
  if (parsed === null && !derived) return { refuse: { reason: `${header}: "${text.slice(0, 40)}" is not a status; use Green, Amber, Red, Not reported, or "derived" to let Steerco derive it` } };
  const current = m[kind === 'implementation' ? 'implementationStatus' : 'potentialStatus'];
  const exported = x.since?.('measures', m.id, `${kind}_status`);
  if (exported && parsed !== null && exported.exported === parsed) return null;
  const reason = x.reason?.text.trim() ?? '';
  const op = (status: Rag | null, r: string, oldText: string, newText: string) => ({ op: { t: 'status' as const, kind, status, reason: r }, old: oldText, new: newText });
  if (parsed === null) return manual !== null ? op(null, '', `${RAG_LABELS[current]} (set by hand: ${manual})`, 'derived by Steerco') : null;
  if (parsed === current) {
    if (manual !== null && x.reason && reason !== manual) {
      if (!reason) return { refuse: { col: x.reason.col, reason: `${x.reason.col.header}: a status set by hand needs its reason; write "derived" in ${header} to let Steerco derive it again` } };
      return op(parsed, reason, `${RAG_LABELS[current]} (${manual})`, `${RAG_LABELS[parsed]} (${reason})`);
    }
    return manual === null && reason ? op(parsed, reason, `${RAG_LABELS[current]} (derived)`, `${RAG_LABELS[parsed]} (set by hand: ${reason})`) : null;
  }
  if (!reason) {
    return {
      refuse: {
        reason: `${header}: Steerco derives this status (now ${RAG_LABELS[current]}, from milestones and value); to set ${RAG_LABELS[parsed]} by hand give the reason in a "${kind === 'implementation' ? 'Implementation' : 'Potential'} reason" column, or leave the cell as exported`,
      },
    };
  }
  return op(parsed, reason, RAG_LABELS[current], `${RAG_LABELS[parsed]} (set by hand: ${reason})`);
}
