import { describe, expect, it } from 'vitest';
import { advanceClock } from '../../db/clock.js';
import { openConflicts, resolveConflict } from './conflicts.js';
import { dumpTables, edit, receive, replicas, send, who } from './test-replicas.js';

const title = (db: ReturnType<typeof replicas>[number], id: string) =>
  (db.prepare('SELECT title FROM measures WHERE id = ?').get(id) as { title: string }).title;

describe('field-level merge', () => {
  it('merges edits of different fields of one measure without a conflict', () => {
    const [a, b] = replicas(2);
    edit(a!, (w) => w.update('measures', 'm-1', { title: 'From A' }));
    edit(b!, (w) => w.update('measures', 'm-1', { description: 'From B' }));
    const ab = send(a!);
    const ba = send(b!);
    expect(receive(b!, ab)?.status).toBe('imported');
    expect(receive(a!, ba)?.status).toBe('imported');
    expect(title(b!, 'm-1')).toBe('From A');
    expect(dumpTables(a!)).toBe(dumpTables(b!));
    expect(openConflicts(a!)).toEqual([]);
    expect(openConflicts(b!)).toEqual([]);
  });

  it('shows a concurrent edit of one field as a conflict on both copies, and a resolution closes it everywhere', () => {
    const [a, b] = replicas(2);
    edit(a!, (w) => w.update('measures', 'm-1', { title: 'A title' }));
    edit(b!, (w) => w.update('measures', 'm-1', { title: 'B title' }));
    receive(b!, send(a!));
    receive(a!, send(b!));
    expect(title(a!, 'm-1')).toBe(title(b!, 'm-1'));
    const ca = openConflicts(a!);
    expect(ca).toHaveLength(1);
    expect(ca.map((c) => c.id)).toEqual(openConflicts(b!).map((c) => c.id));
    const values = [ca[0]!.current.value, ...ca[0]!.others.map((o) => o.value)].sort();
    expect(values).toEqual(['A title', 'B title']);
    // Importing the same bundle again changes nothing.
    expect(receive(a!, send(b!))?.changes ?? 0).toBe(0);
    resolveConflict(a!, who(a!), ca[0]!.id, { value: 'Agreed title' });
    expect(openConflicts(a!)).toEqual([]);
    receive(b!, send(a!));
    expect(title(b!, 'm-1')).toBe('Agreed title');
    expect(openConflicts(b!)).toEqual([]);
    expect(dumpTables(a!)).toBe(dumpTables(b!));
  });

  it('still shows the conflict when a copy edited the cell twice before seeing the concurrent edit', () => {
    const [a, b] = replicas(2);
    edit(b!, (w) => w.update('measures', 'm-3', { title: 'B early' }));
    advanceClock(3);
    edit(a!, (w) => w.update('measures', 'm-3', { title: 'A first' }));
    edit(a!, (w) => w.update('measures', 'm-3', { title: 'A second' }));
    receive(b!, send(a!));
    receive(a!, send(b!));
    for (const db of [a!, b!]) {
      const c = openConflicts(db);
      expect(c.map((x) => [x.current.value, x.others.map((o) => o.value)])).toEqual([['A second', ['B early']]]);
    }
    resolveConflict(a!, who(a!), openConflicts(a!)[0]!.id, { value: 'A second' });
    receive(b!, send(a!));
    expect(openConflicts(a!)).toEqual([]);
    expect(openConflicts(b!)).toEqual([]);
  });

  it('reports edit vs delete as a conflict and can restore the row', () => {
    const [a, b] = replicas(2);
    edit(a!, (w) => w.remove('measures', 'm-2'));
    advanceClock(3); // B's edit is later by the clock
    edit(b!, (w) => w.update('measures', 'm-2', { title: 'Still needed' }));
    receive(b!, send(a!));
    receive(a!, send(b!));
    const c = openConflicts(a!);
    expect(c.map((x) => x.kind)).toEqual(['delete']);
    expect(openConflicts(b!).map((x) => x.id)).toEqual(c.map((x) => x.id));
    resolveConflict(b!, who(b!), c[0]!.id, { restore: true });
    receive(a!, send(b!));
    expect(a!.prepare("SELECT deleted, title FROM measures WHERE id = 'm-2'").get()).toEqual({ deleted: 0, title: 'Still needed' });
    expect(openConflicts(a!)).toEqual([]);
  });

  it('gives the later of two concurrently created equal codes a suffix derived from its id, the same on every copy', () => {
    const [a, b, c] = replicas(3);
    edit(a!, (w) => w.insert('measures', { code: 'M-0050', node_id: 'n-p1', title: 'A new' }, 'm-a'));
    // B creates a few ms later, so its clock is the later one.
    advanceClock(3);
    edit(b!, (w) => w.insert('measures', { code: 'M-0050', node_id: 'n-p2', title: 'B new' }, 'm-b'));
    const fromA = send(a!);
    const fromB = send(b!);
    receive(c!, fromB);
    receive(c!, fromA);
    receive(a!, fromB);
    receive(b!, fromA);
    for (let i = 0; i < 2; i++) for (const x of [a!, b!, c!]) { const bb = send(x); for (const y of [a!, b!, c!]) if (y !== x) receive(y, bb); }
    const codes = (db: typeof a) => db!.prepare("SELECT id, code FROM measures WHERE id IN ('m-a','m-b') ORDER BY id").all();
    expect(codes(a)).toEqual(codes(b));
    expect(codes(a)).toEqual(codes(c));
    // The later creation (B's) gets a suffix from its own id: the same on every copy.
    expect(codes(a)).toEqual([
      { id: 'm-a', code: 'M-0050' },
      { id: 'm-b', code: 'M-0050-686899ad' },
    ]);
    expect(dumpTables(a!)).toBe(dumpTables(c!));
  });
});
