import { useEffect, useId, useRef, useState } from 'react';
import { dateHint } from '../../preload/contract';
import { readDay, showDay } from '../app/dates';
import { userLocale } from '../app/locale';
import { DayPicker } from './DayPicker';

interface DayInputProps {
  label: string;
  /** The text as typed (a form keeps it and reads it with `readDay` when submitted). */
  text: string;
  onText: (text: string) => void;
  /** Called when the field is left, Enter pressed or a day picked, with the day read. */
  onCommit?: (iso: string | null) => void;
  /** Shows the reason of unreadable text before the field was left (the form was submitted). */
  check?: boolean;
}

/**
 * A date typed in the user's locale (or ISO) with the calendar beside it: the one date field
 * of the app's forms (meetings, actions, review dates, needed-by). The text is read by the
 * one parser (`readDay`); what it cannot read is refused here, the reason under the field,
 * the typed text kept. A picked day is written in the locale's format, like every date shown.
 */
export function DayInput(props: DayInputProps) {
  const [left, setLeft] = useState(false);
  const errorId = useId();
  const read = readDay(props.text);
  const problem = !read.ok && (left || props.check) ? read.message : null;
  const commit = (t: string) => {
    setLeft(true);
    const r = readDay(t);
    if (r.ok) props.onCommit?.(r.value);
  };
  return (
    <span className="day-input">
      <span className="field-input">
        <input
          aria-label={props.label}
          placeholder={dateHint(userLocale()).replace(/^use /, '')}
          value={props.text}
          className={problem ? 'input-error' : undefined}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? errorId : undefined}
          onChange={(e) => props.onText(e.target.value)}
          onBlur={(e) => commit(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && commit(e.currentTarget.value)}
        />
        <DayPicker
          text={props.text}
          label={`Pick ${props.label.replace(/^./, (c) => c.toLowerCase())}`}
          onPick={(iso) => {
            props.onText(showDay(iso));
            commit(iso);
          }}
        />
      </span>
      {problem && (
        <small id={errorId} className="error-text">
          {problem}
        </small>
      )}
    </span>
  );
}

/**
 * A stored day edited in place (a meeting's date): shown in the locale's format, saved when
 * the field is left with a different readable day; unreadable text stays with its reason.
 */
export function SavedDayInput(props: { label: string; value: string | null; onSave: (iso: string | null) => void }) {
  const shown = props.value ? showDay(props.value) : '';
  const [text, setText] = useState(shown);
  const ref = useRef<HTMLSpanElement>(null);
  // A reload that arrives while the user types here does not replace what is being typed.
  useEffect(() => {
    if (!ref.current?.contains(document.activeElement)) setText(shown);
  }, [shown]);
  return (
    <span ref={ref}>
      <DayInput label={props.label} text={text} onText={setText} onCommit={(iso) => iso !== (props.value || null) && props.onSave(iso)} />
    </span>
  );
}
