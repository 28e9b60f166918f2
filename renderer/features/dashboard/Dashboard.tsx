import './dashboard.css';
import { useEffect, useMemo } from 'react';
import { RAG, RAG_LABELS, type DashboardData } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { formatCompact, formatMoney } from '../finance/money';
import { ChartCanvas } from './ChartCanvas';
import { bridgeConfig, monthlyConfig, pipelineConfig } from './charts';

/** One screen answering the five questions, with the value charts; a click filters the grid. */
export function Dashboard() {
  const d = useApp((s) => s.dashboard);
  const nodes = useApp((s) => s.nodes);
  const nodeId = useApp((s) => s.dashboardNodeId);
  const setNode = useApp((s) => s.setDashboardNode);
  const loadDashboard = useApp((s) => s.loadDashboard);
  const showInGrid = useApp((s) => s.showInGrid);
  useEffect(() => {
    // Opening a view never writes: statuses are kept current by the main process (after
    // every write and when the day changes), and a change comes back as workspace:changed.
    void loadDashboard();
  }, [loadDashboard]);
  const configs = useMemo(() => (d ? { pipeline: pipelineConfig(d), monthly: monthlyConfig(d), bridge: bridgeConfig(d) } : null), [d]);
  if (!d || !configs) return <div className="loading">Loading dashboard…</div>;
  const scope = nodes.find((n) => n.id === nodeId)?.name ?? 'All measures';
  const filter = (ids: string[], label: string) => void showInGrid(nodeId, ids, `${label} (${scope})`);
  return (
    <section className="dashboard" aria-label="Dashboard">
      <div className="dash-toolbar">
        <label className="inline">
          Scope
          <select aria-label="Dashboard scope" value={nodeId ?? ''} onChange={(e) => void setNode(e.target.value || null)}>
            <option value="">All measures</option>
            {nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {'\u00a0'.repeat(['organization', 'portfolio', 'program', 'project', 'package'].indexOf(n.level) * 2)}
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">Amounts net of costs, {d.currency}. On-hold measures are in the full pipeline only; cancelled ones are excluded.</span>
      </div>
      <Questions d={d} />
      <div className="dash-grid">
        <figure>
          <figcaption>Value pipeline by DI level — full vs risk-weighted</figcaption>
          <ChartCanvas testId="chart-pipeline" label="Value pipeline by DI level" config={configs.pipeline} onPick={(i) => filter(d.pipeline[i]!.measureIds, `DI${d.pipeline[i]!.level}`)} />
        </figure>
        <figure>
          <figcaption>Plan vs forecast vs actual by month, cumulative against target</figcaption>
          <ChartCanvas testId="chart-monthly" label="Plan, forecast and actual by month" config={configs.monthly} />
        </figure>
        <figure>
          <figcaption>Bridge from target to forecast by workstream</figcaption>
          <ChartCanvas
            testId="chart-bridge"
            label="Bridge from target to forecast by workstream"
            config={configs.bridge}
            onPick={(i) => {
              const b = d.bridge[i - 1];
              if (b) filter(b.measureIds, b.name);
            }}
          />
        </figure>
        <figure>
          <figcaption>Implementation × potential status (count · forecast)</figcaption>
          <Matrix d={d} onPick={filter} />
        </figure>
      </div>
    </section>
  );
}

function Questions({ d }: { d: DashboardData }) {
  const q = d.questions;
  const tiles: [string, string, string][] = [
    ['What work is in progress?', String(q.inProgress), `active of ${q.measures} measures`],
    ['Who owns it?', String(q.owners), 'owners of active measures'],
    ['What value is expected?', formatCompact(q.expectedValue, d.currency, d.digits), `forecast · ${formatCompact(q.riskWeighted, d.currency, d.digits)} risk-weighted`],
    ['What is blocking delivery?', String(q.blocked), 'active measures waiting on a dependency'],
    ['What evidence proves it?', String(q.evidenced), 'measures with controller-validated actuals'],
  ];
  return (
    <div className="questions" data-testid="five-questions">
      {tiles.map(([title, big, small]) => (
        <div key={title} className="tile">
          <div className="muted">{title}</div>
          <div className="big" title={title === 'What value is expected?' ? formatMoney(q.expectedValue, d.currency, d.digits) : undefined}>
            {big}
          </div>
          <div className="muted">{small}</div>
        </div>
      ))}
    </div>
  );
}

function Matrix({ d, onPick }: { d: DashboardData; onPick: (ids: string[], label: string) => void }) {
  const cell = (i: string, p: string) => d.matrix.find((c) => c.implementation === i && c.potential === p)!;
  return (
    <table className="status-matrix" data-testid="status-matrix">
      <thead>
        <tr>
          <th>Implementation ↓ / Potential →</th>
          {RAG.map((p) => (
            <th key={p}>{RAG_LABELS[p]}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {RAG.map((i) => (
          <tr key={i}>
            <th>{RAG_LABELS[i]}</th>
            {RAG.map((p) => {
              const c = cell(i, p);
              return (
                <td key={p} className={`m-${i}-${p}`}>
                  {c.count > 0 ? (
                    <button className="link" onClick={() => onPick(c.measureIds, `Implementation ${RAG_LABELS[i]} × potential ${RAG_LABELS[p]}`)}>
                      {c.count} · {formatCompact(c.forecast, d.currency, d.digits)}
                    </button>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
