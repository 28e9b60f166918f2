import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../main/api/index';
import type { Events, Measure, SteercoBridge } from '../../preload/contract';
import { createApiClient } from './api';
import { affects } from './reloads';
import { createAppStore, type AppStore } from './store';

/*
 * The store with its slices, over the real API in this process (a real workspace file),
 * wired to the workspace's events the way App does: what one edit costs and what it reloads.
 */
// The browser's storage (the tree remembers the selected node), in memory: Node has none.
const mem = new Map<string, string>();
globalThis.localStorage ??= {
  getItem: (k: string) => mem.get(k) ?? null,
  setItem: (k: string, v: string) => void mem.set(k, v),
  removeItem: (k: string) => void mem.delete(k),
  clear: () => mem.clear(),
  key: (i: number) => [...mem.keys()][i] ?? null,
  get length() {
    return mem.size;
  },
};

// The user's locale comes from navigator (Node 20 has none).
if (typeof navigator === 'undefined') Object.defineProperty(globalThis, 'navigator', { value: { language: 'en-US' } });

let api: Api;
let dir: string;
let store: AppStore;
let calls: string[];
let pending: Promise<void>[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'steerco-store-'));
  api = createApi({ configDir: join(dir, 'config'), version: 'test' });
  await api.call('workspace:create', { path: join(dir, 'ws.steerco'), name: 'Test', demo: true });
  calls = [];
  pending = [];
  const bridge: SteercoBridge = {
    invoke: (method, input) => {
      calls.push(method);
      return api.call(method, input);
    },
    on: (event, listener) => api.session.on(event, listener),
  };
  store = createAppStore(createApiClient(bridge));
  api.session.on('workspace:changed', (change) => pending.push(store.getState().reloads.changed(change)));
  await store.getState().loadAppInfo();
  await store.getState().reloadAll();
  await store.getState().loadGateReadiness();
  calls.length = 0;
});
afterEach(() => {
  api.close();
  rmSync(dir, { recursive: true, force: true });
});

const settled = async () => {
  while (pending.length) await Promise.all(pending.splice(0));
};

describe('reload registry over the real API', () => {
  it('a title edit is one write and two reads of that measure, and its row is set once', async () => {
    const m = store.getState().measures[0]!;
    const versions: Measure[] = [];
    store.subscribe((s, prev) => {
      const row = s.measures.find((x) => x.id === m.id);
      if (row && row !== prev.measures.find((x) => x.id === m.id)) versions.push(row);
    });
    expect(await store.getState().updateMeasure(m.id, { title: 'Edited once' })).toBe(true);
    await settled();
    expect(calls).toEqual(['measures:update', 'measures:list', 'gates:readiness']);
    expect(versions.map((v) => v.title)).toEqual(['Edited once']);
    expect(store.getState().undoState.undo).toBe(`Edit ${m.code} Title`);
    // Other rows keep their objects (the grid leaves them alone).
    expect(store.getState().measures.filter((x) => x.id !== m.id).every((x, i) => x === store.getState().measures.filter((y) => y.id !== m.id)[i])).toBe(true);
  });

  it('moving a measure reloads the tree (its counts); a refused edit reloads nothing', async () => {
    const m = store.getState().measures[0]!;
    const other = store.getState().nodes.find((n) => n.level === 'package' && n.id !== m.nodeId)!;
    expect(await store.getState().moveMeasures([m.id], other.id)).toBe(true);
    await settled();
    expect(calls).toContain('nodes:list');
    expect(store.getState().nodes.find((n) => n.id === other.id)!.measureCount).toBe(other.measureCount + 1);
    calls.length = 0;
    expect(await store.getState().updateMeasure(m.id, { title: ' ' })).toBe(false);
    await settled();
    expect(calls).toEqual(['measures:update']);
    expect(store.getState().cellErrors[`${m.id}:title`]).toBe('Title: is required and cannot be empty');
  });
});

describe('affects', () => {
  const change = (c: Events['workspace:changed']) => c;
  it('follows tables, and columns where a reload names them', () => {
    const tree = { tables: ['nodes', 'measures'], columns: { measures: ['node_id', 'deleted'] }, run: () => undefined };
    expect(affects(tree, change({ tables: ['measures'], columns: { measures: ['title', 'updated_at'] } }))).toBe(false);
    expect(affects(tree, change({ tables: ['measures'], columns: { measures: ['node_id'] } }))).toBe(true);
    // A change that does not list its columns may have touched any.
    expect(affects(tree, change({ tables: ['measures'] }))).toBe(true);
    expect(affects(tree, change({ tables: ['people'] }))).toBe(false);
    expect(affects({ tables: 'all', run: () => undefined }, change({ tables: ['x'] }))).toBe(true);
  });
});
