import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/connection.js';
import { replicaId, runAction } from '../../db/changes.js';
import { buildBundle, commitBundle, importBundle } from './bundles.js';
import { contentHash, forge, team, type Line, type Team } from './test-forge.js';

let t: Team | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

const sync = (from: Database, to: Database) => {
  const b = buildBundle(from, 'test');
  if (!b) return null;
  commitBundle(from, b);
  return importBundle(to, b.bytes, b.fileName);
};

/** Bob's copy signs `lines` (as Bob); Alice's copy must refuse them with `reason`, changing nothing. */
function refusedOnAlice(lines: Line[], reason: string | RegExp) {
  const { alice, bob } = t!;
  sync(alice, bob);
  sync(bob, alice);
  const before = contentHash(alice);
  const o = importBundle(alice, forge(bob, lines), 'forged.stbundle');
  expect(o.refusedChanges).toHaveLength(1);
  expect(o.refusedChanges[0]!.from).toBe('Bob Stone');
  expect(o.refusedChanges[0]!.reason).toMatch(reason);
  expect(contentHash(alice)).toBe(before);
}

const bobSets = (tbl: string, rowId: string, col: string, value: unknown, extra: Partial<Line> = {}): Line => ({ tbl, rowId, col, value, actor: 'p-bob', ...extra });

describe('imports obey the rules of a local edit', () => {
  it('refuses values a local edit could not store: a date that is not one, an empty title, a javascript: link, an unknown status', () => {
    t = team();
    refusedOnAlice([bobSets('measures', 'm-1', 'due_date', 'not-a-date')], 'measures.due_date: "not-a-date" is not a date (YYYY-MM-DD)');
    refusedOnAlice([bobSets('measures', 'm-1', 'title', '   ')], 'measures.title: is required and cannot be empty');
    refusedOnAlice([bobSets('measures', 'm-1', 'implementation_status', 'purple')], /measures\.implementation_status: "purple" is not one of green, amber, red, grey/);
    const link = (col: string, value: unknown): Line => ({ tbl: 'gate_evidence', rowId: 'ev-js', col, value, actor: 'p-bob', tx: 'ev' });
    refusedOnAlice(
      [link('measure_id', 'm-1'), link('request_id', null), link('kind', 'link'), link('name', 'Click me'), link('url', 'javascript:alert(1)'), link('added_by', 'p-bob'), link('added_at', '2027-01-01T10:00:00.000Z'), link('deleted', 0)],
      'gate_evidence.url: "javascript:alert(1)" is not a web link (http:// or https://)',
    );
  });

  it('refuses a DI level moved without an approved gate request, and a measure created at DI5', () => {
    t = team();
    refusedOnAlice([bobSets('measures', 'm-1', 'di_level', 5, { oldValue: 0 })], 'moves M-0001 from DI0 to DI5 without an approved gate request');
    const mk = (col: string, value: unknown): Line => ({ tbl: 'measures', rowId: 'm-new', col, value, actor: 'p-bob', tx: 'new' });
    refusedOnAlice([mk('code', 'M-0100'), mk('node_id', 'n-p1'), mk('title', 'Born closed'), mk('di_level', 5), mk('deleted', 0)], /creates M-0100 at DI5/);
  });

  it('refuses governed decisions by someone not entitled: an approval without the role, a lifecycle decision, a controller confirmation, a validation', () => {
    t = team();
    const { alice } = t;
    // A pending DI1 request of M-0001 (owner Bob, sponsor Carol, controller Alice), made on Alice's copy.
    runAction(alice, { actor: 'p-bob', enteredBy: 'p-alice', label: 'Request' }, (w) =>
      w.insert('gate_requests', { measure_id: 'm-1', from_level: 0, to_level: 1, requester_id: 'p-bob', comment: '', status: 'pending', created_at: '2027-01-01T10:00:00.000Z', closed_at: null, close_reason: '' }, 'req-1'),
    );
    const decide = (col: string, value: unknown): Line => ({ tbl: 'gate_decisions', rowId: 'dec-1', col, value, actor: 'p-bob', tx: 'decide' });
    const approval = [decide('request_id', 'req-1'), decide('person_id', 'p-bob'), decide('roles', '["sponsor"]'), decide('decision', 'approve'), decide('comment', ''), decide('at', '2027-01-02T10:00:00.000Z'), decide('deleted', 0)];
    refusedOnAlice(approval, /decides DI1 for M-0001 for a role its person does not hold \(sponsor\)/);
    const hold = (col: string, value: unknown): Line => ({ tbl: 'lifecycle_decisions', rowId: 'lc-1', col, value, actor: 'p-bob', tx: 'hold' });
    refusedOnAlice(
      [
        hold('measure_id', 'm-1'), hold('action', 'hold'), hold('from_state', 'active'), hold('to_state', 'on_hold'), hold('reason', 'Budget'), hold('review_date', '2027-06-01'),
        hold('person_id', 'p-bob'), hold('at', '2027-01-02T10:00:00.000Z'), hold('deleted', 0),
        { tbl: 'measures', rowId: 'm-1', col: 'lifecycle', value: 'on_hold', oldValue: 'active', actor: 'p-bob', tx: 'hold' },
      ],
      "M-0001: Only the measure's sponsor or a steering committee sponsor may hold a measure.",
    );
    const att = (col: string, value: unknown): Line => ({ tbl: 'gate_attestations', rowId: 'att-1', col, value, actor: 'p-bob', tx: 'att' });
    refusedOnAlice(
      [att('measure_id', 'm-1'), att('key', 'business_case_validated'), att('person_id', 'p-bob'), att('note', ''), att('at', '2027-01-02T10:00:00.000Z'), att('deleted', 0)],
      'M-0001: Only the measure\'s controller may confirm "Business case validated by controller".',
    );
    const val = (col: string, value: unknown): Line => ({ tbl: 'value_validations', rowId: 'm-1:2027-01', col, value, actor: 'p-bob', tx: 'val' });
    refusedOnAlice(
      [val('measure_id', 'm-1'), val('period', '2027-01'), val('state', 'validated'), val('validated_by', 'p-bob'), val('validated_at', '2027-02-01T10:00:00.000Z'), val('deleted', 0)],
      "validates or reopens M-0001's actuals, which only its controller may do",
    );
  });

  it('takes the same decision as the origin did: an approval entitled when it was made stays entitled, whatever arrived since', () => {
    t = team();
    const { alice, bob, carol } = t;
    runAction(alice, { actor: 'p-bob', enteredBy: 'p-alice', label: 'Request' }, (w) =>
      w.insert('gate_requests', { measure_id: 'm-1', from_level: 0, to_level: 1, requester_id: 'p-bob', comment: '', status: 'pending', created_at: '2027-01-01T10:00:00.000Z', closed_at: null, close_reason: '' }, 'req-1'),
    );
    sync(alice, carol);
    sync(alice, bob);
    // DI1's approver is the sponsor: Carol approves on her own copy…
    runAction(carol, { actor: 'p-carol', label: 'Approve' }, (w) => {
      w.insert('gate_decisions', { request_id: 'req-1', person_id: 'p-carol', roles: '["sponsor"]', decision: 'approve', comment: '', at: '2027-01-02T10:00:00.000Z' }, 'dec-1');
      w.update('gate_requests', 'req-1', { status: 'approved', closed_at: '2027-01-02T10:00:00.000Z' });
      w.update('measures', 'm-1', { di_level: 1 });
    });
    // …while Alice, not knowing, makes Bob the sponsor instead.
    runAction(alice, { actor: 'p-alice', label: 'Sponsor' }, (w) => w.update('measures', 'm-1', { sponsor_id: 'p-bob' }));
    // Bob hears of the new sponsor first, Alice not at all: both still take Carol's approval.
    sync(alice, bob);
    for (const db of [alice, bob]) {
      const o = sync(carol, db);
      expect(o?.refusedChanges).toEqual([]);
      expect((db.prepare("SELECT di_level FROM measures WHERE id = 'm-1'").get() as { di_level: number }).di_level).toBe(1);
    }
    expect(replicaId(bob)).not.toBe(replicaId(alice));
  });
});
