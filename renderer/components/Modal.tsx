import { useEffect, useRef, useState, type ReactNode } from 'react';
import { focusOrigin, restoreFocus } from './useDialogFocus';

export function Modal(props: { title: string; onClose: () => void; children: ReactNode; actions: ReactNode; testId?: string; wide?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const prev = focusOrigin();
    ref.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    return () => restoreFocus(prev);
  }, []);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        className={props.wide ? 'modal wide' : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        data-testid={props.testId}
        ref={ref}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            props.onClose();
          }
        }}
      >
        <h2>{props.title}</h2>
        <div className="modal-body">{props.children}</div>
        <div className="modal-actions">{props.actions}</div>
      </div>
    </div>
  );
}

/** Asks for one line of text (Electron has no window.prompt). */
export function PromptDialog(props: { title: string; label: string; initial?: string; submitLabel?: string; onSubmit: (v: string) => void; onClose: () => void }) {
  const [value, setValue] = useState(props.initial ?? '');
  const submit = () => {
    if (value.trim()) props.onSubmit(value.trim());
  };
  return (
    <Modal
      title={props.title}
      onClose={props.onClose}
      actions={
        <>
          <button onClick={props.onClose}>Cancel</button>
          <button className="primary" disabled={!value.trim()} onClick={submit}>
            {props.submitLabel ?? 'OK'}
          </button>
        </>
      }
    >
      <label>
        {props.label}
        <input autoFocus value={value} onChange={(e) => setValue(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && submit()} />
      </label>
    </Modal>
  );
}

export function ConfirmDialog(props: { title: string; message: string; confirmLabel: string; onConfirm: () => void; onClose: () => void }) {
  return (
    <Modal
      title={props.title}
      onClose={props.onClose}
      actions={
        <>
          <button onClick={props.onClose}>Cancel</button>
          <button className="danger" onClick={props.onConfirm}>
            {props.confirmLabel}
          </button>
        </>
      }
    >
      <p>{props.message}</p>
    </Modal>
  );
}
