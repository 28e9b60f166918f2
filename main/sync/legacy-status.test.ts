import { describe, expect, it } from 'vitest';
import { appendChange, rowKeyOf } from '../../db/change-rows.js';
import { clockOf, replicaId } from '../../db/changes.js';
import { openConflicts } from './conflicts.js';
import { edit, receive, replicas, send, who } from './test-replicas.js';

/** Copies on an older version logged and synced derived statuses as edits; a bundle carrying them is imported, the statuses ignored. */
describe('statuses synced by older versions', () => {
  it('imports the bundle, applies its other changes, keeps the status changes in the log and applies none', () => {
    const [a, b] = replicas(2, 2);
    try {
      edit(b!, (w) => w.update('measures', 'm-1', { title: 'Renamed on B' }));
      // What a schema-9 copy logged when someone opened its dashboard.
      b!.transaction(() => {
        const key = rowKeyOf(b!, 'measures', 'm-1').key;
        for (const col of ['implementation_status', 'potential_status']) {
          appendChange(b!, { hlc: clockOf(b!).tick(), replica: replicaId(b!), tbl: 'measures', rowId: 'm-1', col, value: '"red"', oldValue: '"grey"', base: null, actor: who(b!), tx: 'old-refresh', key });
        }
      })();
      const outcome = receive(a!, send(b!))!;
      expect(outcome).toMatchObject({ status: 'imported', reason: null, refusedChanges: [] });
      expect(a!.prepare('SELECT title, implementation_status AS i, potential_status AS p FROM measures WHERE id = ?').get('m-1')).toEqual({ title: 'Renamed on B', i: 'grey', p: 'grey' });
      // Kept as received (a relay passes them on), never a conflict for a person.
      expect(a!.prepare("SELECT count(*) AS n FROM change_log WHERE tx = 'old-refresh'").get()).toEqual({ n: 2 });
      expect(openConflicts(a!)).toEqual([]);
      // The same changes again: nothing new.
      expect(receive(a!, send(b!)) ?? { changes: 0 }).toMatchObject({ changes: 0 });
    } finally {
      a!.close();
      b!.close();
    }
  });
});
