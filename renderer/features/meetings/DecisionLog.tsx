import { useApp } from '../../app/context';
import { DecisionStatus } from '../workflow/DecisionStatus';
import { showDay } from '../../app/dates';

/** The decision log across meetings, searchable by text, who decided, code, meeting and linked items. */
export function DecisionLog() {
  const log = useApp((s) => s.decisionLog);
  const query = useApp((s) => s.decisionQuery);
  const search = useApp((s) => s.searchDecisions);
  const open = useApp((s) => s.openMeasureRaid);
  return (
    <aside className="decision-log" aria-label="Decision log">
      <h3>Decision log</h3>
      <input type="search" aria-label="Search decisions" placeholder="Search decisions…" value={query} onChange={(e) => void search(e.target.value)} />
      <ul>
        {log.map((d) => (
          <li key={d.id} data-testid="logged-decision">
            <div>
              <strong>{d.code}</strong> <span className="muted">{showDay(d.date)} · {d.meetingTitle ?? ''}</span>{' '}
              <DecisionStatus id={d.id} status={d.status ?? 'decided'} />
            </div>
            <div>{d.text}</div>
            <div className="muted">{d.decidedBy}</div>
            {d.links.map((l) =>
              l.kind === 'measure' ? (
                <button key={l.id} className="link" onClick={() => open(l.id, 'deps')}>
                  {l.label}
                </button>
              ) : (
                <div key={l.id} className="muted">
                  {l.label}
                </div>
              ),
            )}
          </li>
        ))}
        {log.length === 0 && <li className="muted">No decisions match.</li>}
      </ul>
    </aside>
  );
}
