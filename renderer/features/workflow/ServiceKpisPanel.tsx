import { useEffect, useState } from 'react';
import { RAG_LABELS, type ServiceKpis } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { userLocale } from '../../app/locale';
import { useWorkspaceTick } from '../detail/useWorkspaceTick';
import { KPI_TABLES } from './tables';
import './workflow.css';

const SHOWN = 25;

/** The dashboard's "Service KPIs" panel: the article's ten figures and the KPIs in scope with their status. */
export function ServiceKpisPanel({ nodeId }: { nodeId: string | null }) {
  const api = useApp((s) => s.api);
  const tick = useWorkspaceTick(KPI_TABLES);
  const [data, setData] = useState<ServiceKpis | null>(null);
  useEffect(() => {
    let live = true;
    // Asked after the dashboard's own data (its effect runs after this child's): the main
    // process answers in order, and the five answers and the charts come first.
    const t = setTimeout(() => void api.call('kpi:figures', { ...(nodeId ? { nodeId } : {}), locale: userLocale() }).then((d) => live && setData(d)), 0);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, nodeId, tick]);
  if (!data) return null;
  const c = data.statusCounts;
  // The worst KPIs first; the pack and `steerco kpi` list them all.
  const RANK = { red: 0, amber: 1, grey: 2, green: 3 } as const;
  const shown = [...data.kpis].sort((a, b) => RANK[a.status] - RANK[b.status]).slice(0, SHOWN);
  return (
    <section className="service-kpis" aria-label="Service KPIs" data-testid="service-kpis">
      <h3>
        Service KPIs{' '}
        <span className="muted">
          {data.kpis.length} KPIs: {c.green} green · {c.amber} amber · {c.red} red · {c.grey} not reported
        </span>
      </h3>
      <div className="kpi-figures">
        {data.figures.map((f) => (
          <div key={f.key} className={`kpi-figure${f.rag ? ` rag-${f.rag}` : ''}`} data-figure={f.key}>
            <div className="muted">{f.label}</div>
            <div className="kpi-big">{f.value}</div>
            <div className="muted small">{f.hint}</div>
          </div>
        ))}
      </div>
      {data.kpis.length > 0 && (
        <table className="table compact kpi-table">
          <thead>
            <tr>
              <th>KPI</th>
              <th>On</th>
              <th>Latest</th>
              <th>Target</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((k) => (
              <tr key={k.id} data-testid={`kpi-row-${k.id}`}>
                <td>{k.name}</td>
                <td>{k.on}</td>
                <td>{k.latest ? `${k.latest.value} ${k.unit} (${k.latest.period})` : '—'}</td>
                <td>{k.target ?? '—'}</td>
                <td>
                  <span className={`rag rag-${k.status}`} title={k.reason}>
                    <i aria-hidden="true" />
                    {RAG_LABELS[k.status]}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.kpis.length > SHOWN && <p className="muted">The {SHOWN} worst of {data.kpis.length} KPIs; the steering pack lists them all.</p>}
    </section>
  );
}
