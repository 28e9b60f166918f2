import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Measure } from '../../preload/contract.js';
import type { Api } from './index.js';
import { apiWithWorkspace } from './test-helpers.js';

// Typed dates and numbers go through the one parser (preload/contract/parse.ts) in the
// user's locale; what cannot be read is refused with the reason and NOTHING is written.
let api: Api;
let cleanup: () => void;
let m: Measure;
beforeEach(async () => {
  ({ api, cleanup } = await apiWithWorkspace());
  await api.call('customFields:create', { label: 'Go-live', type: 'date' });
  await api.call('customFields:create', { label: 'Headcount', type: 'number' });
  await api.call('customFields:create', { label: 'Saving', type: 'money' });
  m = (await api.call('measures:list', {})).find((x) => x.startDate && x.dueDate)!;
  await api.call('measures:update', { id: m.id, patch: {}, custom: { go_live: '2026-06-30', headcount: '3', saving: '10' }, locale: 'en-US' });
  m = await api.call('measures:get', { id: m.id });
});
afterEach(() => cleanup());

const changeCount = () => (api.session.db().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: { body: { code: string; message: string; issues?: { field?: string; message: string }[] } }) => e.body,
  );

/** Runs `call`, expects the refusal `message`, and checks that the row, the change log and the undo label did not move. */
async function refusedUnchanged(call: () => Promise<unknown>, message: string | RegExp) {
  const before = { row: await api.call('measures:get', { id: m.id }), changes: changeCount(), undo: (await api.call('history:state', {})).undo };
  const body = await refusal(call());
  expect(body.code).toBe('validation');
  if (typeof message === 'string') expect(body.message).toBe(message);
  else expect(body.message).toMatch(message);
  expect(body.message).not.toMatch(/NaN/);
  expect(await api.call('measures:get', { id: m.id })).toEqual(before.row);
  expect(changeCount()).toBe(before.changes);
  expect((await api.call('history:state', {})).undo).toBe(before.undo);
  return body;
}

describe('dates typed into Start, Due and a custom date field', () => {
  const bad: [string, string, string][] = [
    ['en-US', 'someday', '"someday" is not a date; use 12/31/2026 or 2026-12-31'],
    ['en-US', '31.12.2026', '"31.12.2026" is not a date in en-US (month/day/year, 12/31/2026): there is no month 31'],
    ['en-US', '2026-02-30', '"2026-02-30" is not a day: February 2026 has 28 days'],
    ['en-US', '2027-02-29', '"2027-02-29" is not a day: February 2027 has 28 days'],
    ['de-DE', '11/15/2026', '"11/15/2026" is not a date in de-DE (day.month.year, 31.12.2026): there is no month 15'],
    ['de-DE', '31.02.2026', '"31.02.2026" is not a day: February 2026 has 28 days'],
    ['en-GB', '12/31/2026', '"12/31/2026" is not a date in en-GB (day/month/year, 31/12/2026): there is no month 31'],
  ];
  it.each(bad)('%s: refuses %j in Due, Start and the custom date, writing nothing', async (locale, text, message) => {
    const due = await refusedUnchanged(() => api.call('measures:update', { id: m.id, patch: { dueDate: text }, locale }), `Due date: ${message}`);
    expect(due.issues).toEqual([{ field: 'dueDate', row: m.code, message: `Due date: ${message}` }]);
    await refusedUnchanged(() => api.call('measures:update', { id: m.id, patch: { startDate: text }, locale }), `Start date: ${message}`);
    await refusedUnchanged(() => api.call('measures:update', { id: m.id, patch: {}, custom: { go_live: text }, locale }), `Go-live: ${message}`);
    // Paste and bulk edit: the same parser, the same words, nothing written.
    const bulk = await refusedUnchanged(
      () => api.call('measures:bulkUpdate', { edits: [{ id: m.id, patch: { dueDate: text }, custom: { go_live: text } }], locale }),
      `Due date: ${message}; Go-live: ${message}`,
    );
    expect(bulk.issues?.map((i) => i.field)).toEqual(['dueDate', 'go_live']);
  });

  it.each([
    ['de-DE', '31.12.2099', '2099-12-31'],
    ['de-DE', '29.02.2028', '2028-02-29'],
    ['en-US', '12/31/2099', '2099-12-31'],
    ['en-US', '11/15/2099', '2099-11-15'],
    ['en-GB', '31/12/2099', '2099-12-31'],
    ['en-GB', '2099-1-5', '2099-01-05'],
    ['de-DE', '2028-02-29', '2028-02-29'],
  ])('%s: reads %j as %s, stored as ISO', async (locale, text, iso) => {
    const r = await api.call('measures:update', { id: m.id, patch: { dueDate: text }, custom: { go_live: text }, locale });
    expect(r.dueDate).toBe(iso);
    expect(r.custom?.go_live).toBe(iso);
    const stored = api.session.db().prepare('SELECT due_date AS d FROM measures WHERE id = ?').get(m.id) as { d: string };
    expect(stored.d).toBe(iso);
  });

  it('refuses an unknown locale tag at the contract, writing nothing', async () => {
    const changes = changeCount();
    const body = await refusal(api.call('measures:update', { id: m.id, patch: { dueDate: '2099-01-01' }, locale: 'not a tag!' }));
    expect(body).toMatchObject({ code: 'bad_input', message: expect.stringMatching(/language tag/) });
    expect(changeCount()).toBe(changes);
  });
});

describe('numbers and money typed into custom fields', () => {
  it('reads 1,5 in de-DE as 1.5 (number) and 1.50 (money, 150 minor units)', async () => {
    const r = await api.call('measures:update', { id: m.id, patch: {}, custom: { headcount: '1,5', saving: '1,5' }, locale: 'de-DE' });
    expect(r.custom).toMatchObject({ headcount: 1.5, saving: 150 });
    const stored = api.session.db().prepare("SELECT f.key AS k, v.value AS v FROM custom_values v JOIN custom_fields f ON f.id = v.field_id WHERE v.measure_id = ? AND f.key IN ('headcount', 'saving')").all(m.id) as { k: string; v: string }[];
    expect(Object.fromEntries(stored.map((x) => [x.k, x.v]))).toEqual({ headcount: '1.5', saving: '150' });
    const big = await api.call('measures:update', { id: m.id, patch: {}, custom: { headcount: '1.234,5', saving: '1.234,56' }, locale: 'de-DE' });
    expect(big.custom).toMatchObject({ headcount: 1234.5, saving: 123456 });
    const en = await api.call('measures:bulkUpdate', { edits: [{ id: m.id, custom: { headcount: '1,234.5', saving: '1,234.5' } }], locale: 'en-US' });
    expect(en.cells).toBe(1);
    expect((await api.call('measures:get', { id: m.id })).custom).toMatchObject({ headcount: 1234.5, saving: 123450 });
  });

  it.each([
    ['en-US', 'headcount', 'abc', 'Headcount: "abc" is not a number; use 1234.5 or 1,234.5'],
    ['de-DE', 'headcount', 'abc', 'Headcount: "abc" is not a number; use 1234,5 or 1.234,5'],
    ['en-US', 'headcount', '1,5', 'Headcount: "1,5" is not a number in en-US, where "." marks decimals and "," groups thousands; use 1234.5 or 1,234.5'],
    ['de-DE', 'headcount', '1.5', 'Headcount: "1.5" is not a number in de-DE, where "," marks decimals and "." groups thousands; use 1234,5 or 1.234,5'],
    ['en-US', 'saving', 'abc', 'Saving: "abc" is not a number; use 1234.5 or 1,234.5'],
    ['en-US', 'saving', '1,5', 'Saving: "1,5" is not a number in en-US, where "." marks decimals and "," groups thousands; use 1234.5 or 1,234.5'],
    ['en-US', 'saving', '12.345', 'Saving: "12.345" has more than 2 decimals'],
    ['de-DE', 'saving', '12,345', 'Saving: "12,345" has more than 2 decimals'],
  ])('%s: refuses %s = %j with the reason in words, writing nothing', async (locale, key, text, message) => {
    await refusedUnchanged(() => api.call('measures:update', { id: m.id, patch: {}, custom: { [key]: text }, locale }), message);
    await refusedUnchanged(() => api.call('measures:bulkUpdate', { edits: [{ id: m.id, custom: { [key]: text } }], locale }), message);
  });
});

describe('RAID due dates', () => {
  it('reads the locale order and refuses what it cannot read, writing nothing', async () => {
    const r = (await api.call('raid:list', {})).find((x) => x.dueDate)!;
    const changes = changeCount();
    const body = await refusal(api.call('raid:update', { id: r.id, patch: { dueDate: '11/15/2026' }, locale: 'de-DE' }));
    expect(body.message).toBe('Due date: "11/15/2026" is not a date in de-DE (day.month.year, 31.12.2026): there is no month 15');
    expect(changeCount()).toBe(changes);
    expect((await api.call('raid:list', {})).find((x) => x.id === r.id)!.dueDate).toBe(r.dueDate);
    expect((await api.call('raid:update', { id: r.id, patch: { dueDate: '31.12.2099' }, locale: 'de-DE' })).dueDate).toBe('2099-12-31');
  });
});
