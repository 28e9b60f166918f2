import { useEffect, useState } from 'react';
import type { GateRequest } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { GATE_TABLES } from './slice';
import { authorText } from './author';
import './gates.css';

/** The approvals inbox: pending gate requests, oldest first, whom they wait for, their age. */
export function ApprovalsView() {
  const api = useApp((s) => s.api);
  const reloads = useApp((s) => s.reloads);
  const actorId = useApp((s) => s.workspace?.actorId);
  const openGate = useApp((s) => s.openGate);
  const [mine, setMine] = useState(false);
  const [list, setList] = useState<GateRequest[]>([]);
  useEffect(() => {
    let alive = true;
    const load = () => api.call('gates:inbox', { mine }).then((l) => alive && setList(l), () => undefined);
    void load();
    const off = reloads.add({ tables: GATE_TABLES, run: () => void load() });
    return () => {
      alive = false;
      off();
    };
  }, [api, reloads, mine, actorId]);
  const avg = list.length ? (list.reduce((n, r) => n + r.ageDays, 0) / list.length).toFixed(1) : '0';
  return (
    <section className="approvals" aria-label="Approvals">
      <div className="grid-toolbar">
        <label className="row" style={{ margin: 0 }}>
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} /> Only what waits for me
        </label>
        <span className="muted" data-testid="inbox-summary">
          {list.length} pending · average age {avg} days · oldest {list[0]?.ageDays ?? 0} days
        </span>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>Age (days)</th>
            <th>Measure</th>
            <th>Gate</th>
            <th>Requested by</th>
            <th>Approved</th>
            <th>Waiting for</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr key={r.id} data-testid="inbox-row">
              <td>{r.ageDays}</td>
              <td>
                {r.code} {r.title}
              </td>
              <td>
                DI{r.fromLevel} → DI{r.toLevel} {r.toName}
              </td>
              <td data-testid="inbox-requester">{authorText(r.requester, r.requesterEnteredBy)}</td>
              <td data-testid="inbox-approved">
                {r.slots
                  .filter((x) => x.filledBy)
                  .map((x) => `${x.label}: ${authorText(x.filledBy!, x.filledEnteredBy)}`)
                  .join('; ')}
              </td>
              <td>
                {r.slots
                  .filter((x) => !x.filledBy)
                  .map((x) => `${x.label}: ${x.holders.map((h) => h.name).join(' or ') || 'nobody'}`)
                  .join('; ')}
              </td>
              <td className="actions">
                <button onClick={() => openGate(r.measureId)}>Open</button>
              </td>
            </tr>
          ))}
          {list.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                Nothing waits for approval.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
