import { useState } from 'react';
import type { EvidenceInput } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { readFileBase64 } from './slice';

/** Collects evidence to attach: files (read as base64), links, notes. */
export function EvidenceEditor(props: { items: EvidenceInput[]; onChange: (items: EvidenceInput[]) => void }) {
  const notify = useApp((s) => s.notify);
  const [link, setLink] = useState('');
  const [note, setNote] = useState('');
  const add = (e: EvidenceInput) => props.onChange([...props.items, e]);
  const addFiles = async (files: FileList | null) => {
    for (const f of Array.from(files ?? [])) {
      try {
        add({ kind: 'file', name: f.name, mime: f.type, content: await readFileBase64(f) });
      } catch (e) {
        notify('error', String(e));
      }
    }
  };
  return (
    <div className="evidence-editor">
      <div className="row">
        <label className="row" style={{ margin: 0 }}>
          Attach file
          <input type="file" aria-label="Attach evidence file" multiple onChange={(e) => void addFiles(e.target.files).then(() => (e.target.value = ''))} />
        </label>
      </div>
      <div className="row">
        <input aria-label="Evidence link" placeholder="https://…" value={link} onChange={(e) => setLink(e.target.value)} />
        <button type="button" disabled={!link.trim()} onClick={() => (add({ kind: 'link', url: link.trim() }), setLink(''))}>
          Add link
        </button>
        <input aria-label="Evidence note" placeholder="Note…" value={note} onChange={(e) => setNote(e.target.value)} />
        <button type="button" disabled={!note.trim()} onClick={() => (add({ kind: 'note', note: note.trim() }), setNote(''))}>
          Add note
        </button>
      </div>
      {props.items.length > 0 && (
        <ul className="evidence-list" aria-label="Evidence to attach">
          {props.items.map((e, i) => (
            <li key={i}>
              <span className="ev-kind">{e.kind}</span>
              {e.kind === 'file' ? e.name : e.kind === 'link' ? e.url : e.note}{' '}
              <button type="button" aria-label="Remove" onClick={() => props.onChange(props.items.filter((_, j) => j !== i))}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
