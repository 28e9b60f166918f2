import { useState } from 'react';
import type { ChainNode, DepLink, Measure, MeasureRef } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { readDay, showDay } from '../../app/dates';
import { DayInput } from '../../components/DayInput';

function Flags({ m }: { m: Pick<MeasureRef, 'late' | 'red'> }) {
  return (
    <>
      {m.late && <span className="flag flag-overdue">Late</span>}
      {m.red && <span className="flag flag-escalated">Red</span>}
    </>
  );
}

function Chain({ title, nodes, testId }: { title: string; nodes: ChainNode[]; testId: string }) {
  const open = useApp((s) => s.openMeasureRaid);
  return (
    <div className="card" data-testid={testId}>
      <h3>{title}</h3>
      {nodes.length === 0 && <p className="muted">None.</p>}
      <ul className="chain">
        {nodes.map((c) => (
          <li key={c.id} style={{ paddingLeft: (c.depth - 1) * 18 }}>
            <button className="link" onClick={() => open(c.id, 'deps')}>
              {c.code} {c.title}
            </button>{' '}
            <span className="muted">
              {c.function} · due {showDay(c.dueDate)}
              {c.depth > 1 ? ` · via ${c.viaCode}` : ''}
            </span>{' '}
            <Flags m={c} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function Links({ title, links, upstream }: { title: string; links: DepLink[]; upstream: boolean }) {
  const remove = useApp((s) => s.removeDependency);
  const resolve = useApp((s) => s.resolveDependency);
  return (
    <div className="card" data-testid={upstream ? 'waits-on' : 'waited-on-by'}>
      <h3>{title}</h3>
      {links.length === 0 && <p className="muted">None.</p>}
      <ul className="chain">
        {links.map((l) => (
          <li key={l.id} className={l.flagged ? 'flagged' : ''}>
            {l.measure ? `${l.measure.code} ${l.measure.title}` : `External: ${l.externalParty}`}
            {l.neededBy ? <span className="muted"> · needed by {showDay(l.neededBy)}</span> : null}
            {l.status === 'resolved' && <span className="muted"> · resolved</span>}
            {l.measure && <Flags m={l.measure} />}
            {l.flagged && !l.measure && <span className="flag flag-overdue">Late</span>}
            {upstream && (
              <span className="row-actions">
                {!l.measure && (
                  <button onClick={() => void resolve(l.id, l.status === 'open' ? 'resolved' : 'open')}>{l.status === 'open' ? 'Mark resolved' : 'Reopen'}</button>
                )}
                <button aria-label={`Remove dependency on ${l.measure?.code ?? l.externalParty}`} onClick={() => void remove(l.id)}>
                  Remove
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A measure's dependencies (direct and transitive), the flag when upstream is late or red, and its decisions. */
export function DependencyPanel({ measures }: { measures: Measure[] }) {
  const view = useApp((s) => s.depView);
  const decisions = useApp((s) => s.measureDecisions);
  const createDependency = useApp((s) => s.createDependency);
  const [upstream, setUpstream] = useState('');
  const [external, setExternal] = useState('');
  const [neededBy, setNeededBy] = useState('');
  const [tried, setTried] = useState(false);
  if (!view) return <p className="panel-note">Choose a measure above (or use the RAID link in the measures grid) to see what it waits on and what waits on it.</p>;
  const add = async () => {
    // The needed-by date is read by the one parser; unreadable text is refused beside the field and kept.
    setTried(true);
    const day = readDay(neededBy);
    if (!day.ok) return;
    const need = day.value ? { neededBy: day.value } : {};
    const byCode = measures.find((m) => `${m.code} ${m.title}` === upstream || m.code.toLowerCase() === upstream.trim().toLowerCase());
    const ok = await createDependency(
      byCode ? { onMeasureId: byCode.id, ...need } : { externalParty: external.trim() || upstream.trim(), ...need },
    );
    if (ok) {
      setUpstream('');
      setExternal('');
      setNeededBy('');
      setTried(false);
    }
  };
  return (
    <div className="deps-panel">
      <h2>
        {view.measure.code} {view.measure.title} <Flags m={view.measure} />
      </h2>
      {view.blockedBy && (
        <p className="blocked" role="status" data-testid="blocked-by">
          Blocked: waits on {view.blockedBy.code} {view.blockedBy.title} ({view.blockedBy.reason}
          {view.blockedBy.depth > 1 ? `, ${view.blockedBy.depth} steps upstream` : ''})
        </p>
      )}
      <div className="add-dep row">
        <label className="inline">
          Waits on
          <input list="dep-measures" aria-label="Upstream measure" placeholder="Measure code, or an external party" value={upstream} onChange={(e) => setUpstream(e.target.value)} />
          <datalist id="dep-measures">
            {measures
              .filter((m) => m.id !== view.measure.id)
              .map((m) => (
                <option key={m.id} value={m.code}>{`${m.code} ${m.title}`}</option>
              ))}
          </datalist>
        </label>
        <label className="inline">
          Needed by
          <DayInput label="Needed by" text={neededBy} onText={setNeededBy} check={tried} />
        </label>
        <button className="primary" disabled={!upstream.trim()} onClick={() => void add()}>
          Add dependency
        </button>
      </div>
      <div className="deps-grid">
        <Links title="Waits on" links={view.waitsOn} upstream />
        <Links title="Waited on by" links={view.waitedOnBy} upstream={false} />
        <Chain title="Upstream chain (everything it waits on)" nodes={view.upstream} testId="upstream-chain" />
        <Chain title="Downstream chain (everything waiting on it)" nodes={view.downstream} testId="downstream-chain" />
      </div>
      <div className="card" data-testid="measure-decisions">
        <h3>Decisions on this measure</h3>
        {decisions.length === 0 && <p className="muted">No decisions recorded yet.</p>}
        <ul className="chain">
          {decisions.map((d) => (
            <li key={d.id}>
              <strong>{d.code}</strong> {showDay(d.date)} · {d.text} <span className="muted">— {d.decidedBy || 'committee'}{d.meetingTitle ? `, ${d.meetingTitle}` : ''}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
