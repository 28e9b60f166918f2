import { useEffect, useId, useRef, useState, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import { DayPicker } from '../../components/DayPicker';
import { reactCellEditor, type CellEditorProps } from './react-cell-editor';
import { typedProblem, typedText, type TypedKind } from './typed-values';

export interface TypedEditorParams {
  kind: TypedKind;
  /** The text of this cell's last refused edit (handed once) and why it was refused. */
  takeDraft?: (key: string) => { text: string; message: string } | undefined;
}

/**
 * The editor of date, number, money and text cells. What the one parser cannot read is
 * refused here, before anything is sent: the grid keeps the editor open (invalidEditValueMode
 * 'block'), the cell is outlined and the reason shown under it, the typed text stays. A value
 * the workspace refused (due before start, a required field) reopens the editor with the
 * typed text and that reason, and blocks the same text from being sent again.
 */
const MESSAGE_WIDTH = 320;

/** Under the cell, kept inside the window (above the cell near the bottom edge). */
function messagePlace(cell: DOMRect): CSSProperties {
  const left = Math.max(4, Math.min(cell.left, window.innerWidth - MESSAGE_WIDTH - 8));
  return cell.bottom + 80 > window.innerHeight ? { left, bottom: window.innerHeight - cell.top + 2, width: MESSAGE_WIDTH } : { left, top: cell.bottom + 2, width: MESSAGE_WIDTH };
}

function TypedEditor(props: CellEditorProps<TypedEditorParams>) {
  const inputRef = useRef<HTMLInputElement>(null);
  const messageId = useId();
  const key = `${(props.data as { id?: string } | undefined)?.id ?? ''}:${props.column.getColId()}`;
  const [start] = useState(() => {
    const refused = props.takeDraft?.(key) ?? null;
    if (refused) return { text: refused.text, refused, typed: true };
    // A printable key that started the edit replaces the value, as in Excel.
    if (props.eventKey && props.eventKey.length === 1) return { text: props.eventKey, refused: null, typed: true };
    return { text: typedText(props.kind, props.value), refused: null, typed: false };
  });
  const [text, setText] = useState(start.text);
  // The reason shows once a commit was refused, then follows the text as it is corrected.
  const [attempted, setAttempted] = useState(start.refused !== null);
  const textRef = useRef(text);
  const problem = (t: string) => (start.refused && t === start.refused.text ? start.refused.message : typedProblem(props.kind, t));

  props.registerEditor({
    getValidationErrors: () => {
      const p = problem(textRef.current);
      // Called by the grid while it decides to commit; the state change waits for it to finish.
      if (p) queueMicrotask(() => setAttempted(true));
      return p ? [p] : null;
    },
  });

  const change = (t: string) => {
    textRef.current = t;
    setText(t);
    props.onValueChange(t);
  };
  useEffect(() => {
    const el = inputRef.current;
    if (!el) return;
    el.focus();
    if (start.typed) {
      props.onValueChange(start.text);
      el.setSelectionRange(start.text.length, start.text.length);
    } else el.select();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const message = attempted ? problem(text) : null;
  const rect = message ? props.eGridCell.getBoundingClientRect() : null;
  return (
    <div className={`typed-editor${message ? ' invalid' : ''}`}>
      <input
        ref={inputRef}
        className="typed-input"
        aria-label={props.colDef.headerName}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? messageId : undefined}
        value={text}
        onChange={(e) => change(e.target.value)}
      />
      {props.kind === 'date' && (
        <DayPicker
          text={text}
          label={`Pick ${props.colDef.headerName ?? 'a date'}`}
          onPick={(iso) => {
            // Written like every date shown (the locale's format), which the parser reads back.
            change(typedText('date', iso));
            inputRef.current?.focus();
          }}
        />
      )}
      {message &&
        rect &&
        createPortal(
          <div id={messageId} className="cell-message" data-testid="cell-message" aria-live="assertive" style={messagePlace(rect)}>
            {message}
          </div>,
          document.body,
        )}
    </div>
  );
}

/** The typed editor as the grid's own editor component. */
export const TypedCellEditor = reactCellEditor(TypedEditor);
