import { afterEach, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { ARTIFACTS, cell, editCell, openApp, see, WAIT_MS, type Session } from './harness.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** The API calls the page makes (POST /api/<method>), in order, with their bodies. */
interface Recorder {
  calls: { method: string; body: unknown; done: boolean }[];
  inFlight(): number;
}

function recordCalls(page: Page, rec: Recorder): void {
  const open = new Map<Request, Recorder['calls'][number]>();
  page.on('request', (r) => {
    const m = /\/api\/([^?]+)$/.exec(r.url());
    if (!m || r.method() !== 'POST') return;
    const call = { method: decodeURIComponent(m[1]!), body: r.postDataJSON() as unknown, done: false };
    open.set(r, call);
    rec.calls.push(call);
  });
  const done = (r: Request) => {
    const c = open.get(r);
    if (c) c.done = true;
    open.delete(r);
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  rec.inFlight = () => open.size;
}

const WRITES = new Set(['measures:update', 'measures:bulkUpdate']);

describe('what an edit costs', () => {
  it('a title edit in the grid is one write and at most two reads, and the row is shown once with the new title', async () => {
    const rec: Recorder = { calls: [], inFlight: () => 0 };
    s = await openApp({ workspace: 'demo', viewport: { width: 1440, height: 900 }, beforeLoad: (page) => recordCalls(page, rec) });
    const { page, api } = s;
    const [m] = await api.call('measures:list', {});
    await see.visible(cell(page, m!.id, 'title'));
    // The start-up loads (the last is every measure's gate readiness) are over before the edit is counted.
    await expect.poll(() => rec.calls.some((c) => c.method === 'gates:readiness' && c.done) && rec.inFlight() === 0, { timeout: WAIT_MS }).toBe(true);
    rec.calls.length = 0;

    await editCell(page, m!.id, 'title', 'Edited once');
    await see.text(cell(page, m!.id, 'title'), 'Edited once');
    await see.visible(page.getByRole('button', { name: /Undo/ }).and(page.locator(`[title="Undo Edit ${m!.code} Title (Ctrl+Z)"]`)));
    await expect.poll(() => rec.inFlight(), { timeout: WAIT_MS }).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/edit-cost.png` });

    const names = rec.calls.map((c) => c.method);
    const writes = names.filter((n) => WRITES.has(n));
    const reads = names.filter((n) => !WRITES.has(n));
    expect(writes, names.join(', ')).toEqual(['measures:update']);
    expect(reads.length, names.join(', ')).toBeLessThanOrEqual(2);
    // The reads are of that one measure, not of whole lists.
    for (const c of rec.calls.filter((x) => !WRITES.has(x.method))) expect(c.body, c.method).toMatchObject({ ids: [m!.id] });
    expect((await api.call('measures:get', { id: m!.id })).title).toBe('Edited once');
  });
});
