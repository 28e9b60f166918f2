import type { PackFacts } from '../../preload/contract/pack-facts.js';
import type { PackBaseline, PackBlock, PackCell } from '../../preload/contract/pack-types.js';
import { DI_NAMES, RAG_LABELS, type Rag } from '../../preload/contract/types.js';
import { day, money, moneyDelta, moneyIn, plural } from './pack-format.js';

const rag = (r: Rag): PackCell => ({ text: RAG_LABELS[r], rag: r });
const TOP_MOVERS = 10;

/** What a pack remembers of the program so the next pack can say what changed. */
export function baselineOf(f: PackFacts): PackBaseline {
  const measures: PackBaseline['measures'] = {};
  for (const m of f.measures) {
    measures[m.id] = {
      code: m.code,
      title: m.title,
      di: m.diLevel,
      impl: m.implementationStatus,
      pot: m.potentialStatus,
      forecast: f.values[m.id]?.forecast ?? 0,
      lifecycle: m.lifecycle,
    };
  }
  const raid: PackBaseline['raid'] = {};
  for (const r of f.raid) raid[r.id] = { code: r.code, title: r.title, kind: r.kind, status: r.status };
  return { measures, raid, decisions: f.decisions.map((d) => d.id) };
}

/** "What changed since the last meeting": the current baseline against the previous snapshot's. */
export function changeBlocks(f: PackFacts, now: PackBaseline): PackBlock[] {
  const prev = f.previous;
  if (!prev) {
    return [{ type: 'note', text: 'No previous snapshot for this scope: this is the first pack frozen for it, so there is nothing to compare against yet.' }];
  }
  const before = prev.baseline;
  const gates: PackCell[][] = [];
  const statuses: PackCell[][] = [];
  const movers: { code: string; title: string; from: number; to: number }[] = [];
  for (const [id, m] of Object.entries(now.measures)) {
    const b = before.measures[id];
    if (!b) {
      movers.push({ code: m.code, title: `${m.title} (new)`, from: 0, to: m.forecast });
      continue;
    }
    if (m.di > b.di) gates.push([m.code, m.title, `DI${b.di} ${DI_NAMES[b.di] ?? ''}`, `DI${m.di} ${DI_NAMES[m.di] ?? ''}`]);
    if (m.impl !== b.impl || m.pot !== b.pot) statuses.push([m.code, m.title, rag(b.impl), rag(m.impl), rag(b.pot), rag(m.pot)]);
    if (m.forecast !== b.forecast) movers.push({ code: m.code, title: m.title, from: b.forecast, to: m.forecast });
  }
  for (const [id, b] of Object.entries(before.measures)) {
    if (!now.measures[id] && b.forecast !== 0) movers.push({ code: b.code, title: `${b.title} (removed)`, from: b.forecast, to: 0 });
  }
  const cur = moneyIn(f);
  const delta = movers.reduce((s, m) => s + m.to - m.from, 0);
  movers.sort((a, b) => Math.abs(b.to - b.from) - Math.abs(a.to - a.from) || a.code.localeCompare(b.code));
  const newRaid = Object.entries(now.raid).filter(([id]) => !before.raid[id]);
  const closedRaid = Object.entries(now.raid).filter(([id, r]) => r.status === 'closed' && before.raid[id] && before.raid[id].status !== 'closed');
  const known = new Set(before.decisions);
  const newDecisions = f.decisions.filter((d) => !known.has(d.id));
  const raidRow = (r: { code: string; kind: string; title: string }): PackCell[] => [r.code, r.kind, r.title];
  return [
    { type: 'note', text: `Compared with the pack frozen on ${day(prev.date, f.locale)}${prev.meetingTitle ? ` for ${prev.meetingTitle}` : ''}.` },
    {
      type: 'kpis',
      items: [
        { label: 'Gates passed', value: String(gates.length) },
        { label: 'Status changes', value: String(statuses.length) },
        { label: 'Forecast moved', value: moneyDelta(delta, cur), hint: plural(movers.length, 'measure') },
        { label: 'New RAID items', value: String(newRaid.length) },
        { label: 'Closed RAID items', value: String(closedRaid.length) },
        { label: 'New decisions', value: String(newDecisions.length) },
      ],
    },
    { type: 'table', title: 'Gates passed', columns: cols(['Measure', 1], ['Title', 4], ['From', 1.6], ['To', 1.6]), rows: gates, empty: 'No gates passed.' },
    {
      type: 'table',
      title: 'Status changes (implementation and potential)',
      columns: cols(['Measure', 1], ['Title', 3.4], ['Delivery was', 1.2], ['Delivery now', 1.2], ['Value was', 1.2], ['Value now', 1.2]),
      rows: statuses,
      empty: 'No status changed.',
    },
    {
      type: 'table',
      title: `Value moved: top ${TOP_MOVERS} forecast changes`,
      columns: cols(['Measure', 1], ['Title', 3.4], ['Forecast was', 1.6, 'right'], ['Forecast now', 1.6, 'right'], ['Change', 1.6, 'right']),
      rows: movers.slice(0, TOP_MOVERS).map((m) => [m.code, m.title, money(m.from, cur), money(m.to, cur), moneyDelta(m.to - m.from, cur)]),
      empty: 'No forecast moved.',
    },
    { type: 'table', title: 'New RAID items', columns: cols(['Item', 1], ['Kind', 1.2], ['Title', 6]), rows: newRaid.map(([, r]) => raidRow(r)), empty: 'No new RAID items.' },
    { type: 'table', title: 'Closed RAID items', columns: cols(['Item', 1], ['Kind', 1.2], ['Title', 6]), rows: closedRaid.map(([, r]) => raidRow(r)), empty: 'No RAID items closed.' },
    {
      type: 'table',
      title: 'New decisions',
      columns: cols(['Decision', 1], ['Date', 1.2], ['What was decided', 6]),
      rows: newDecisions.map((d) => [d.code, day(d.date, f.locale), d.text]),
      empty: 'No new decisions.',
    },
  ];
}

export function cols(...c: [string, number, ('left' | 'right' | 'center')?][]) {
  return c.map(([label, width, align]) => ({ label, width, align }));
}
