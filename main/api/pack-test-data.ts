import type { Database } from '../../db/connection.js';
import { runAction } from '../../db/changes.js';

/**
 * Test and bench data for packs: effects, milestones, RAID and dependencies written through
 * the change log on the first `count` measures (by code). Deterministic for a given `asOf`.
 */
export function addPackData(db: Database, opts: { count?: number; asOf: string; nodeIds?: string[] }): { measureIds: string[] } {
  const scope = opts.nodeIds ? 'AND node_id IN (SELECT value FROM json_each(?))' : '';
  const args = opts.nodeIds ? [JSON.stringify(opts.nodeIds)] : [];
  const ids = (db.prepare(`SELECT id FROM measures WHERE deleted = 0 ${scope} ORDER BY code LIMIT ?`).all(...args, opts.count ?? 12) as { id: string }[]).map((r) => r.id);
  const people = (db.prepare('SELECT id FROM people WHERE deleted = 0 ORDER BY name').all() as { id: string }[]).map((r) => r.id);
  const year = Number(opts.asOf.slice(0, 4));
  const month = Number(opts.asOf.slice(5, 7));
  const periods = Array.from({ length: 12 }, (_, i) => {
    const m = ((month - 6 + i + 120) % 12) + 1;
    const y = year + Math.floor((month - 6 + i - 1) / 12);
    return `${y}-${String(m).padStart(2, '0')}`;
  });
  const current = opts.asOf.slice(0, 7);
  runAction(db, { actor: 'system', label: 'Pack test data', undoable: false }, (w) => {
    ids.forEach((id, i) => {
      const base = (i + 1) * 1_000_000; // 10,000.00 per month and step
      const run = w.insert('effect_lines', { measure_id: id, type: 'recurring_benefit', label: 'Run-rate', target: base * 12, sort_order: 1 });
      for (const p of periods) {
        w.insert('effect_values', { line_id: run, period: p, plan: base, forecast: base - (i % 3) * 100_000, actual: p < current ? base - 50_000 : null, actual_validated: p < current ? 1 : 0 }, `${run}:${p}`);
      }
      if (i % 4 === 0) {
        const one = w.insert('effect_lines', { measure_id: id, type: 'one_time_benefit', label: 'One-off', target: base * 2, sort_order: 2 });
        const p = periods[7]!;
        w.insert('effect_values', { line_id: one, period: p, plan: base * 2, forecast: base * 2, actual: null, actual_validated: 0 }, `${one}:${p}`);
      }
      const due = new Date(`${opts.asOf}T00:00:00Z`);
      due.setUTCDate(due.getUTCDate() + 10 + i * 7);
      w.insert('milestones', { measure_id: id, title: `Go-live step ${i + 1}`, owner_id: people[i % people.length] ?? null, due_date: due.toISOString().slice(0, 10), done: 0, sort_order: 1 });
    });
    const raid = (n: number, kind: string, extra: Record<string, string | number | null>) =>
      w.insert('raid_items', { code: `T-${String(n).padStart(4, '0')}`, kind, title: `${kind} ${n}`, measure_id: ids[n % ids.length] ?? null, owner_id: people[n % people.length] ?? null, status: 'open', escalated: 0, ...extra });
    raid(1, 'risk', { title: 'Billing feed not ready for tier launch', impact: 'critical', probability: 'high', next_action: 'Fallback manual billing' });
    raid(2, 'issue', { title: 'Ticketing licences delayed', impact: 'high', probability: 'high', escalated: 1, escalation_level: 'steering', next_action: 'Sponsor call with vendor', due_date: opts.asOf });
    raid(3, 'risk', { title: 'Pricing acceptance by key accounts', impact: 'medium', probability: 'medium' });
    raid(4, 'assumption', { title: 'Volumes stay within forecast' });
    if (ids.length >= 3) {
      w.insert('dependencies', { measure_id: ids[0]!, on_measure_id: ids[1]!, description: 'needs the platform' });
      w.insert('dependencies', { measure_id: ids[1]!, on_measure_id: ids[2]!, description: 'needs the billing feed' });
    }
  });
  return { measureIds: ids };
}
