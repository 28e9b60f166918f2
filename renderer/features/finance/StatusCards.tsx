import { useState } from 'react';
import { RAG, RAG_LABELS, type MeasureValue, type Rag, type StatusInfo } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { Modal } from '../../components/Modal';

type Kind = 'implementation' | 'potential';

function Pill({ rag }: { rag: Rag }) {
  return (
    <span className={`rag rag-${rag}`}>
      <i aria-hidden="true" />
      {RAG_LABELS[rag]}
    </span>
  );
}

function Card({ kind, info, onOverride, onClear }: { kind: Kind; info: StatusInfo; onOverride: () => void; onClear: () => void }) {
  const title = kind === 'implementation' ? 'Implementation (delivery)' : 'Potential (value)';
  return (
    <div className="status-card" data-testid={`status-${kind}`}>
      <div className="status-head">
        <strong>{title}</strong> <Pill rag={info.status} />
      </div>
      <div className="muted">
        {info.stale ? 'Stale: no update within the reporting window. ' : ''}
        Derived: {RAG_LABELS[info.derived]}
        {info.override ? ` · Manual: ${RAG_LABELS[info.override.status]} — “${info.override.reason}”` : ''}
      </div>
      <div className="row">
        <button onClick={onOverride}>Set manually…</button>
        {info.override && <button onClick={onClear}>Use derived</button>}
      </div>
    </div>
  );
}

/** Both statuses side by side, derived unless a person set one with a reason. */
export function StatusCards({ v }: { v: MeasureValue }) {
  const api = useApp((s) => s.api);
  const valueAction = useApp((s) => s.valueAction);
  const [dialog, setDialog] = useState<Kind | null>(null);
  const [status, setStatus] = useState<Rag>('amber');
  const [reason, setReason] = useState('');
  const open = (k: Kind) => {
    setStatus(v[k].status);
    setReason(v[k].override?.reason ?? '');
    setDialog(k);
  };
  const save = () =>
    void valueAction(() => api.call('value:setOverride', { measureId: v.measureId, kind: dialog!, status, reason })).then((ok) => ok && setDialog(null));
  return (
    <div className="status-cards">
      {(['implementation', 'potential'] as const).map((k) => (
        <Card key={k} kind={k} info={v[k]} onOverride={() => open(k)} onClear={() => void valueAction(() => api.call('value:clearOverride', { measureId: v.measureId, kind: k }))} />
      ))}
      {dialog && (
        <Modal
          title={`Set ${dialog} status of ${v.code}`}
          onClose={() => setDialog(null)}
          actions={
            <>
              <button onClick={() => setDialog(null)}>Cancel</button>
              <button className="primary" disabled={reason.trim().length < 3} onClick={save}>
                Set status
              </button>
            </>
          }
        >
          <label>
            Status
            <select value={status} onChange={(e) => setStatus(e.target.value as Rag)}>
              {RAG.map((r) => (
                <option key={r} value={r}>
                  {RAG_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Reason (recorded, shown with the status)
            <textarea value={reason} rows={3} onChange={(e) => setReason(e.target.value)} />
          </label>
        </Modal>
      )}
    </div>
  );
}
