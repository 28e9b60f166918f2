import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/connection.js';
import { runAction } from '../../db/changes.js';
import { buildBundle, commitBundle, importBundle } from './bundles.js';
import { clockOf } from '../../db/changes.js';
import { formatHlc } from '../../db/hlc.js';
import { encodeBundle, newKeyPair, parseHeader } from './format.js';
import { dumpTables, edit, receive, replicas, seededWorkspace, send } from './test-replicas.js';
import { now } from '../../db/clock.js';

/** Everything a refused bundle must leave untouched, change log and bookkeeping included. */
const state = (db: Database) =>
  dumpTables(db) +
  JSON.stringify(db.prepare('SELECT count(*) AS n, max(seq) AS s FROM change_log').get()) +
  JSON.stringify(db.prepare('SELECT * FROM sync_received').all()) +
  JSON.stringify(db.prepare('SELECT * FROM sync_peers').all());

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

describe('bundles that must be refused, with nothing changed', () => {
  it('one changed byte in the body', () => {
    const { b, bundle } = setup();
    const bytes = Buffer.from(bundle.bytes);
    const i = bytes.indexOf('Changed on A');
    bytes[i] = 'X'.charCodeAt(0);
    expectRefused(b, bytes, /does not match its signed hash/);
  });

  it('a forged header (count or vector altered)', () => {
    const { b, bundle } = setup();
    const { header, body } = parseHeader(bundle.bytes);
    const forged = Buffer.concat([Buffer.from(`${JSON.stringify({ ...header, seq: header.seq + 5 })}\n`), body]);
    expectRefused(b, forged, /signature does not match/);
  });

  it('a valid bundle re-signed by an unknown key', () => {
    const { a, b, bundle } = setup();
    const { header } = parseHeader(bundle.bytes);
    const changes = a.prepare('SELECT hlc, replica, tbl, row_id AS rowId, col, value, old_value AS oldValue, base_hlc AS baseHlc, base_replica AS baseReplica, actor, tx FROM change_log').all() as never[];
    const resigned = encodeBundle({ ...header }, changes, newKeyPair().privateKey);
    expectRefused(b, resigned, /signature does not match/);
    const stranger = { ...header, replica: '00000000-0000-4000-8000-000000000000' };
    expectRefused(b, encodeBundle(stranger, changes, newKeyPair().privateKey), /unknown copy/);
  });

  it('edits stamped by a clock days ahead: refused with the date, imported once the clocks agree', () => {
    const [a, b] = replicas(2);
    const future = now() + 3 * 86_400_000;
    clockOf(a!).observe(formatHlc({ ms: future, counter: 0 }));
    edit(a!, (w) => w.update('measures', 'm-1', { title: 'From the future' }));
    const bundle = send(a!)!;
    expectRefused(b!, bundle.bytes, /^carries edits stamped \d{4}-\d\d-\d\d \d\d:\d\d UTC, 3 days ahead of this computer's clock; check the date and time on .+'s computer/);
    // Once this computer's clock has caught up, the same bundle is imported.
    expect(importBundle(b!, bundle.bytes, bundle.fileName, future).status).toBe('imported');
    expect((b!.prepare("SELECT title FROM measures WHERE id = 'm-1'").get() as { title: string }).title).toBe('From the future');
  });

  it('a truncated file', () => {
    const { b, bundle } = setup();
    expectRefused(b, bundle.bytes.subarray(0, bundle.bytes.length - 20), /changed or truncated/);
    expectRefused(b, bundle.bytes.subarray(0, 40), /not a Steerco bundle|truncated/);
  });

  it('a bundle for another workspace', () => {
    const { b } = setup();
    const other = seededWorkspace();
    edit(other, (w) => w.update('measures', 'm-1', { title: 'elsewhere' }));
    runAction(other, { actor: 't', label: 'x', undoable: false }, () => undefined);
    const ob = buildBundle(other, 't')!;
    expectRefused(b, ob.bytes, /another workspace/);
  });

  it('a bundle from a newer schema asks to update Steerco', () => {
    const { b, bundle } = setup();
    const { header } = parseHeader(bundle.bytes);
    const key = b.prepare("SELECT value FROM local_settings WHERE key = 'sync_private_key'").get() as { value: string };
    const newer = encodeBundle({ ...header, schemaVersion: 999 }, [], key.value);
    expectRefused(b, newer, /update Steerco/);
  });

  it('a change to a table or column outside the allow-list', () => {
    const { a, b } = setup();
    const { header } = parseHeader(buildBundle(a, 't')!.bytes);
    const key = a.prepare("SELECT value FROM local_settings WHERE key = 'sync_private_key'").get() as { value: string };
    const bad = { hlc: '000000000000001.000000', replica: header.replica, tbl: 'local_settings', rowId: 'x', col: 'value', value: '"1"', oldValue: null, baseHlc: null, baseReplica: null, actor: 'a', tx: 't' };
    expectRefused(b, encodeBundle({ ...header, seq: 99 }, [bad], key.value), /not synced/);
    expectRefused(b, encodeBundle({ ...header, seq: 99 }, [{ ...bad, tbl: 'measures', col: 'id' }], key.value), /measures\.id, which is not synced/);
  });

  it('a change referring to a row this copy does not have', () => {
    const { a, b } = setup();
    const { header } = parseHeader(buildBundle(a, 't')!.bytes);
    const key = a.prepare("SELECT value FROM local_settings WHERE key = 'sync_private_key'").get() as { value: string };
    const cell = (col: string, value: string) => ({
      hlc: formatHlc({ ms: now(), counter: 999 }), replica: header.replica, tbl: 'measures', rowId: 'm-orphan', col, value, oldValue: null, baseHlc: null, baseReplica: null, actor: 'a', tx: 't',
    });
    const orphan = [cell('code', '"M-0999"'), cell('node_id', '"no-such-node"'), cell('title', '"Orphan"'), cell('deleted', '0')];
    expectRefused(b, encodeBundle({ ...header, seq: 99 }, orphan, key.value), /does not have yet/);
  });

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
    commitBundle(a, second);
  });

  it('an old bundle arriving after a newer one from the same copy is skipped as a replay', () => {
    const { a, b, bundle } = setup();
    edit(a, (w) => w.update('measures', 'm-1', { title: 'Newer' }));
    expect(receive(b, send(a))?.status).toBe('imported');
    const before = state(b);
    const o = importBundle(b, bundle.bytes, 'old.stbundle');
    expect(o.status).toBe('skipped');
    expect(o.reason).toMatch(/replay/);
    expect(state(b)).toBe(before);
  });
});
