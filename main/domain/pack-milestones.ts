import type { FactMilestone, PackFacts } from '../../preload/contract/pack-facts.js';
import type { PackBlock, PackCell } from '../../preload/contract/pack-types.js';
import { RAG_LABELS } from '../../preload/contract/types.js';
import { cols } from './pack-changes.js';
import { day, daysBetween, plural } from './pack-format.js';

const measureCell = (m: FactMilestone): string => (m.lifecycle === 'on_hold' ? `${m.measureCode} (on hold)` : m.measureCode);
const statusCell = (m: FactMilestone): PackCell => ({ text: RAG_LABELS[m.status], rag: m.status });

/** A milestone already past its plan date: its re-forecast, or that nobody gave one. */
function overdueForecast(m: FactMilestone, today: string, locale: string | null | undefined): string {
  if (!m.forecastDate) return 'not re-forecast';
  return m.forecastDate < today ? `${day(m.forecastDate, locale)} (also passed)` : day(m.forecastDate, locale);
}

/** A milestone still ahead: its forecast against the plan date. */
function upcomingForecast(m: FactMilestone, locale: string | null | undefined): string {
  if (!m.forecastDate) return 'no forecast';
  const slip = daysBetween(m.dueDate, m.forecastDate);
  const shown = day(m.forecastDate, locale);
  if (slip > 0) return `${shown} (${plural(slip, 'day')} late)`;
  if (slip < 0) return `${shown} (${plural(-slip, 'day')} early)`;
  return `${shown} (on plan)`;
}

/**
 * Overdue milestones (open, past their plan date, with days late) as their own list, apart
 * from the ones planned in the window ahead; work of cancelled and closed measures is not
 * here (the repository leaves it out).
 */
export function milestoneBlocks(f: PackFacts): PackBlock[] {
  const overdue = f.milestones.filter((m) => m.dueDate < f.today).sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.measureCode.localeCompare(b.measureCode));
  const key = (m: FactMilestone) => (m.forecastDate && m.forecastDate < m.dueDate ? m.forecastDate : m.dueDate);
  const upcoming = f.milestones
    .filter((m) => m.dueDate >= f.today)
    .sort((a, b) => key(a).localeCompare(key(b)) || a.measureCode.localeCompare(b.measureCode));
  const oldest = overdue[0] ? `, the oldest ${plural(daysBetween(overdue[0].dueDate, f.today), 'day')} late` : '';
  return [
    {
      type: 'note',
      text: `${plural(overdue.length, 'open milestone')} past the plan date${oldest}; ${plural(upcoming.length, 'milestone')} planned from ${day(f.today, f.locale)} to ${day(f.milestoneWindowEnd, f.locale)}. Milestones of cancelled and closed measures are left out.`,
    },
    {
      type: 'table',
      title: `Overdue: open milestones past their plan date (${overdue.length})`,
      columns: cols(['Plan date', 1.1], ['Days late', 0.8, 'right'], ['Forecast', 1.5], ['Measure', 1.1], ['Milestone (measure)', 4], ['Owner', 1.5], ['Delivery', 1]),
      rows: overdue.map((m) => [day(m.dueDate, f.locale), String(daysBetween(m.dueDate, f.today)), overdueForecast(m, f.today, f.locale), measureCell(m), `${m.title} (${m.measureTitle})`, m.owner ?? '—', statusCell(m)]),
      empty: 'No open milestone is past its plan date.',
    },
    {
      type: 'table',
      title: `Due in the next 90 days (${upcoming.length})`,
      columns: cols(['Plan date', 1.1], ['Forecast', 2], ['Measure', 1.1], ['Milestone (measure)', 4.2], ['Owner', 1.5], ['Delivery', 1]),
      rows: upcoming.map((m) => [day(m.dueDate, f.locale), upcomingForecast(m, f.locale), measureCell(m), `${m.title} (${m.measureTitle})`, m.owner ?? '—', statusCell(m)]),
      empty: 'No open milestones are planned in the next 90 days.',
    },
  ];
}
