import { useState } from 'react';
import type { GateRequest } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { EvidenceList } from './EvidenceList';
import { useGateCall } from './useGateCall';
import { authorText } from './author';
import { showStampDay } from '../../app/dates';

/** An open request: who it waits for, decisions so far, and approve / reject / withdraw. */
export function RequestCard({ request: r }: { request: GateRequest }) {
  const actorId = useApp((s) => s.workspace?.actorId ?? null);
  const call = useGateCall();
  const [comment, setComment] = useState('');
  const canDecide = r.slots.some((x) => !x.filledBy && x.holders.some((h) => h.id === actorId));
  const decide = async (decision: 'approve' | 'reject') => {
    const done = await call('gates:decide', { requestId: r.id, decision, comment: comment || undefined }, decision === 'approve' ? `Approved DI${r.toLevel} for ${r.code}` : `Rejected DI${r.toLevel} for ${r.code}`);
    if (done) setComment('');
  };
  return (
    <section aria-label="Pending request" data-testid="pending-request">
      <h3>
        Request DI{r.fromLevel} → DI{r.toLevel} {r.toName} · waiting {r.ageDays} day{r.ageDays === 1 ? '' : 's'}
      </h3>
      <div>
        Requested by <strong>{authorText(r.requester, r.requesterEnteredBy)}</strong> on {showStampDay(r.createdAt)}
        {r.comment && <>: “{r.comment}”</>}
      </div>
      <ul className="slots">
        {r.slots.map((x) => (
          <li key={x.role}>
            {x.filledBy ? '✓' : '…'} {x.label}:{' '}
            {x.filledBy ? `approved by ${authorText(x.filledBy, x.filledEnteredBy)}` : `waiting for ${x.holders.map((h) => h.name).join(' or ') || 'nobody holds this role'}`}
          </li>
        ))}
      </ul>
      {r.decisions.map((d) => (
        <div key={d.id} className="muted">
          {d.person} {d.decision === 'approve' ? 'approved' : 'rejected'}
          {d.enteredBy && ` (entered by ${d.enteredBy} for ${d.person})`}
          {d.comment && `: “${d.comment}”`} {!d.valid && '(voided: the measure was edited after this approval)'}
        </div>
      ))}
      <EvidenceList items={r.evidence} />
      <div className="gate-form">
        <textarea aria-label="Decision comment" placeholder="Comment (a rejection needs the reason)" value={comment} onChange={(e) => setComment(e.target.value)} />
        <div className="row">
          <button className="primary" onClick={() => void decide('approve')} title={canDecide ? '' : 'You do not hold an open approver role of this gate'}>
            Approve
          </button>
          <button className="danger" onClick={() => void decide('reject')}>
            Reject
          </button>
          {r.requesterId === actorId && (
            <button onClick={() => void call('gates:withdraw', { requestId: r.id, comment: comment || undefined }, 'Request withdrawn')}>Withdraw</button>
          )}
        </div>
      </div>
    </section>
  );
}
