import type { Evidence } from '../../../preload/contract';
import { downloadBase64 } from './slice';
import { useGateCall } from './useGateCall';

const kb = (n: number | null) => (n === null ? '' : n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** Evidence items; files open (download) from the workspace, links open in the browser. */
export function EvidenceList({ items }: { items: Evidence[] }) {
  const call = useGateCall();
  if (items.length === 0) return null;
  const open = async (e: Evidence) => {
    const f = await call('gates:evidenceFile', { id: e.id });
    if (f) downloadBase64(f.name, f.mime, f.content);
  };
  return (
    <ul className="evidence-list" aria-label="Evidence">
      {items.map((e) => (
        <li key={e.id}>
          {e.kind === 'file' && (
            <button className="link" onClick={() => void open(e)} title={`sha256 ${e.sha256 ?? ''}`}>
              <span className="ev-kind">file</span>
              {e.name}
            </button>
          )}
          {e.kind === 'link' && (
            <a href={e.url} target="_blank" rel="noreferrer noopener">
              <span className="ev-kind">link</span>
              {e.name}
            </a>
          )}
          {e.kind === 'note' && <span>
              <span className="ev-kind">note</span>
              {e.note}
            </span>}{' '}
          <span className="muted">
            {kb(e.size)} {e.addedBy}, {e.addedAt.slice(0, 10)}
          </span>
        </li>
      ))}
    </ul>
  );
}
