import './status.css';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { RAG, RAG_LABELS, statusReasonProblem, type Rag, type StatusKind } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { Modal } from '../../components/Modal';
import { KIND_LABEL, manualText, STATUS_FIELD } from './manual-text';
import type { StatusDialogRequest } from './slice';
import { STATUS_KEYS } from './status-keys';

const KEY_OF: Record<Rag, string> = { green: 'G', amber: 'A', red: 'R', grey: 'N' };
const DERIVED_FROM: Record<StatusKind, string> = { implementation: 'the milestones', potential: 'the value lines' };

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The one dialog that sets an implementation or potential status by hand, with its reason,
 * or takes it back to derived: opened from a grid cell (mouse or keyboard), the detail
 * panel, the effects drawer and the bulk edit of ticked rows.
 */
export function StatusDialog() {
  const req = useApp((s) => s.statusDialog);
  return req ? <StatusDialogBody req={req} /> : null;
}

function StatusDialogBody({ req }: { req: StatusDialogRequest }) {
  const measures = useApp((s) => s.measures);
  const close = useApp((s) => s.closeStatusDialog);
  const setManualStatus = useApp((s) => s.setManualStatus);
  const [kind, setKind] = useState<StatusKind>(req.kind);
  const targets = useMemo(() => {
    const ids = new Set(req.ids);
    return measures.filter((m) => ids.has(m.id));
  }, [measures, req.ids]);
  const n = req.ids.length;
  const single = n === 1 ? targets[0] : undefined;
  const codes = req.codes ?? targets.map((m) => m.code);
  const manual = single?.manual?.[kind];
  const manualCount = targets.filter((m) => m.manual?.[kind]).length;
  const [status, setStatus] = useState<Rag>(req.preset ?? manual?.status ?? single?.[STATUS_FIELD[kind]] ?? 'amber');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLInputElement>(null);
  const groupRef = useRef<HTMLFieldSetElement>(null);

  // A letter typed on the cell already chose the status: the reason is next. Otherwise the chosen status has the focus.
  useEffect(() => {
    if (req.preset) reasonRef.current?.focus();
    else groupRef.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
  }, [req.preset]);

  const submit = async () => {
    if (busy) return;
    const problem = statusReasonProblem(reason);
    if (problem) {
      setReasonError(sentence(problem));
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    const r = await setManualStatus(req.ids, kind, status, reason.trim(), codes);
    setBusy(false);
    if (r.ok) close();
    else {
      const atReason = r.issues.find((i: { message: string }) => /reason/i.test(i.message));
      if (atReason) setReasonError(atReason.message.replace(/^\S+ /, ''));
      else setError(r.message);
    }
  };
  const backToDerived = async () => {
    setBusy(true);
    const r = await setManualStatus(req.ids, kind, null, '', codes);
    setBusy(false);
    if (r.ok) close();
    else setError(r.message);
  };
  const onFormKey = (e: KeyboardEvent<HTMLFormElement>) => {
    // Enter saves from any field (a radio too); on a button it presses that button.
    if (e.key !== 'Enter' || (e.target as HTMLElement).tagName === 'BUTTON') return;
    e.preventDefault();
    void submit();
  };
  const onStatusKey = (e: KeyboardEvent<HTMLFieldSetElement>) => {
    const r = !e.ctrlKey && !e.metaKey && !e.altKey ? STATUS_KEYS[e.key.toLowerCase()] : undefined;
    if (!r) return;
    e.preventDefault();
    setStatus(r);
    groupRef.current?.querySelector<HTMLInputElement>(`input[value="${r}"]`)?.focus();
  };

  const what = kind === 'implementation' ? 'Implementation status (delivery)' : 'Potential status (value)';
  const title = `${KIND_LABEL[kind]} of ${n === 1 ? (codes[0] ?? '1 measure') : `${n} measures`}`;
  return (
    <Modal
      title={title}
      onClose={close}
      testId="status-dialog"
      actions={
        <>
          <button type="button" onClick={close}>
            Cancel
          </button>
          {manualCount > 0 && (
            <button type="button" disabled={busy} onClick={() => void backToDerived()} title="Clear the manual status: the derived one applies again">
              Back to derived{n > 1 ? ` (${manualCount})` : ''}
            </button>
          )}
          <button type="submit" form="status-form" className="primary" disabled={busy}>
            Set status
          </button>
        </>
      }
    >
      <form
        id="status-form"
        className="status-form"
        noValidate
        onKeyDown={onFormKey}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="muted" data-testid="status-now">
          {single
            ? manual
              ? `Now: ${manualText(manual)}`
              : `Now: ${RAG_LABELS[single[STATUS_FIELD[kind]]]}, derived from ${DERIVED_FROM[kind]}.`
            : `${manualCount} of ${n} set by hand, ${n - manualCount} derived.`}
        </p>
        {req.chooseKind && (
          <label>
            Which status
            <select value={kind} onChange={(e) => setKind(e.target.value as StatusKind)}>
              <option value="implementation">Implementation status (delivery)</option>
              <option value="potential">Potential status (value)</option>
            </select>
          </label>
        )}
        <fieldset className="status-choice" ref={groupRef} onKeyDown={onStatusKey}>
          <legend>{what} set by hand</legend>
          {RAG.map((r) => (
            <label key={r} className={status === r ? 'chosen' : undefined}>
              <input type="radio" name="manual-status" value={r} checked={status === r} onChange={() => setStatus(r)} />
              <span className={`rag rag-${r}`}>
                <i aria-hidden="true" />
                {RAG_LABELS[r]}
              </span>
              <kbd aria-hidden="true">{KEY_OF[r]}</kbd>
            </label>
          ))}
        </fieldset>
        <label>
          Reason (required; shown with the status)
          <input
            ref={reasonRef}
            value={reason}
            maxLength={2000}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? 'status-reason-error' : undefined}
            className={reasonError ? 'input-error' : undefined}
            placeholder="Why this status, e.g. vendor slipped the go-live"
            onChange={(e) => {
              setReason(e.target.value);
              setReasonError(null);
            }}
          />
          {reasonError && (
            <small id="status-reason-error" className="error-text" role="alert">
              {reasonError}
            </small>
          )}
        </label>
        {error && (
          <div className="problems" role="alert">
            <strong>Nothing was changed:</strong> {error}
          </div>
        )}
      </form>
    </Modal>
  );
}
