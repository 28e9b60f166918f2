import { useState } from 'react';
import type { HierarchyNode } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { ConfirmDialog, Modal } from '../../components/Modal';
import type { ClipboardReport } from './useClipboard';

/** Delete and move of the selected measures (each one undo step). */
export function MeasureDialogs(props: { dialog: 'delete' | 'move'; ids: string[]; nodes: HierarchyNode[]; packagePath: (id: string) => string; onClose: () => void }) {
  const deleteMeasures = useApp((s) => s.deleteMeasures);
  const moveMeasures = useApp((s) => s.moveMeasures);
  const [target, setTarget] = useState('');
  const { ids, onClose } = props;
  if (props.dialog === 'delete')
    return (
      <ConfirmDialog
        title={`Delete ${ids.length} measure${ids.length === 1 ? '' : 's'}?`}
        message="Deleted measures disappear from every view; Ctrl+Z brings them back."
        confirmLabel="Delete"
        onClose={onClose}
        onConfirm={() => void deleteMeasures(ids).then(() => onClose())}
      />
    );
  return (
    <Modal
      title={`Move ${ids.length} measure${ids.length === 1 ? '' : 's'}`}
      onClose={onClose}
      actions={
        <>
          <button onClick={onClose}>Cancel</button>
          <button className="primary" disabled={!target} onClick={() => void moveMeasures(ids, target).then((ok) => ok && onClose())}>
            Move
          </button>
        </>
      }
    >
      <label>
        Measure package
        <select value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">Choose…</option>
          {/* Sorted by path, so a package is found where its name says. */}
          {props.nodes
            .filter((n) => n.level === 'package')
            .map((n) => ({ id: n.id, label: props.packagePath(n.id) }))
            .sort((a, b) => a.label.localeCompare(b.label))
            .map((n) => (
              <option key={n.id} value={n.id}>
                {n.label}
              </option>
            ))}
        </select>
      </label>
    </Modal>
  );
}

/** What a refused paste was refused for: every cell with its reason. Nothing was saved. */
export function ReportDialog(props: { report: ClipboardReport; onClose: () => void }) {
  const { report } = props;
  return (
    <Modal title={report.title} onClose={props.onClose} testId="paste-report" actions={<button onClick={props.onClose}>OK</button>}>
      <p>{report.summary}</p>
      <ul className="problems">
        {report.problems.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ul>
    </Modal>
  );
}
