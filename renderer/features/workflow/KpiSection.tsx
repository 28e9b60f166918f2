import { useEffect, useState } from 'react';
import { RAG_LABELS, type Kpi, type KpiDirection, type Rag } from '../../../preload/contract';
import { ApiCallError } from '../../app/api';
import { today } from '../../app/clock';
import { useApp } from '../../app/context';
import { userLocale } from '../../app/locale';
import { useWorkspaceTick } from '../detail/useWorkspaceTick';

const RANK: Record<Rag, number> = { red: 3, amber: 2, green: 1, grey: 0 };
const Badge = ({ s, title }: { s: Rag; title?: string }) => (
  <span className={`rag rag-${s}`} title={title}>
    <i aria-hidden="true" />
    {RAG_LABELS[s]}
  </span>
);

/**
 * The measure's service KPIs in the detail panel: the KPI status beside the two statuses,
 * each KPI with its thresholds and the actual of a month (typed or pasted), and a new KPI.
 */
export function KpiSection({ measureId }: { measureId: string }) {
  const api = useApp((s) => s.api);
  const measure = useApp((s) => s.measures.find((m) => m.id === measureId));
  const tick = useWorkspaceTick(['kpis', 'kpi_actuals']);
  const [list, setList] = useState<Kpi[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    void api.call('kpi:list', { measureId }).then((l) => live && setList(l));
    return () => {
      live = false;
    };
  }, [api, measureId, tick]);
  const kpiStatus = list.reduce<Rag>((w, k) => (RANK[k.status] > RANK[w] ? k.status : w), 'grey');
  return (
    <div className="kpi-section" data-testid="kpi-section">
      <div className="kpi-statuses" data-testid="kpi-statuses">
        Implementation <Badge s={measure?.implementationStatus ?? 'grey'} /> · Potential <Badge s={measure?.potentialStatus ?? 'grey'} /> · KPI{' '}
        <span data-testid="kpi-status">{list.length ? <Badge s={kpiStatus} /> : <span className="muted">no KPI</span>}</span>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {list.map((k) => (
        <KpiItem key={k.id} k={k} onError={setError} onChange={(n) => setList((l) => l.map((x) => (x.id === n.id ? n : x)))} />
      ))}
      <NewKpi measureId={measureId} onError={setError} onAdded={(k) => setList((l) => [...l, k])} />
    </div>
  );
}

function KpiItem({ k, onChange, onError }: { k: Kpi; onChange: (k: Kpi) => void; onError: (m: string) => void }) {
  const api = useApp((s) => s.api);
  const [period, setPeriod] = useState(today().slice(0, 7));
  const [value, setValue] = useState('');
  const [bad, setBad] = useState(false);
  const save = async () => {
    try {
      onChange(await api.call('kpi:setActual', { id: k.id, period: period.trim(), value, locale: userLocale() }));
      setValue('');
      setBad(false);
      onError('');
    } catch (e) {
      // The typed text stays for correction; the reason shows above.
      setBad(true);
      onError(e instanceof ApiCallError ? e.message : String(e));
    }
  };
  return (
    <div className="kpi-item" data-testid={`kpi-${k.key}`}>
      <div className="row">
        <strong>{k.name}</strong>
        <Badge s={k.status} title={k.reason} />
        <span className="muted">
          {k.latest ? `${k.latest.value} ${k.unit} in ${k.latest.period}` : 'no actual yet'} · target {k.target ?? '—'} · amber {k.direction === 'higher' ? '<' : '>'} {k.amber} · red {k.direction === 'higher' ? '<' : '>'} {k.red} {k.unit}
        </span>
      </div>
      <div className="row">
        <input aria-label={`${k.name} month`} value={period} onChange={(e) => setPeriod(e.target.value)} placeholder="YYYY-MM" />
        <input
          aria-label={`${k.name} actual`}
          aria-invalid={bad || undefined}
          className={bad ? 'input-error' : undefined}
          value={value}
          placeholder="Actual"
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && void save()}
        />
        <button onClick={() => void save()}>Save actual</button>
      </div>
    </div>
  );
}

function NewKpi({ measureId, onAdded, onError }: { measureId: string; onAdded: (k: Kpi) => void; onError: (m: string) => void }) {
  const api = useApp((s) => s.api);
  const [open, setOpen] = useState(false);
  const [f, setF] = useState({ name: '', unit: '', direction: 'higher' as KpiDirection, target: '', amber: '', red: '' });
  if (!open) return <button onClick={() => setOpen(true)}>+ KPI</button>;
  const num = (s: string) => (s.trim() === '' ? null : Number(s.replace(',', '.')));
  const add = async () => {
    const amber = num(f.amber);
    const red = num(f.red);
    if (amber === null || red === null || Number.isNaN(amber) || Number.isNaN(red)) return onError('A KPI needs an amber and a red threshold (numbers).');
    try {
      const key = f.name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'kpi';
      onAdded(await api.call('kpi:save', { measureId, kpi: { key: /^[a-z]/.test(key) ? key : `k_${key}`, name: f.name, unit: f.unit, direction: f.direction, baseline: null, target: num(f.target), amber, red } }));
      setOpen(false);
      onError('');
    } catch (e) {
      onError(e instanceof ApiCallError ? e.message : String(e));
    }
  };
  return (
    <div className="kpi-new" aria-label="New KPI">
      <input aria-label="KPI name" placeholder="Name" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
      <input aria-label="KPI unit" placeholder="Unit (%, days)" value={f.unit} onChange={(e) => setF({ ...f, unit: e.target.value })} />
      <select aria-label="KPI direction" value={f.direction} onChange={(e) => setF({ ...f, direction: e.target.value as KpiDirection })}>
        <option value="higher">Higher is better</option>
        <option value="lower">Lower is better</option>
      </select>
      <input aria-label="KPI target" placeholder="Target" value={f.target} onChange={(e) => setF({ ...f, target: e.target.value })} />
      <input aria-label="KPI amber threshold" placeholder="Amber threshold" value={f.amber} onChange={(e) => setF({ ...f, amber: e.target.value })} />
      <input aria-label="KPI red threshold" placeholder="Red threshold" value={f.red} onChange={(e) => setF({ ...f, red: e.target.value })} />
      <button className="primary" disabled={!f.name.trim()} onClick={() => void add()}>
        Add KPI
      </button>
      <button onClick={() => setOpen(false)}>Cancel</button>
    </div>
  );
}
