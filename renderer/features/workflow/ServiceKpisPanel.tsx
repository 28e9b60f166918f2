import { useEffect, useState } from 'react';
import { RAG_LABELS, type ServiceKpis } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { useWorkspaceTick } from '../detail/useWorkspaceTick';
import { KPI_TABLES } from './tables';
import './workflow.css';

/** The dashboard's "Service KPIs" panel: the article's ten figures and the KPIs in scope with their status. */
export function ServiceKpisPanel({ nodeId }: { nodeId: string | null }) {
  const api = useApp((s) => s.api);
  const tick = useWorkspaceTick(KPI_TABLES);
  const [data, setData] = useState<ServiceKpis | null>(null);
  useEffect(() => {
    let live = true;
    void api.call('kpi:figures', nodeId ? { nodeId } : {}).then((d) => live && setData(d));
    return () => {
      live = false;
    };
  }, [api, nodeId, tick]);
  if (!data) return null;
  const c = data.statusCounts;
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
            {data.kpis.map((k) => (
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
    </section>
  );
}
