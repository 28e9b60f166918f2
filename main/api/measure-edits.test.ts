import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Api } from './index.js';
import { apiWithWorkspace } from './test-helpers.js';

let api: Api;
let cleanup: () => void;
beforeEach(async () => {
  ({ api, cleanup } = await apiWithWorkspace());
});
afterEach(() => cleanup());

const undoLabel = async () => (await api.call('history:state', {})).undo;
const changeCount = () => (api.session.db().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;

describe('one measure-edit path', () => {
  it('labels the same edit the same whichever method carries it, built-in or custom field', async () => {
    const [m] = await api.call('measures:list', {});
    await api.call('measures:update', { id: m!.id, patch: { title: 'One' } });
    expect(await undoLabel()).toBe(`Edit ${m!.code} Title`);
    await api.call('measures:bulkUpdate', { edits: [{ id: m!.id, patch: { title: 'Two' } }] });
    expect(await undoLabel()).toBe(`Edit ${m!.code} Title`);
    const f = await api.call('customFields:create', { label: 'Risk comment', type: 'text' });
    await api.call('measures:update', { id: m!.id, patch: { title: 'Three' }, custom: { [f.key]: 'watch it' } });
    expect(await undoLabel()).toBe(`Edit ${m!.code} Title, Risk comment`);
    expect(await api.call('measures:get', { id: m!.id })).toMatchObject({ title: 'Three', custom: { [f.key]: 'watch it' } });
  });

  it('labels an edit of several measures by its fields and count', async () => {
    const ms = (await api.call('measures:list', {})).slice(0, 12);
    const owner = (await api.call('people:list', {}))[0]!;
    await api.call('measures:bulkUpdate', { edits: ms.map((m, i) => ({ id: m.id, patch: { title: `T${i}`, owner: owner.name } })) });
    expect(await undoLabel()).toBe('Set Title, Owner on 12 measures');
  });

  it('refuses a single edit at its field without the code, and writes nothing', async () => {
    const [m] = await api.call('measures:list', {});
    const before = changeCount();
    const err = await api.call('measures:update', { id: m!.id, patch: { title: '  ' } }).catch((e: unknown) => e as { message: string; body: { issues: { field: string; message: string }[] } });
    expect(err).toMatchObject({ message: 'Title: is required and cannot be empty', body: { issues: [{ field: 'title', message: 'Title: is required and cannot be empty' }] } });
    expect(changeCount()).toBe(before);
  });

  it('refuses a deleted measure in a single and in a bulk edit', async () => {
    const [a, b] = await api.call('measures:list', {});
    await api.call('measures:delete', { ids: [a!.id] });
    await expect(api.call('measures:update', { id: a!.id, patch: { title: 'x' } })).rejects.toMatchObject({ body: { code: 'not_found' } });
    await expect(api.call('measures:bulkUpdate', { edits: [{ id: a!.id, patch: { title: 'x' } }, { id: b!.id, patch: { title: 'y' } }] })).rejects.toMatchObject({
      body: { code: 'validation', message: /no longer exists/ },
    });
  });
});
