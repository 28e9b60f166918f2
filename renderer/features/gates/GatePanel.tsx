import { useState } from 'react';
import { ATTESTATION_KEYS, type AttestationKey, type EvidenceInput, type GateStatus } from '../../../preload/contract';
import { EvidenceEditor } from './EvidenceEditor';
import { EvidenceList } from './EvidenceList';
import { LifecycleSection } from './LifecycleSection';
import { RequestCard } from './RequestCard';
import { useGateCall, useGateStatus } from './useGateCall';
import './gates.css';
import { showStampDay } from '../../app/dates';

const LIFECYCLE: Record<string, string> = { active: 'Active', on_hold: 'On hold', cancelled: 'Cancelled', closed: 'Closed' };

/**
 * Everything about a measure's stage gates: the next level's criteria (✓/✗), the request
 * with comment and evidence, pending approvals, lifecycle decisions and the history.
 */
export function GatePanel({ measureId }: { measureId: string }) {
  const status = useGateStatus(measureId);
  if (!status) return <div className="gate-panel muted">Loading…</div>;
  return (
    <div className="gate-panel" data-testid="gate-panel">
      <div className="gate-level">
        <strong data-testid="gate-level">
          DI{status.diLevel} {status.levelName}
        </strong>
        <span className={`badge ${status.lifecycle}`}>{LIFECYCLE[status.lifecycle] ?? status.lifecycle}</span>
      </div>
      {status.template && (
        <div className="gate-template muted" data-testid="gate-template">
          Workflow: <strong>{status.template.name}</strong> — its checklist, fields and approvers count at each gate.
        </div>
      )}
      {status.approvalReset && !status.pending && <ApprovalReset status={status} />}
      {status.pending ? <RequestCard request={status.pending} /> : <NextGate status={status} />}
      <LifecycleSection status={status} />
      <EvidenceSection status={status} />
      <History status={status} />
    </div>
  );
}

function NextGate({ status }: { status: GateStatus }) {
  const call = useGateCall();
  const [comment, setComment] = useState('');
  const [evidence, setEvidence] = useState<EvidenceInput[]>([]);
  const next = status.next;
  if (!next) return <section>Top of the ladder: no further gate.</section>;
  const request = async () => {
    const r = await call(
      'gates:request',
      { measureId: status.measureId, toLevel: next.level, comment: comment || undefined, evidence: evidence.length ? evidence : undefined },
      `Requested DI${next.level} for ${status.code}`,
    );
    if (r) {
      setComment('');
      setEvidence([]);
    }
  };
  const isAttestation = (k: string): k is AttestationKey => (ATTESTATION_KEYS as readonly string[]).includes(k);
  return (
    <section aria-label="Next gate">
      <h3>
        DI{next.level} {next.name} needs
      </h3>
      <ul className="criteria">
        {next.criteria.map((c) => (
          <li key={c.key} className={c.met ? 'met' : 'missing'} data-testid={`criterion-${c.key}`}>
            <span className="mark" aria-label={c.met ? 'met' : 'missing'}>
              {c.met ? '✓' : '✗'}
            </span>
            <span>{c.label}</span>
            <span className="detail">{c.detail}</span>
            {isAttestation(c.key) && (
              <button onClick={() => void call('gates:attest', { measureId: status.measureId, key: c.key as AttestationKey, withdraw: c.met }, c.met ? 'Confirmation withdrawn' : `${c.label}: confirmed`)}>
                {c.met ? 'Withdraw' : 'Confirm'}
              </button>
            )}
          </li>
        ))}
      </ul>
      {status.lifecycle === 'active' && (
        <div className="gate-form">
          <textarea aria-label="Request comment" placeholder="Comment for the approvers" value={comment} onChange={(e) => setComment(e.target.value)} />
          <EvidenceEditor items={evidence} onChange={setEvidence} />
          <div className="row">
            <button className="primary" onClick={() => void request()} title={next.ready ? '' : 'Some criteria are missing; the request will be refused with the list'}>
              Request DI{next.level}
            </button>
            <span className="muted">Approvers: {next.approverRoles.join(' + ')}</span>
          </div>
        </div>
      )}
    </section>
  );
}

function ApprovalReset({ status }: { status: GateStatus }) {
  const call = useGateCall();
  const reset = status.approvalReset!;
  return (
    <section aria-label="Approval reset" className="warning" data-testid="approval-reset">
      The definition was edited on {reset.editedAt.slice(0, 10)}, after the DI{reset.level} approval of {reset.approvedAt.slice(0, 10)}: the approval is reset.{' '}
      <button
        onClick={() =>
          void call('gates:request', { measureId: status.measureId, toLevel: reset.level, comment: 'Re-approval after a change of the definition' }, `Re-approval of DI${reset.level} requested`)
        }
      >
        Request re-approval of DI{reset.level}
      </button>
    </section>
  );
}

function EvidenceSection({ status }: { status: GateStatus }) {
  const call = useGateCall();
  const [items, setItems] = useState<EvidenceInput[]>([]);
  const save = async () => {
    for (const e of items) if (!(await call('gates:addEvidence', { measureId: status.measureId, evidence: e }))) return;
    setItems([]);
  };
  return (
    <section aria-label="Measure evidence">
      <h3>Evidence ({status.evidence.length})</h3>
      <EvidenceList items={status.evidence} />
      <EvidenceEditor items={items} onChange={setItems} />
      {items.length > 0 && (
        <button className="primary" onClick={() => void save()}>
          Save evidence
        </button>
      )}
    </section>
  );
}

function History({ status }: { status: GateStatus }) {
  const closed = status.requests.filter((r) => r.status !== 'pending');
  if (closed.length === 0) return null;
  return (
    <section aria-label="Gate history">
      <h3>Gate history</h3>
      <ul className="gate-history" data-testid="gate-history">
        {closed.map((r) => (
          <li key={r.id}>
            <span className={`status-${r.status}`}>
              DI{r.fromLevel} → DI{r.toLevel} {r.status}
            </span>{' '}
            — requested by {r.requester} {showStampDay(r.createdAt)}
            {r.decisions.map((d) => (
              <div key={d.id} className="muted">
                {d.person} {d.decision === 'approve' ? 'approved' : 'rejected'} {showStampDay(d.at)}
                {d.comment && `: “${d.comment}”`}
              </div>
            ))}
            {r.closeReason && <div className="muted">Reason: {r.closeReason}</div>}
            <EvidenceList items={r.evidence} />
          </li>
        ))}
      </ul>
    </section>
  );
}
