import { useState } from 'react';
import { formatAmount } from './money';

/**
 * One editable amount. Shows the locale format; sends the typed text as is (the API parses
 * it with the one parser, preload/contract/parse.ts, and refuses over-precise or non-numeric
 * input with a per-cell message). A refused text stays in the cell for correction.
 */
export function AmountCell(props: {
  value: number | null;
  digits: number;
  label: string;
  error?: string;
  readOnly?: boolean;
  className?: string;
  title?: string;
  /** Resolves false when the amount was refused: the typed text then stays. */
  onCommit: (text: string) => Promise<boolean> | void;
  onPasteGrid: (text: string) => boolean;
}) {
  const shown = formatAmount(props.value, props.digits);
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    if (draft.trim() === shown) return setDraft(null);
    void Promise.resolve(props.onCommit(draft.trim())).then((saved) => saved !== false && setDraft(null));
  };
  return (
    <td className={`amount ${props.className ?? ''} ${props.error ? 'cell-error' : ''}`} title={props.error ?? props.title}>
      <input
        aria-label={props.label}
        aria-invalid={props.error ? true : undefined}
        value={draft ?? shown}
        readOnly={props.readOnly}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
          if (e.key === 'Escape') setDraft(null);
        }}
        onPaste={(e) => {
          if (props.readOnly) return;
          const text = e.clipboardData.getData('text/plain');
          if (/[\t\n]/.test(text.replace(/\r?\n$/, '')) && props.onPasteGrid(text)) {
            e.preventDefault();
            setDraft(null);
          }
        }}
      />
    </td>
  );
}
