import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/connection.js';
import { getLocal, getMeta } from '../../db/connection.js';
import { clockOf, runAction } from '../../db/changes.js';
import { formatHlc } from '../../db/hlc.js';
import { buildBundle, importBundle } from './bundles.js';
import { checkBundleHeader, encodeBundle, headerJson, newKeyPair } from './format.js';
import { KEY_SETTING } from './segments.js';
import { contentHash, forge } from './test-forge.js';
import { edit, receive, replicas, seededWorkspace, send } from './test-replicas.js';
import { now, nowIso } from '../../db/clock.js';

/** Everything a refused bundle must leave untouched, this copy's sync bookkeeping included. */
const state = (db: Database) =>
  contentHash(db) +
  JSON.stringify(db.prepare('SELECT * FROM sync_received').all()) +
  JSON.stringify(db.prepare('SELECT * FROM sync_peers').all()) +
  JSON.stringify(db.prepare('SELECT origin, seq FROM sync_segments ORDER BY origin, seq').all()) +
  JSON.stringify(db.prepare('SELECT * FROM sync_pending').all());

function setup() {
  const [a, b] = replicas(2);
  edit(a!, (w) => w.update('measures', 'm-1', { title: 'Changed on A' }));
  const bundle = send(a!)!;
  return { a: a!, b: b!, bundle };
}

function expectRefused(b: Database, bytes: Buffer, reason: RegExp) {
  const before = state(b);
  const o = importBundle(b, bytes, 'x.stbundle');
  expect(o.status).toBe('refused');
  expect(o.reason).toMatch(reason);
  expect(state(b)).toBe(before);
}

const splitHeader = (bytes: Buffer) => {
  const p = headerJson(bytes)!;
  return { header: checkBundleHeader(p.json), body: p.body };
};

describe('bundles that must be refused, with nothing changed', () => {
  it('one changed byte in the body', () => {
    const { b, bundle } = setup();
    const bytes = Buffer.from(bundle.bytes);
    const i = bytes.indexOf('Changed on A');
    bytes[i] = 'X'.charCodeAt(0);
    expectRefused(b, bytes, /does not match its signed hash/);
  });

  it('a forged header (number or vector altered)', () => {
    const { b, bundle } = setup();
    const { header, body } = splitHeader(bundle.bytes);
    const forged = Buffer.concat([Buffer.from(`${JSON.stringify({ ...header, seq: header.seq + 5 })}\n`), body]);
    expectRefused(b, forged, /signature does not match/);
    const vector = Buffer.concat([Buffer.from(`${JSON.stringify({ ...header, vector: {} })}\n`), body]);
    expectRefused(b, vector, /signature does not match/);
  });

  it('a valid bundle re-signed by a key nobody registered', () => {
    const { a, b } = setup();
    const stranger = newKeyPair();
    expectRefused(b, forge(a, [{ tbl: 'measures', rowId: 'm-1', col: 'title', value: 'x', actor: 'tester' }], { key: stranger.privateKey }), /signature does not match/);
  });

  it('edits stamped by a clock days ahead: refused with the date, imported once the clocks agree', () => {
    const [a, b] = replicas(2);
    const future = now() + 3 * 86_400_000;
    clockOf(a!).observe(formatHlc({ ms: future, counter: 0 }));
    edit(a!, (w) => w.update('measures', 'm-1', { title: 'From the future' }));
    const bundle = send(a!)!;
    expectRefused(b!, bundle.bytes, /^carries edits stamped \d{4}-\d\d-\d\d \d\d:\d\d UTC, 3 days ahead of this computer's clock; check the date and time on .+'s computer/);
    expect(importBundle(b!, bundle.bytes, 'x.stbundle').retry).toBe(true);
    // Once this computer's clock has caught up, the same bundle is imported.
    expect(importBundle(b!, bundle.bytes, bundle.fileName, future).status).toBe('imported');
    expect((b!.prepare("SELECT title FROM measures WHERE id = 'm-1'").get() as { title: string }).title).toBe('From the future');
  });

  it('a truncated file', () => {
    const { b, bundle } = setup();
    expectRefused(b, bundle.bytes.subarray(0, bundle.bytes.length - 20), /changed or truncated|truncated/);
    expectRefused(b, bundle.bytes.subarray(0, 40), /not a Steerco bundle|truncated/);
  });

  it('a bundle for another workspace', () => {
    const { b } = setup();
    const other = seededWorkspace();
    edit(other, (w) => w.update('measures', 'm-1', { title: 'elsewhere' }));
    runAction(other, { actor: 't', label: 'x', undoable: false }, () => undefined);
    const ob = buildBundle(other, 't');
    // A workspace with no peer writes no bundle; forge one with its own key.
    const bytes = ob?.bytes ?? forge(other, [{ tbl: 'measures', rowId: 'm-1', col: 'title', value: 'x', actor: 't' }]);
    expectRefused(b, bytes, /another workspace/);
  });

  it('a bundle from a newer schema asks to update Steerco', () => {
    const { a, b, bundle } = setup();
    const key = getLocal(a, KEY_SETTING)!;
    const { header } = splitHeader(bundle.bytes);
    const newer = encodeBundle({ schemaVersion: 999, workspaceId: getMeta(a, 'workspace_id')!, writer: header.writer, seq: 77, vector: {}, createdAt: nowIso(), checkpoint: false }, [], key);
    expectRefused(b, newer, /update Steerco/);
  });
});

describe('actions that must be refused inside a bundle, the rest applied', () => {
  it('a change to a table or column outside the allow-list', () => {
    const { a, b, bundle } = setup();
    receive(b, bundle);
    const before = (b.prepare("SELECT count(*) AS n FROM local_settings WHERE key = 'x'").get() as { n: number }).n;
    const o = importBundle(
      b,
      forge(a, [
        { tbl: 'local_settings', rowId: 'x', col: 'value', value: '1', actor: 'tester', tx: 't1' },
        { tbl: 'measures', rowId: 'm-1', col: 'id', value: 'x', actor: 'tester', tx: 't2' },
        { tbl: 'measures', rowId: 'm-2', col: 'title', value: 'Still applied', oldValue: 'Measure 2', actor: 'tester', tx: 't3' },
      ]),
      'y.stbundle',
    );
    expect(o.refusedChanges.map((r) => r.reason)).toEqual([
      'local_settings.value writes table "local_settings", which is not synced',
      'measures.id writes column measures.id, which is not synced',
    ]);
    expect((b.prepare("SELECT count(*) AS n FROM local_settings WHERE key = 'x'").get() as { n: number }).n).toBe(before);
    expect((b.prepare("SELECT title FROM measures WHERE id = 'm-2'").get() as { title: string }).title).toBe('Still applied');
  });

  it('a change referring to a row this copy does not have, and a change to a row never created', () => {
    const { a, b, bundle } = setup();
    receive(b, bundle);
    const before = contentHash(b);
    const cell = (col: string, value: unknown) => ({ tbl: 'measures', rowId: 'm-orphan', col, value, actor: 'tester', tx: 'orphan' });
    const o = importBundle(b, forge(a, [cell('code', 'M-0999'), cell('node_id', 'no-such-node'), cell('title', 'Orphan'), cell('deleted', 0)]), 'y.stbundle');
    expect(o.refusedChanges.map((r) => r.reason)).toEqual(['measures.node_id refers to a nodes row this copy does not have']);
    const o2 = importBundle(b, forge(a, [{ tbl: 'measures', rowId: 'm-never', col: 'title', value: 'x', actor: 'tester' }]), 'z.stbundle');
    expect(o2.refusedChanges.map((r) => r.reason)).toEqual(['changes a measures row this copy does not have (it was never created)']);
    expect(contentHash(b)).toBe(before);
  });
});

describe('replays', () => {
  it('a replayed old bundle is skipped and changes nothing', () => {
    const { a, b, bundle } = setup();
    expect(receive(b, bundle)?.status).toBe('imported');
    edit(a, (w) => w.update('measures', 'm-1', { title: 'Newer' }));
    const second = send(a)!;
    expect(receive(b, second)?.status).toBe('imported');
    const before = state(b);
    const replay = importBundle(b, bundle.bytes, 'old.stbundle');
    expect(replay.status).toBe('skipped');
    expect(replay.reason).toBe('already imported');
    expect(importBundle(b, second.bytes, 'again').reason).toBe('already imported');
    expect(state(b)).toBe(before);
    expect((b.prepare("SELECT title FROM measures WHERE id = 'm-1'").get() as { title: string }).title).toBe('Newer');
  });

  it('an old bundle arriving after a newer one from the same copy changes nothing', () => {
    const { a, b, bundle } = setup();
    edit(a, (w) => w.update('measures', 'm-1', { title: 'Newer' }));
    expect(receive(b, send(a))?.status).toBe('imported');
    const o = importBundle(b, bundle.bytes, 'old.stbundle');
    expect(o.changes).toBe(0);
    expect((b.prepare("SELECT title FROM measures WHERE id = 'm-1'").get() as { title: string }).title).toBe('Newer');
  });
});
