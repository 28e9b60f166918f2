import { useEffect, useId, useRef } from 'react';
import { reactCellEditor, type CellEditorProps } from './react-cell-editor';

/**
 * A text editor with suggestions (people, statuses): type to filter, Enter commits.
 * Free text is allowed so an unknown name gets the workspace's clear refusal.
 */
function ListEditor(props: CellEditorProps<{ options: string[] }>) {
  const ref = useRef<HTMLInputElement>(null);
  const listId = useId();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    // A printable key that started the edit replaces the value, as in Excel.
    if (props.eventKey && props.eventKey.length === 1) props.onValueChange(props.eventKey);
    else el.select();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <>
      <input
        ref={ref}
        className="list-editor"
        list={listId}
        aria-label={props.colDef.headerName}
        value={String(props.value ?? '')}
        onChange={(e) => props.onValueChange(e.target.value)}
      />
      <datalist id={listId}>
        {props.options.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
    </>
  );
}

/** The list editor as the grid's own editor component. */
export const ListCellEditor = reactCellEditor(ListEditor);
