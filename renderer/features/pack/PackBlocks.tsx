import type { PackBlock, PackCell } from '../../../preload/contract';

/**
 * The pieces of a pack page, drawn the same way when measured off screen (PackMeasure) and on
 * the pages, so the heights pagination used are the heights printed. Headings mark only a
 * section's or a table's first part: they become the PDF's bookmarks.
 */
type Table = Extract<PackBlock, { type: 'table' }>;

/** Text straight in the cell, a status as the cell's colour: one node per cell keeps a 1,000-page PDF (and its tags) small. */
const cellText = (c: PackCell) => (typeof c === 'string' ? c : c.text);
const cellClass = (c: PackCell, align: string | undefined) => [typeof c === 'string' ? undefined : `rag rag-${c.rag}`, align].filter(Boolean).join(' ') || undefined;

const ALIGN = { left: undefined, right: 'a-r', center: 'a-c' } as const;

export function SectionTitle({ text, continued }: { text: string; continued: boolean }) {
  return continued ? <div className="h2">{text}</div> : <h2>{text}</h2>;
}

export function TableView({ block: b, from, to, continued }: { block: Table; from: number; to: number; continued: boolean }) {
  const total = b.columns.reduce((s, c) => s + c.width, 0);
  return (
    <div className="pack-table">
      {b.title && (continued ? <div className="h3">{`${b.title} (continued)`}</div> : <h3>{b.title}</h3>)}
      <table>
        <colgroup>
          {b.columns.map((c, i) => (
            <col key={i} style={{ width: `${(c.width / total) * 100}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {b.columns.map((c, i) => (
              <th key={i} className={ALIGN[c.align ?? 'left']}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {b.rows.length === 0 ? (
            <tr>
              <td colSpan={b.columns.length} className="empty">
                {b.empty}
              </td>
            </tr>
          ) : (
            b.rows.slice(from, to).map((r, i) => (
              <tr key={from + i}>
                {r.map((c, j) => (
                  <td key={j} className={cellClass(c, ALIGN[b.columns[j]?.align ?? 'left'])}>
                    {cellText(c)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

export function Block({ b }: { b: PackBlock }) {
  switch (b.type) {
    case 'text':
      return (
        <div className="pack-text">
          {b.title && <h3>{b.title}</h3>}
          <p>{b.text}</p>
        </div>
      );
    case 'note':
      return <p className="pack-note">{b.text}</p>;
    case 'kpis':
      return (
        <div className="pack-kpis" style={{ gridTemplateColumns: `repeat(${Math.max(b.items.length, 4)}, 1fr)` }}>
          {b.items.map((k, i) => (
            <div key={i} className={`kpi ${k.rag ? `rag-${k.rag}` : ''}`}>
              <div className="kpi-label">{k.label}</div>
              <div className="kpi-value">{k.value}</div>
              {k.hint && <div className="kpi-hint">{k.hint}</div>}
            </div>
          ))}
        </div>
      );
    case 'table':
      return <TableView block={b} from={0} to={b.rows.length} continued={false} />;
    default:
      return null;
  }
}
