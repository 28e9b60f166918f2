import { RAG_LABELS, type MeasureValue, type Rag, type StatusInfo } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { showStampDay } from '../../app/dates';

type Kind = 'implementation' | 'potential';

function Pill({ rag }: { rag: Rag }) {
  return (
    <span className={`rag rag-${rag}`}>
      <i aria-hidden="true" />
      {RAG_LABELS[rag]}
    </span>
  );
}

function Card({ kind, info, byName, onOpen }: { kind: Kind; info: StatusInfo; byName: string | undefined; onOpen: () => void }) {
  const title = kind === 'implementation' ? 'Implementation (delivery)' : 'Potential (value)';
  const o = info.override;
  return (
    <div className="status-card" data-testid={`status-${kind}`}>
      <div className="status-head">
        <strong>{title}</strong> <Pill rag={info.status} />
        {o && (
          <span className="manual-mark" role="img" aria-label="Manual status">
            ✎ manual
          </span>
        )}
      </div>
      <div className="muted">
        {info.stale ? 'Stale: no update within the reporting window. ' : ''}
        Derived: {RAG_LABELS[info.derived]}
        {o ? ` · Manual: ${RAG_LABELS[o.status]} — “${o.reason}”, by ${byName ?? o.by?.replace(/^user:/, '') ?? 'someone'}${o.at ? `, ${showStampDay(o.at)}` : ''}` : ''}
      </div>
      <div className="row">
        <button onClick={onOpen}>{o ? 'Change or back to derived…' : 'Set by hand…'}</button>
      </div>
    </div>
  );
}

/** Both statuses side by side, derived unless a person set one with a reason (in the one status dialog). */
export function StatusCards({ v }: { v: MeasureValue }) {
  const open = useApp((s) => s.openStatusDialog);
  const manual = useApp((s) => s.measures.find((m) => m.id === v.measureId)?.manual);
  return (
    <div className="status-cards">
      {(['implementation', 'potential'] as const).map((k) => (
        <Card key={k} kind={k} info={v[k]} byName={manual?.[k]?.byName} onOpen={() => open({ ids: [v.measureId], kind: k, codes: [v.code] })} />
      ))}
    </div>
  );
}
