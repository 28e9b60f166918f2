import { useState } from 'react';
import type { EvidenceInput, GateStatus, LifecycleAction } from '../../../preload/contract';
import { EvidenceEditor } from './EvidenceEditor';
import { authorText } from './author';
import { useGateCall } from './useGateCall';
import { localDay, readDay, showDay } from '../../app/dates';
import { DayInput } from '../../components/DayInput';

const LABELS: Record<LifecycleAction, string> = { hold: 'Put on hold', resume: 'Resume', cancel: 'Cancel measure', close: 'Close measure' };

/** Lifecycle decisions with their reason, review date and (for closing) evidence. */
export function LifecycleSection({ status }: { status: GateStatus }) {
  const call = useGateCall();
  const [action, setAction] = useState<LifecycleAction | null>(null);
  const [reason, setReason] = useState('');
  const [reviewDate, setReviewDate] = useState('');
  const [tried, setTried] = useState(false);
  const [evidence, setEvidence] = useState<EvidenceInput[]>([]);
  // From the level below the top, closing passes the top gate with the controller's value confirmation; anything else is said out loud.
  const canPassTop = status.diLevel === status.topLevel - 1;
  const [confirm, setConfirm] = useState(true);
  const confirming = action === 'close' && canPassTop && confirm;
  const submit = async () => {
    if (!action) return;
    // The review date is read by the one parser; unreadable text is refused beside the field and kept.
    setTried(true);
    const review = action === 'hold' ? readDay(reviewDate) : ({ ok: true, value: null } as const);
    if (!review.ok) return;
    const close = action === 'close' ? (confirming ? { confirmValue: true } : { withoutValueConfirmation: true }) : {};
    const ok = await call(
      'gates:lifecycle',
      { measureId: status.measureId, action, reason: reason || undefined, reviewDate: review.value ?? undefined, evidence: evidence.length ? evidence : undefined, ...close },
      `${LABELS[action]}: ${status.code}`,
    );
    if (ok) {
      setAction(null);
      setReason('');
      setReviewDate('');
      setTried(false);
      setEvidence([]);
    }
  };
  const visible = status.lifecycleActions.filter((a) => !a.reason.includes('cannot be'));
  return (
    <section aria-label="Lifecycle">
      <h3>Lifecycle</h3>
      <div className="row">
        {visible.map((a) => (
          <button key={a.action} aria-pressed={action === a.action} title={a.allowed ? '' : a.reason} onClick={() => setAction(action === a.action ? null : a.action)}>
            {LABELS[a.action]}
          </button>
        ))}
      </div>
      {action && (
        <div className="gate-form" aria-label={LABELS[action]}>
          {action !== 'resume' && <textarea aria-label="Reason" placeholder="Reason" value={reason} onChange={(e) => setReason(e.target.value)} />}
          {action === 'hold' && (
            <label>
              Review date
              <DayInput label="Review date" text={reviewDate} onText={setReviewDate} check={tried} />
            </label>
          )}
          {action === 'close' && (
            <fieldset className="close-value" aria-label="Value at closing">
              {canPassTop && (
                <label className="inline">
                  <input type="radio" name="close-value" checked={confirm} onChange={() => setConfirm(true)} />I confirm the realised value as controller: the measure moves to DI{status.topLevel}
                </label>
              )}
              <label className="inline">
                <input type="radio" name="close-value" checked={!confirming} onChange={() => setConfirm(false)} />
                Close without value confirmation: it stays at DI{status.diLevel}
              </label>
            </fieldset>
          )}
          {action === 'close' && <EvidenceEditor items={evidence} onChange={setEvidence} />}
          <div className="row">
            <button className="primary" onClick={() => void submit()}>
              {LABELS[action]}
            </button>
          </div>
        </div>
      )}
      {status.lifecycleDecisions.length > 0 && (
        <ul className="gate-history">
          {status.lifecycleDecisions.map((d) => (
            <li key={d.id}>
              {showDay(localDay(d.at))} {authorText(d.person, d.enteredBy)}: {LABELS[d.action]}
              {d.reason && ` — ${d.reason}`}
              {d.reviewDate && ` (review ${showDay(d.reviewDate)})`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
