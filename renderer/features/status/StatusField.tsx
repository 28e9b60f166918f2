import './status.css';
import { RAG_LABELS, type Measure, type StatusKind } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { KIND_LABEL, manualText, STATUS_FIELD, statusHover } from './manual-text';

/** A status in the detail panel: what it is, whether a person set it, and the button to the status dialog. */
export function StatusField({ m, kind }: { m: Measure; kind: StatusKind }) {
  const open = useApp((s) => s.openStatusDialog);
  const o = m.manual?.[kind];
  const v = m[STATUS_FIELD[kind]];
  return (
    <label>
      {KIND_LABEL[kind]}
      <button
        type="button"
        className="status-value"
        data-testid={`panel-${kind}-status`}
        title={statusHover(m, kind)}
        onClick={() => open({ ids: [m.id], kind })}
      >
        {/* Named by what it shows (the words a user sees and says), the kind first for a screen reader. */}
        <span className="sr-only">{KIND_LABEL[kind]}: </span>
        <span className={`rag rag-${v}`}>
          <i aria-hidden="true" />
          {RAG_LABELS[v]}
        </span>{' '}
        {o ? (
          <span className={o.status === v ? 'manual-mark' : 'manual-mark stale'} title="Manual status">
            ✎ manual
          </span>
        ) : (
          <span className="muted">derived</span>
        )}{' '}
        <span className="muted">Change…</span>
      </button>
      {o && <small className="muted">{manualText(o)}</small>}
    </label>
  );
}
