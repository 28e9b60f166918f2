import { useMemo } from 'react';
import { DI_NAMES, RAG, RAG_LABELS, type Measure } from '../../../preload/contract';
import { chipsActive, type Chips } from './quick-filters';

/** One select per dimension; the active ones are highlighted, "Clear" drops them all. */
export function FilterChips(props: { measures: Measure[]; chips: Chips; onChange: (c: Chips) => void }) {
  const { measures, chips, onChange } = props;
  const functions = useMemo(() => [...new Set(measures.map((m) => m.function).filter(Boolean))].sort(), [measures]);
  const owners = useMemo(() => [...new Set(measures.map((m) => m.owner).filter((x): x is string => !!x))].sort(), [measures]);
  const chip = (key: keyof Chips, label: string, options: [string, string][]) => (
    <label className={`chip${chips[key] ? ' active' : ''}`}>
      <span>{label}</span>
      <select aria-label={`Filter by ${label}`} value={chips[key] ?? ''} onChange={(e) => onChange({ ...chips, [key]: e.target.value || undefined })}>
        <option value="">all</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
  const rag = RAG.map((r) => [r, RAG_LABELS[r]] as [string, string]);
  return (
    <div className="chips" role="group" aria-label="Quick filters">
      {chip('di', 'DI', DI_NAMES.map((n, i) => [String(i), `DI${i} ${n}`]))}
      {chip('impl', 'Implementation', rag)}
      {chip('potential', 'Potential', rag)}
      {chip('function', 'Function', functions.map((f) => [f, f]))}
      {chip('owner', 'Owner', owners.map((o) => [o, o]))}
      {chip('due', 'Due', [['30', 'in 30 days']])}
      {chipsActive(chips) && (
        <button className="link" onClick={() => onChange({})}>
          Clear filters
        </button>
      )}
    </div>
  );
}
