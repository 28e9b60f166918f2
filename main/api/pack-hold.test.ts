import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackTexts } from '../../preload/contract.js';
import { apiWithWorkspace } from './test-helpers.js';

type Ctx = Awaited<ReturnType<typeof apiWithWorkspace>>;
const TEXTS: PackTexts = { overallStatus: 'amber', statusReason: 'Billing feed late', summary: 'Gold launch holds.', keyAchievement: 'Tiers priced', keyConcern: 'Decide the fallback' };
const changes = (t: Ctx) => (t.api.session.db().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;

describe('holding a meeting is safe', () => {
  let t: Ctx;
  beforeEach(async () => {
    t = await apiWithWorkspace();
  });
  afterEach(() => t.cleanup());
  const planned = async () => (await t.api.call('meetings:list', {})).find((m) => m.status === 'planned')!;

  it('carries the draft texts over to the meeting chosen; saving with the meeting keeps them with it', async () => {
    await t.api.call('pack:saveTexts', { texts: TEXTS });
    const m = await planned();
    expect(await t.api.call('pack:texts', { meetingId: m.id })).toEqual({ texts: TEXTS, source: 'draft' });
    const pack = await t.api.call('pack:build', { meetingId: m.id });
    expect(pack.texts).toEqual(TEXTS);
    expect(pack.meta.emptyTexts).toEqual([]);
    await t.api.call('pack:saveTexts', { meetingId: m.id, texts: { ...TEXTS, summary: 'For the meeting.' } });
    expect(await t.api.call('pack:texts', { meetingId: m.id })).toMatchObject({ source: 'meeting', texts: { summary: 'For the meeting.' } });
    expect((await t.api.call('pack:texts', {})).texts.summary).toBe('Gold launch holds.');
  });

  it('refuses to freeze without a meeting, and writes nothing', async () => {
    const before = changes(t);
    await expect(t.api.call('pack:freeze', { acceptEmpty: true })).rejects.toMatchObject({ body: { code: 'validation', message: expect.stringContaining('choose the meeting first') } });
    await expect(t.api.call('pack:holdCheck', {})).rejects.toMatchObject({ body: { code: 'validation' } });
    expect(changes(t)).toBe(before);
    expect(await t.api.call('pack:snapshots', {})).toEqual([]);
  });

  it('lists what is empty before freezing, and freezes only once the person accepts it', async () => {
    const m = await planned();
    await t.api.call('pack:saveTexts', { meetingId: m.id, texts: { ...TEXTS, summary: '', keyAchievement: '  ' } });
    const check = await t.api.call('pack:holdCheck', { meetingId: m.id });
    expect(check).toEqual({ meetingId: m.id, meetingTitle: m.title, held: false, empty: ['Summary', 'Key achievement'] });
    const before = changes(t);
    await expect(t.api.call('pack:freeze', { meetingId: m.id })).rejects.toMatchObject({ body: { message: expect.stringContaining('empty: Summary; Key achievement') } });
    expect(changes(t)).toBe(before);
    const snap = await t.api.call('pack:freeze', { meetingId: m.id, acceptEmpty: true });
    expect(snap.meetingId).toBe(m.id);
    expect((await t.api.call('meetings:get', { id: m.id })).meeting.status).toBe('held');
    expect(await t.api.call('pack:holdCheck', { meetingId: m.id })).toMatchObject({ held: true });
  });

  it('freezes the draft texts with the meeting: they become its own, and the next meeting starts empty', async () => {
    await t.api.call('pack:saveTexts', { texts: TEXTS });
    const m = await planned();
    const snap = await t.api.call('pack:freeze', { meetingId: m.id });
    expect((await t.api.call('pack:snapshot', { id: snap.id })).texts).toEqual(TEXTS);
    expect(await t.api.call('pack:texts', { meetingId: m.id })).toEqual({ texts: TEXTS, source: 'meeting' });
    // One step: undo brings back the draft and the planned meeting, and drops the snapshot.
    expect((await t.api.call('history:state', {})).undo).toBe(`Hold ${m.title}: freeze pack ${m.date}`);
    await t.api.call('history:undo', {});
    expect(await t.api.call('pack:snapshots', {})).toEqual([]);
    expect((await t.api.call('pack:texts', {})).texts).toEqual(TEXTS);
    expect((await t.api.call('meetings:get', { id: m.id })).meeting.status).toBe('planned');
    await t.api.call('history:redo', {});
    const next = await t.api.call('meetings:create', { title: 'Steering committee #7', date: '2099-02-01' });
    expect((await t.api.call('pack:texts', { meetingId: next.id })).source).toBe('none');
    expect((await t.api.call('pack:holdCheck', { meetingId: next.id })).empty).toHaveLength(5);
  });
});
