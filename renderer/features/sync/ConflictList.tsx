import { useState } from 'react';
import type { ConflictSideView, SyncConflictView } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { showStamp } from '../../app/dates';

const show = (v: string | number | null) => (v === null || v === '' ? '(empty)' : String(v));

function Side(props: { side: ConflictSideView; label?: string }) {
  return (
    <span className="side-meta">
      {props.label ? `${props.label} · ` : ''}
      {props.side.who} on {props.side.copy}’s copy, {showStamp(props.side.at)}
    </span>
  );
}

function ConflictItem({ c }: { c: SyncConflictView }) {
  const resolve = useApp((s) => s.resolveConflict);
  const [typed, setTyped] = useState('');
  if (c.kind === 'delete') {
    return (
      <li className="conflict" data-testid="conflict">
        <div>
          <strong>{c.label}</strong> was deleted while edited elsewhere
        </div>
        <div className="conflict-side">
          Deleted <Side side={c.current} />
        </div>
        {c.others.map((o) => (
          <div key={o.col} className="conflict-side">
            {o.field} set to “{show(o.value)}” <Side side={o} />
          </div>
        ))}
        <div className="row">
          <button onClick={() => void resolve(c.id, { restore: false })}>Keep deleted</button>
          <button onClick={() => void resolve(c.id, { restore: true })}>Restore with the edits</button>
        </div>
      </li>
    );
  }
  return (
    <li className="conflict" data-testid="conflict">
      <div>
        <strong>{c.label}</strong> — {c.field}
      </div>
      {[c.current, ...c.others].map((s, i) => (
        <div key={`${s.at}-${i}`} className="conflict-side">
          <span className="conflict-value">“{show(s.value)}”</span> <Side side={s} label={i === 0 ? 'shown now' : 'concurrent edit'} />
          <button onClick={() => void resolve(c.id, { value: s.value })}>Keep this</button>
        </div>
      ))}
      <div className="row">
        <input aria-label="New value" placeholder="or type a new value" value={typed} onChange={(e) => setTyped(e.target.value)} />
        <button disabled={!typed.trim()} onClick={() => void resolve(c.id, { value: typed.trim() })}>
          Use new value
        </button>
      </div>
    </li>
  );
}

/** Open conflicts: both values, who made them and when; each choice is a change that closes it everywhere. */
export function ConflictList() {
  const conflicts = useApp((s) => s.conflicts);
  return (
    <section className="sync-section">
      <h3>Conflicts ({conflicts.length})</h3>
      {conflicts.length === 0 ? (
        <p className="muted">No open conflicts.</p>
      ) : (
        <ul className="conflicts">
          {conflicts.map((c) => (
            <ConflictItem key={c.id} c={c} />
          ))}
        </ul>
      )}
    </section>
  );
}
