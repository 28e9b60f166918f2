import './dashboard.css';
import { useEffect, useMemo } from 'react';
import { RAG, RAG_LABELS, type DashboardData, type QuestionKey } from '../../../preload/contract';
import { flattenTree } from '../tree/tree-model';
import { useApp } from '../../app/context';
import { formatCompact, formatMoney } from '../finance/money';
import { ChartCanvas } from './ChartCanvas';
import { bridgeConfig, monthlyConfig, pipelineConfig } from './charts';
import { ServiceKpisPanel } from '../workflow/ServiceKpisPanel';

/** One screen answering the five questions, with the value charts; a click filters the grid. */
export function Dashboard() {
  const d = useApp((s) => s.dashboard);
  const nodes = useApp((s) => s.nodes);
  const nodeId = useApp((s) => s.dashboardNodeId);
  const setNode = useApp((s) => s.setDashboardNode);
  const loadDashboard = useApp((s) => s.loadDashboard);
  const api = useApp((s) => s.api);
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
            {/* In the tree's order, indented by depth, as the hierarchy shows them. */}
            {flattenTree(nodes, {}).map(({ node: n, depth }) => (
              <option key={n.id} value={n.id}>
                {'\u00a0'.repeat(depth * 2)}
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">
          Amounts net of costs, {d.currency}. Forecasts leave on-hold measures out; cancelled ones are excluded everywhere. Risk-weighted = forecast × the DI level&apos;s weight. Click a
          figure to see its measures.
        </span>
      </div>
      <Questions d={d} onPick={(q, label) => void api.call('value:questionMeasures', { nodeId: nodeId ?? undefined, question: q }).then((ids) => filter(ids, `${label}: ${ids.length} measure${ids.length === 1 ? '' : 's'}`))} />
      <div className="dash-grid">
        <figure>
          <figcaption>Forecast by DI level — risk-weighted and the rest of the forecast</figcaption>
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
      <ServiceKpisPanel nodeId={nodeId} />
    </section>
  );
}

/** Each figure is a button: it opens the grid on the measures behind it (asked of the API, which counted them). */
function Questions({ d, onPick }: { d: DashboardData; onPick: (q: QuestionKey, label: string) => void }) {
  const q = d.questions;
  const e = q.evidence;
  const money = (v: number) => formatCompact(v, d.currency, d.digits);
  const tiles: { title: string; key: QuestionKey; big: string; small: string; full?: string; more?: { key: QuestionKey; text: string } }[] = [
    { title: 'What work is in progress?', key: 'inProgress', big: String(q.inProgress), small: `active of ${q.measures} measures` },
    {
      title: 'Who owns it?',
      key: 'owners',
      big: String(q.owners),
      small: 'owners of active measures',
      more: q.unowned ? { key: 'unowned', text: `${q.unowned} without an owner` } : undefined,
    },
    {
      title: 'What value is expected?',
      key: 'expected',
      big: money(q.expectedValue),
      full: formatMoney(q.expectedValue, d.currency, d.digits),
      small: `net forecast · ${money(q.riskWeightedForecast)} risk-weighted forecast`,
    },
    { title: 'What is blocking delivery?', key: 'blocked', big: String(q.blocked), small: 'measures with late or red work upstream' },
    {
      title: 'What evidence proves it?',
      key: 'evidenced',
      big: String(q.evidenced),
      small: `measures with evidence: ${e.documented} gate or closure evidence · ${e.validatedActuals} validated actuals · ${e.valueConfirmed} value confirmed · validated benefits ${money(e.validatedBenefits)} against costs ${money(e.validatedCosts)}`,
    },
  ];
  return (
    <div className="questions" data-testid="five-questions">
      {tiles.map((t) => (
        <div key={t.key} className="tile" data-question={t.key}>
          <div className="muted">{t.title}</div>
          <button className="big link" title={t.full ?? `Show these ${t.big} in the grid`} onClick={() => onPick(t.key, t.title)}>
            {t.big}
          </button>
          <div className="muted">{t.small}</div>
          {t.more && (
            <button className="link small" onClick={() => onPick(t.more!.key, t.more!.text)}>
              {t.more.text}
            </button>
          )}
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
