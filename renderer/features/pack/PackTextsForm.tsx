import { useEffect, useState } from 'react';
import { RAG, RAG_LABELS, type PackTexts, type Rag } from '../../../preload/contract';
import { useApp } from '../../app/context';

/** The parts of the pack a person writes: overall status and reason, summary, achievement, concern/ask. */
export function PackTextsForm({ readOnly }: { readOnly: boolean }) {
  const stored = useApp((s) => s.packTexts);
  const save = useApp((s) => s.savePackTexts);
  const setDirty = useApp((s) => s.setPackTextsDirty);
  const source = useApp((s) => s.packTextsSource);
  const meeting = useApp((s) => s.packMeetings.find((m) => m.id === s.packMeetingId) ?? null);
  const [t, setT] = useState<PackTexts | null>(stored);
  useEffect(() => setT(stored), [stored]);
  const dirty = t !== null && JSON.stringify(t) !== JSON.stringify(stored);
  useEffect(() => setDirty(dirty), [dirty, setDirty]);
  if (!t) return null;
  const field = (k: Exclude<keyof PackTexts, 'overallStatus'>, label: string, rows: number) => (
    <label>
      {label}
      <textarea name={k} rows={rows} value={t[k]} disabled={readOnly} onChange={(e) => setT({ ...t, [k]: e.target.value })} />
    </label>
  );
  return (
    <fieldset className="pack-texts">
      <legend>Texts</legend>
      {!readOnly && (
        <p className="muted texts-source" data-testid="texts-source">
          {meeting
            ? source === 'meeting'
              ? `The texts of ${meeting.title}.`
              : source === 'draft'
                ? `Carried over from the draft: saving keeps them with ${meeting.title}.`
                : `Nothing written for ${meeting.title} yet.`
            : 'Draft (no meeting chosen): these texts carry over to the meeting you choose.'}
        </p>
      )}
      <label>
        Overall status
        <select name="overallStatus" value={t.overallStatus} disabled={readOnly} onChange={(e) => setT({ ...t, overallStatus: e.target.value as Rag })}>
          {RAG.map((r) => (
            <option key={r} value={r}>
              {RAG_LABELS[r]}
            </option>
          ))}
        </select>
      </label>
      {field('statusReason', 'One-line reason', 1)}
      {field('summary', 'Summary', 3)}
      {field('keyAchievement', 'Key achievement', 2)}
      {field('keyConcern', 'Key concern / ask', 2)}
      {!readOnly && (
        <div className="row">
          <button className="primary" disabled={!dirty} onClick={() => void save(t)}>
            Save texts
          </button>
          <button disabled={!dirty} onClick={() => setT(stored)}>
            Discard
          </button>
        </div>
      )}
    </fieldset>
  );
}
